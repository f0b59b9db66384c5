package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// The vendor's documented behaviour beyond the seeds' examples
// (PAMCORE-VENDOR.md): upsert replies, response.changed, custody, device
// shapes and codes. Raw calls check what a client other than ours sees.

// rawPAM sends one request with the env's bearer token and decodes the JSON answer.
func rawPAM(t *testing.T, env *testserver.Env, method, path, contentType, body string) (int, map[string]any) {
	t.Helper()
	tok, err := env.Client.Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(bg, method, env.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: not JSON: %s", method, path, raw)
	}
	return resp.StatusCode, out
}

func envelopeOf(j map[string]any) map[string]any {
	r, _ := j["response"].(map[string]any)
	return r
}

// Ansible reads response.changed as a string; it is "true" only when a stored value changed.
func TestPAMUpsertReportsChanged(t *testing.T) {
	env := testserver.Start(t)
	body := `{"identifier":"chg-1","username":"svc","hostname":"chg-host","ip":"10.9.0.1","content":"Pw-1"}`
	for i, want := range []struct {
		body, changed, msg string
	}{
		{body, "true", "Credential successfully registered!"},
		{body, "false", "Credential updated successfully!"},
		{strings.Replace(body, "Pw-1", "Pw-2", 1), "true", "Credential updated successfully!"},
		{strings.Replace(body, `"content":"Pw-1"`, `"tags":"t1"`, 1), "true", "Credential updated successfully!"},
		{strings.Replace(body, `"content":"Pw-1"`, `"tags":"t1"`, 1), "false", "Credential updated successfully!"},
	} {
		s, j := rawPAM(t, env, "POST", "/iso/pam/credential", "application/json", want.body)
		r := envelopeOf(j)
		if s != 201 || j["code"] != float64(201) || r["changed"] != want.changed || r["message"] != want.msg {
			t.Fatalf("upsert %d: %d %v, want 201 %q changed %q", i, s, r, want.msg, want.changed)
		}
	}
	dev := `{"hostname":"chg-dev","ip":"10.9.0.2","type":"Server","vendor":"Debian","model":"12","site":"Lab"}`
	for i, want := range []struct{ body, changed, msg string }{
		{dev, "true", "Device successfully registered!"},
		{dev, "false", "Device updated successfully!"},
		{strings.Replace(dev, `"12"`, `"13"`, 1), "true", "Device updated successfully!"},
	} {
		s, j := rawPAM(t, env, "POST", "/iso/pam/device", "application/json", want.body)
		r := envelopeOf(j)
		d, _ := j["device"].(map[string]any)
		if s != 201 || r["changed"] != want.changed || r["message"] != want.msg || d["site"] != "Lab" || d["hostname"] != "chg-dev" {
			t.Fatalf("device upsert %d: %d %v %v", i, s, r, d)
		}
	}
}

// Seed 001: a new identifier matches by hostname AND ip AND username. The
// bug: a different ip matched on hostname+username alone, renamed the
// existing credential and replaced its password.
func TestPAMUpsertNewIdentifierOtherIPCreates(t *testing.T) {
	env := testserver.Start(t)
	creds := env.Client.Credentials
	first, err := creds.Upsert(bg, client.CredentialUpsert{Identifier: "match-a", Username: ptr("svc"), Hostname: "m-host", IP: "10.1.0.1", Content: "Pw-A"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := creds.Upsert(bg, client.CredentialUpsert{Identifier: "match-b", Username: ptr("svc"), Hostname: "m-host", IP: "10.1.0.2", Content: "Pw-B"})
	if err != nil || !r.Created() || r.Credential.ID == first.Credential.ID {
		t.Fatalf("a new identifier with another ip must create: %v %+v", err, r)
	}
	d, err := creds.Get(bg, first.Credential.ID.String())
	if err != nil || d.Identifier != "match-a" || d.Password != "Pw-A" {
		t.Fatalf("the first credential must be untouched: %v %+v", err, d)
	}
	// Same hostname, ip and username with a new identifier: that credential, renamed.
	r, err = creds.Upsert(bg, client.CredentialUpsert{Identifier: "match-c", Username: ptr("svc"), Hostname: "m-host", IP: "10.1.0.2"})
	if err != nil || r.Created() || r.Credential.Identifier != "match-c" {
		t.Fatalf("hostname+ip+username must match: %v %+v", err, r)
	}
}

// A password read takes custody; release answers the vendor's message once.
func TestPAMCustodyFollowsAPasswordRead(t *testing.T) {
	env := testserver.Start(t)
	creds := env.Client.Credentials
	r, err := creds.Upsert(bg, client.CredentialUpsert{Identifier: "cust-1", Username: ptr("svc"), Hostname: "c-host", IP: "10.2.0.1", Content: "Pw"})
	if err != nil {
		t.Fatal(err)
	}
	id := r.Credential.ID.String()
	if got := codeOf(t, func() error { _, err := creds.ReleaseCustody(bg, id); return err }()); got != 1018 {
		t.Fatalf("release before a read: code %d, want 1018", got)
	}
	if _, err := creds.Get(bg, id); err != nil {
		t.Fatal(err)
	}
	rep, err := creds.ReleaseCustody(bg, id)
	if err != nil || rep.Response.Message != "Credential custody "+id+" released" {
		t.Fatalf("release after a read: %v %+v", err, rep)
	}
	if got := codeOf(t, func() error { _, err := creds.ReleaseCustody(bg, id); return err }()); got != 1018 {
		t.Fatalf("release twice: code %d, want 1018", got)
	}
}

// Devices: the vendor's field names, per-field codes, 1044, connectivities.
func TestPAMDeviceVendorShapeAndCodes(t *testing.T) {
	env := testserver.Start(t)
	devs := env.Client.Devices
	full := client.DeviceUpsert{Hostname: "v-dev", IP: "10.3.0.1", Type: "Server", Vendor: "Debian", Model: "12", Site: "Lab"}
	for _, c := range []struct {
		drop func(*client.DeviceUpsert)
		code int
	}{
		{func(d *client.DeviceUpsert) { d.Site = "" }, 1019}, {func(d *client.DeviceUpsert) { d.Model = "" }, 1020},
		{func(d *client.DeviceUpsert) { d.Vendor = "" }, 1021}, {func(d *client.DeviceUpsert) { d.Type = "" }, 1022},
	} {
		in := full
		c.drop(&in)
		if got := codeOf(t, func() error { _, err := devs.Upsert(bg, in); return err }()); got != c.code {
			t.Fatalf("missing field: code %d, want %d", got, c.code)
		}
	}
	in := full
	in.DeviceDomain, in.DeviceTags, in.Connectivities, in.SessionRemoteConfig = "testlab.com", "core", "ssh:2222,HTTPS:443", "SSH:EXPECT:FILL"
	r, err := devs.Upsert(bg, in)
	if err != nil || !r.Created() || r.Device.DeviceDomain != "testlab.com" || r.Device.Site != "Lab" {
		t.Fatalf("create: %v %+v", err, r)
	}
	d, err := devs.Get(bg, r.Device.ID.String())
	if err != nil || d.DeviceDomain != "testlab.com" || d.DeviceTags != "core" || d.Connectivities != "ssh:2222, HTTPS:443" ||
		d.SessionRemoteConfig != "SSH:EXPECT:FILL" || !d.IsActive() {
		t.Fatalf("get: %v %+v", err, d)
	}
	if got := codeOf(t, func() error { _, err := devs.Activate(bg, d.ID.String()); return err }()); got != 1044 {
		t.Fatalf("activate an active device: code %d, want 1044", got)
	}
	in.Connectivities = "SSH:99999"
	if _, err := devs.Upsert(bg, in); err == nil || !strings.Contains(err.Error(), "connectivities") {
		t.Fatalf("a bad port must be refused naming connectivities: %v", err)
	}
	// A credential on the device takes its connectivity and port from the first item.
	if _, err := env.Client.Credentials.Upsert(bg, client.CredentialUpsert{Identifier: "conn-1", Username: ptr("u"), Hostname: "v-dev", IP: "10.3.0.1", Content: "x"}); err != nil {
		t.Fatal(err)
	}
	cd, err := env.Client.Credentials.Get(bg, "conn-1")
	if err != nil || cd.Port != "2222" {
		t.Fatalf("port from connectivities: %v %+v", err, cd)
	}
	list, err := env.Client.Credentials.List(bg, client.CredentialListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list.Credentials {
		if c.Identifier == "conn-1" && (c.Connectivity != "SSH" || c.ConnectivityCode != "1") {
			t.Fatalf("connectivity from the device: %+v", c)
		}
	}
}

// The PHP client of PAMCORE-VENDOR.md §3.4 sends the upsert in the query
// string of a bodyless POST.
func TestPAMUpsertFromQueryString(t *testing.T) {
	env := testserver.Start(t)
	q := url.Values{"username": {"qs-user"}, "hostname": {"qs-host"}, "ip": {"10.4.0.1"}, "content": {"Qs-Pw"},
		"identifier": {"qs-1"}, "oauth_consumer_key": {"ignored"}}
	s, j := rawPAM(t, env, "POST", "/iso/pam/credential?"+q.Encode(), "", "")
	if s != 201 || envelopeOf(j)["message"] != "Credential successfully registered!" {
		t.Fatalf("query-string upsert: %d %v", s, j)
	}
	d, err := env.Client.Credentials.Get(bg, "qs-1")
	if err != nil || d.Username != "qs-user" || d.Password != "Qs-Pw" {
		t.Fatalf("stored from the query string: %v %+v", err, d)
	}
}
