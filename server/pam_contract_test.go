package server_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

func ptr(s string) *string { return &s }

// codeOf returns the seed error code of a PAM Core failure.
func codeOf(t *testing.T, err error) int {
	t.Helper()
	var e *client.APIError
	if !errors.As(err, &e) {
		t.Fatalf("want an APIError, got %v", err)
	}
	if e.StatusCode != 400 {
		t.Fatalf("PAM Core errors are 400 in the seeds, got %d (%v)", e.StatusCode, err)
	}
	return int(e.Code())
}

// The seed-001 upsert: create, update by identifier, update by
// username+hostname+ip, generated identifier, "usr" for an empty username.
func TestPAMUpsertFollowsSeed001(t *testing.T) {
	env := testserver.Start(t)
	creds := env.Client.Credentials
	r, err := creds.Upsert(bg, client.CredentialUpsert{Identifier: "dyaihdppaj78a547", Username: ptr("username"), Hostname: "w2016", IP: "10.66.33.15", Content: "blfjahbnaihdaa", Tags: "social"})
	if err != nil || !r.Created() || r.Response.Message != "Credential successfully registered!" || r.Credential.Identifier != "dyaihdppaj78a547" {
		t.Fatalf("create: %v %+v", err, r)
	}
	id := r.Credential.ID
	r, err = creds.Upsert(bg, client.CredentialUpsert{Identifier: "dyaihdppaj78a547", Username: ptr("username"), Hostname: "w2016", IP: "10.66.33.15", Content: "changed"})
	if err != nil || r.Created() || r.Credential.ID != id {
		t.Fatalf("update by identifier: %v %+v", err, r)
	}
	r, err = creds.Upsert(bg, client.CredentialUpsert{Username: ptr("newusername"), Hostname: "w2016", IP: "10.66.33.15", Content: "x"})
	if err != nil || !r.Created() || len(r.Credential.Identifier) != 36 || r.Credential.Identifier[14] != '7' {
		t.Fatalf("generated identifier must be a UUIDv7: %v %+v", err, r)
	}
	gen := r.Credential.Identifier
	r, err = creds.Upsert(bg, client.CredentialUpsert{Username: ptr("newusername"), Hostname: "w2016", IP: "10.66.33.15", Content: "y"})
	if err != nil || r.Created() || r.Credential.Identifier != gen {
		t.Fatalf("update by username+hostname+ip: %v %+v", err, r)
	}
	if _, err := creds.Upsert(bg, client.CredentialUpsert{Identifier: "empty-user", Username: ptr(""), Hostname: "w2016", IP: "10.66.33.15"}); err != nil {
		t.Fatal(err)
	}
	d, err := creds.Get(bg, "empty-user")
	if err != nil || d.Username != "usr" {
		t.Fatalf("empty username: %v %+v", err, d)
	}
	d, err = creds.Get(bg, "dyaihdppaj78a547")
	if err != nil || d.Password != "changed" || d.Content != "changed" || d.Hostname != "w2016" {
		t.Fatalf("get by identifier: %v %+v", err, d)
	}
	if d2, err := creds.Get(bg, string(id)); err != nil || d2.ID != id {
		t.Fatalf("get by id: %v", err)
	}
	if d3, err := creds.Get(bg, "username@w2016"); err != nil || d3.Username != "username" {
		t.Fatalf("get by username@hostname: %v", err)
	}
	if _, err := creds.Upsert(bg, client.CredentialUpsert{Username: ptr("svc@corp.example"), Hostname: "mail01", IP: "10.9.9.9", Content: "m"}); err != nil {
		t.Fatal(err)
	}
	if d4, err := creds.Get(bg, "svc@corp.example@mail01"); err != nil || d4.Username != "svc@corp.example" {
		t.Fatalf("a username containing @: %v", err)
	}
}

// Every PAM Core error code of API.md §4, through the real client.
func TestPAMErrorCodes(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(1, 30, 5))
	creds, devs := env.Client.Credentials, env.Client.Devices
	base := func() client.CredentialUpsert {
		return client.CredentialUpsert{Identifier: "codes-1", Username: ptr("u"), Hostname: "codes-host", IP: "10.1.2.3", Content: "pw"}
	}
	cases := []struct {
		name string
		call func() error
		code int
	}{
		{"1004 hostname", func() error { in := base(); in.Hostname = ""; _, err := creds.Upsert(bg, in); return err }, 1004},
		{"1005 ip", func() error { in := base(); in.IP = ""; _, err := creds.Upsert(bg, in); return err }, 1005},
		{"1042 username parameter", func() error { in := base(); in.Username = nil; _, err := creds.Upsert(bg, in); return err }, 1042},
		{"1053 identifier", func() error { in := base(); in.Identifier = "bad id!"; _, err := creds.Upsert(bg, in); return err }, 1053},
		{"1029 device domain", func() error {
			in := base()
			in.DeviceDomain = "nowhere.example"
			_, err := creds.Upsert(bg, in)
			return err
		}, 1029},
		{"1046 plugin", func() error {
			in := base()
			in.JITSettings = json.RawMessage(`{"jit":true,"credential_creation_and_deletion":true,"credential_creation_template":"Linux - Create User"}`)
			_, err := creds.Upsert(bg, in)
			return err
		}, 1046},
		{"1047 template", func() error {
			in := base()
			in.JITSettings = json.RawMessage(`{"jit":true,"credential_creation_and_deletion":true,"credential_creation_plugin":"SSH"}`)
			_, err := creds.Upsert(bg, in)
			return err
		}, 1047},
		{"1007 get", func() error { _, err := creds.Get(bg, "does-not-exist-42"); return err }, 1007},
		{"1007 deactivate", func() error { _, err := creds.Deactivate(bg, "does-not-exist-42"); return err }, 1007},
		{"1011 device get", func() error { _, err := devs.Get(bg, "no-such-host"); return err }, 1011},
		{"1011 device deactivate", func() error { _, err := devs.Deactivate(bg, "no-such-host"); return err }, 1011},
	}
	for _, c := range cases {
		if got := codeOf(t, c.call()); got != c.code {
			t.Errorf("%s: code %d, want %d", c.name, got, c.code)
		}
	}

	// 1043: activating an active credential; 1018: releasing custody twice.
	r, err := creds.Upsert(bg, base())
	if err != nil {
		t.Fatal(err)
	}
	id := string(r.Credential.ID)
	if got := codeOf(t, func() error { _, err := creds.Activate(bg, id); return err }()); got != 1043 {
		t.Errorf("activate an active credential: code %d, want 1043", got)
	}
	if _, err := creds.Deactivate(bg, id); err != nil {
		t.Fatal(err)
	}
	list, _ := creds.List(bg, client.CredentialListOptions{Search: "codes-1"})
	if len(list.Credentials) != 1 || list.Credentials[0].IsActive() {
		t.Fatalf("deactivated credential not shown inactive: %+v", list.Credentials)
	}
	if _, err := creds.Activate(bg, id); err != nil {
		t.Fatalf("re-activate: %v", err)
	}
	if got := codeOf(t, func() error { _, err := creds.ReleaseCustody(bg, id); return err }()); got != 1018 {
		t.Errorf("release custody of a credential not in custody: code %d, want 1018", got)
	}
	all, _ := creds.List(bg, client.CredentialListOptions{})
	released := false
	for _, c := range all.Credentials {
		if c.InCustody != nil && *c.InCustody {
			if _, err := creds.ReleaseCustody(bg, string(c.ID)); err != nil {
				t.Fatalf("release custody: %v", err)
			}
			released = true
			break
		}
	}
	if !released {
		t.Fatal("the demo data has no credential in custody")
	}
}

func TestPAMDevicesAndFormBodies(t *testing.T) {
	env := testserver.Start(t)
	devs := env.Client.Devices
	r, err := devs.Upsert(bg, client.DeviceUpsert{Hostname: "dev-a", IP: "10.2.2.2", Type: "Server", Vendor: "Debian", Model: "12", Site: "lab"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := devs.Upsert(bg, client.DeviceUpsert{Hostname: "dev-a", IP: "10.2.2.3", Type: "Server", Vendor: "Debian", Model: "13", Site: "lab"}); err != nil {
		t.Fatal(err)
	}
	d, err := devs.Get(bg, "dev-a")
	if err != nil || d.Model != "13" || d.ID != r.Device.ID || !d.IsActive() {
		t.Fatalf("upsert by hostname: %v %+v", err, d)
	}
	_, err = devs.Upsert(bg, client.DeviceUpsert{Hostname: "dev-b", IP: "10.2.2.4"})
	if err == nil || !strings.Contains(err.Error(), "type") {
		t.Fatalf("missing device fields must be named: %v", err)
	}
	if _, err := devs.Deactivate(bg, "dev-a"); err != nil {
		t.Fatal(err)
	}
	if d, _ := devs.Get(bg, "dev-a"); d.IsActive() {
		t.Fatal("device still active after deactivate")
	}
	if _, err := devs.Activate(bg, string(d.ID)); err != nil {
		t.Fatal(err)
	}
	list, err := devs.List(bg)
	if err != nil || len(list.Devices) != 1 || !list.Devices[0].IsActive() {
		t.Fatalf("device list: %v %+v", err, list)
	}

	tok, _ := env.Client.Token(bg)
	form := "ip=10.1.1.1&hostname=form-host&type=Local+User&username=formuser&identifier=form-cred&content=f0rm&domain=&tags=&additional=&parent_password="
	s, _, body := rawCall(t, "POST", env.URL+"//iso/pam/credential", strings.NewReader(form),
		map[string]string{"Authorization": "Bearer " + tok, "Content-Type": "application/x-www-form-urlencoded"})
	if s != 201 || !strings.Contains(string(body), `"identifier":"form-cred"`) {
		t.Fatalf("Ansible-style form upsert: %d %s", s, body)
	}
	if s, _, _ := rawCall(t, "GET", env.URL+"/api/pam/nothing-here", nil, map[string]string{"Authorization": "Bearer " + tok}); s != 404 {
		t.Fatalf("unknown route: %d", s)
	}
}

func TestPAMListNeverCarriesPasswords(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(2, 50, 8))
	tok, _ := env.Client.Token(bg)
	s, _, body := rawCall(t, "GET", env.URL+"/iso/pam/credential", nil, map[string]string{"Authorization": "Bearer " + tok})
	if s != 200 || strings.Contains(string(body), `"password"`) || strings.Contains(string(body), `"content"`) {
		t.Fatalf("list: %d carries passwords", s)
	}
	list, err := env.Client.Credentials.List(bg, client.CredentialListOptions{Limit: 10, Offset: 5})
	if err != nil || len(list.Credentials) != 10 || list.Total == nil || *list.Total != 50 {
		t.Fatalf("limit/offset/total: %v %+v", err, list.Total)
	}
}
