package server_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"golang.org/x/text/unicode/norm"
)

// Issue 17 §4: an echoed long value was cut at a byte offset (splitting a
// character) and the ellipsis arrived as the text `\u2026`.
func TestErrorMessagesCutOnCharacters(t *testing.T) {
	env := testserver.Start(t)
	long := "a" + strings.Repeat("é", 60)
	for name, in := range map[string]client.ClientCredentialInput{
		"valid_till": {Name: "x", ValidFrom: "2026-01-01", ValidTill: long},
		"scopes":     {Name: "x", ValidFrom: "2026-01-01", ValidTill: "2026-12-31", Scopes: []string{long}},
	} {
		_, err := env.Client.ClientCredentials.Create(bg, in)
		if err == nil {
			t.Fatalf("%s: accepted %q", name, long)
		}
		msg := err.Error()
		if !utf8.ValidString(msg) || strings.Contains(msg, `\u`) || strings.Contains(msg, `\x`) || !strings.Contains(msg, "é…") {
			t.Errorf("%s: message is not cut on a character with a real ellipsis: %q", name, msg)
		}
	}
}

// refusedNaming fails unless err is a 400 that names field.
func refusedNaming(t *testing.T, err error, field, what string) {
	t.Helper()
	var ae *client.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 400 {
		t.Errorf("%s: want 400 naming %s, got %v", what, field, err)
		return
	}
	if ae.Field(field) == "" && !strings.Contains(ae.Message, field) && !strings.Contains(err.Error(), field+":") {
		t.Errorf("%s: the 400 does not name %s: %v", what, field, err)
	}
}

const hostileText = "db01\x1b]0;TITLE\x07\x1b[2J\u009b31m"

// Issue 17 §2: the server stored ESC and C1 bytes in device vendor, model,
// site, credential type and additional notes, so anyone with
// pam.device.add could plant a title change, a screen clear or an OSC 52
// clipboard write for every console that shows them.
func TestServerRefusesControlCharactersInEveryTextField(t *testing.T) {
	env := testserver.Start(t)
	user := "svc"
	base := func() client.CredentialUpsert {
		return client.CredentialUpsert{Username: &user, Hostname: "ctl-host", IP: "10.0.0.1", Content: "pw",
			Type: "Linux", Vendor: "Acme", Model: "M1", Site: "HQ"}
	}
	fields := map[string]func(*client.CredentialUpsert){
		"hostname":        func(c *client.CredentialUpsert) { c.Hostname = hostileText },
		"username":        func(c *client.CredentialUpsert) { u := "svc" + hostileText; c.Username = &u },
		"ip":              func(c *client.CredentialUpsert) { c.IP = hostileText },
		"type":            func(c *client.CredentialUpsert) { c.Type = hostileText },
		"vendor":          func(c *client.CredentialUpsert) { c.Vendor = hostileText },
		"model":           func(c *client.CredentialUpsert) { c.Model = hostileText },
		"site":            func(c *client.CredentialUpsert) { c.Site = hostileText },
		"credential_type": func(c *client.CredentialUpsert) { c.CredentialType = hostileText },
		"additional":      func(c *client.CredentialUpsert) { c.Additional = hostileText },
		"tags":            func(c *client.CredentialUpsert) { c.Tags = hostileText },
		"notes":           func(c *client.CredentialUpsert) { c.Notes = hostileText },
		"connectivities":  func(c *client.CredentialUpsert) { c.Connectivities = hostileText },
		"device_tags":     func(c *client.CredentialUpsert) { c.DeviceTags = hostileText },
	}
	for field, set := range fields {
		in := base()
		set(&in)
		_, err := env.Client.Credentials.Upsert(bg, in)
		refusedNaming(t, err, field, "credential "+field)
	}
	for field, dev := range map[string]client.DeviceUpsert{
		"vendor": {Hostname: "ctl-dev", IP: "10.0.0.2", Type: "Linux", Vendor: hostileText, Model: "M", Site: "S"},
		"model":  {Hostname: "ctl-dev", IP: "10.0.0.2", Type: "Linux", Vendor: "V", Model: hostileText, Site: "S"},
		"site":   {Hostname: "ctl-dev", IP: "10.0.0.2", Type: "Linux", Vendor: "V", Model: "M", Site: "a\u0085b"},
	} {
		_, err := env.Client.Devices.Upsert(bg, dev)
		refusedNaming(t, err, field, "device "+field)
	}
	_, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "x\u009b2J", ValidFrom: "2026-01-01", ValidTill: "2026-12-31"})
	refusedNaming(t, err, "name", "client credential name with a C1 control")
}

// Issue 17 §3: each of these was accepted as a name distinct from
// "Default Client Credential" (or "Café"), so the table showed two rows
// that look the same.
func TestLookalikeNamesAreRefused(t *testing.T) {
	env := testserver.Start(t)
	cc := env.Client.ClientCredentials
	create := func(name string) error {
		_, err := cc.Create(bg, client.ClientCredentialInput{Name: name, ValidFrom: "2026-01-01", ValidTill: "2026-12-31"})
		return err
	}
	before, err := cc.List(bg, client.ClientCredentialListOptions{PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if err := create("Cafe\u0301"); err != nil { // NFD
		t.Fatal(err)
	}
	for _, name := range []string{
		"Default Client Credential\u200b", // zero-width space: Cf
		"Default Client\u00adCredential",  // soft hyphen: Cf
		"\ufeffDefault Client Credential", // BOM: Cf
		"\u202eDefault Client Credential", // right-to-left override: Cf
	} {
		err := create(name)
		refusedNaming(t, err, "name", fmt.Sprintf("%q", name))
		if err != nil && !strings.Contains(err.Error(), "U+") {
			t.Errorf("%q: the message does not say which character: %v", name, err)
		}
	}
	for name, existing := range map[string]string{
		"Dеfault Client Credential":      "Default Client Credential", // Cyrillic е
		"Default\u00a0Client Credential": "Default Client Credential", // NBSP
		"Ｄｅｆａｕｌｔ Client Credential":      "Default Client Credential", // fullwidth
		"DEFAULT CLIENT CREDENTIAL":      "Default Client Credential",
		"Café":                           "Café", // NFC of the NFD one
	} {
		err := create(name)
		refusedNaming(t, err, "name", fmt.Sprintf("%q", name))
		if err != nil && !strings.Contains(norm.NFC.String(err.Error()), existing) {
			t.Errorf("%q: the refusal does not name %q: %v", name, existing, err)
		}
	}
	page, err := cc.List(bg, client.ClientCredentialListOptions{PageSize: 100})
	if err != nil || page.Count != before.Count+1 {
		t.Fatalf("want the bootstrap credentials and Café only, got %v %+v", err, page)
	}
}

// Issue 17 §3, §4: hostnames follow the name rules. An upsert by hostname
// merged LAB-SRV/lab-srv but made two devices of ÉCOLE-SRV/école-srv;
// a lookalike hostname is refused naming the existing device.
func TestHostnamesFoldAndLookalikes(t *testing.T) {
	env := testserver.Start(t)
	up := func(host string) (*client.DeviceUpsertReply, error) {
		return env.Client.Devices.Upsert(bg, client.DeviceUpsert{Hostname: host, IP: "10.1.1.1", Type: "Linux", Vendor: "V", Model: "M", Site: "S"})
	}
	first, err := up("ÉCOLE-SRV")
	if err != nil {
		t.Fatal(err)
	}
	second, err := up("école-srv")
	if err != nil || second.Device.ID != first.Device.ID {
		t.Fatalf("école-srv is not the device ÉCOLE-SRV: %v %+v %+v", err, first.Device, second.Device)
	}
	if _, err := env.Client.Devices.Get(bg, "école-srv"); err != nil {
		t.Fatalf("GET device by the folded hostname: %v", err)
	}
	_, err = up("ÉC0LE-SRV") // digit zero
	refusedNaming(t, err, "hostname", "lookalike hostname")
	if err != nil && !strings.Contains(err.Error(), "ÉCOLE-SRV") {
		t.Errorf("the refusal does not name the existing device: %v", err)
	}
	_, err = up("ecole\u200b-srv")
	refusedNaming(t, err, "hostname", "hostname with a zero-width space")
	list, err := env.Client.Devices.List(bg)
	if err != nil || len(list.Devices) != 1 {
		t.Fatalf("want one device, got %v %+v", err, list)
	}
}

// Issue 17 §4: search= found "Ärger" for "ÄRGER" but not for "ärger" on
// every list; uniqueness and search now fold alike.
func TestSearchFoldsUnicodeCase(t *testing.T) {
	env := testserver.Start(t)
	if _, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "ÄRGER report", ValidFrom: "2026-01-01", ValidTill: "2026-12-31"}); err != nil {
		t.Fatal(err)
	}
	user := "ärger-svc"
	if _, err := env.Client.Credentials.Upsert(bg, client.CredentialUpsert{Username: &user, Hostname: "ÄRGER-HOST", IP: "10.2.2.2", Content: "pw", Type: "Linux", Vendor: "V", Model: "M", Site: "S"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"ärger", "ÄRGER", "Ärger"} {
		ccs, err := env.Client.ClientCredentials.List(bg, client.ClientCredentialListOptions{Search: q, PageSize: 10})
		if err != nil || ccs.Count != 1 {
			t.Errorf("client credentials search %q: %v %+v", q, err, ccs)
		}
		creds, err := env.Client.Credentials.List(bg, client.CredentialListOptions{Search: q, Limit: 10})
		if err != nil || len(creds.Credentials) != 1 {
			t.Errorf("credentials search %q: %v %+v", q, err, creds)
		}
		audit, err := env.Client.Audit.List(bg, client.AuditListOptions{Search: q, PageSize: 10})
		if err != nil || audit.Count == 0 {
			t.Errorf("audit search %q: %v %+v", q, err, audit)
		}
	}
}

// Issue 17 §5: 300.1.2.3, 999.999.1.1 and "not an ip!" were accepted as IPs.
func TestIPMustBeAnAddressOrHostName(t *testing.T) {
	env := testserver.Start(t)
	user := "svc"
	for i, ip := range []string{"300.1.2.3", "999.999.1.1", "not an ip!", "10.0.0", "-bad.example", "a..b"} {
		_, err := env.Client.Credentials.Upsert(bg, client.CredentialUpsert{Username: &user, Hostname: fmt.Sprintf("ip-host-%d", i), IP: ip, Content: "pw", Type: "Linux", Vendor: "V", Model: "M", Site: "S"})
		refusedNaming(t, err, "ip", "credential ip "+ip)
		_, err = env.Client.Devices.Upsert(bg, client.DeviceUpsert{Hostname: fmt.Sprintf("ip-dev-%d", i), IP: ip, Type: "Linux", Vendor: "V", Model: "M", Site: "S"})
		refusedNaming(t, err, "ip", "device ip "+ip)
	}
	for i, ip := range []string{"10.0.0.1", "::1", "2001:db8::7", "mail.google.com", "db01"} {
		if _, err := env.Client.Devices.Upsert(bg, client.DeviceUpsert{Hostname: fmt.Sprintf("ok-dev-%d", i), IP: ip, Type: "Linux", Vendor: "V", Model: "M", Site: "S"}); err != nil {
			t.Errorf("ip %q refused: %v", ip, err)
		}
	}
}

// Issue 17 §5: a date in the right form that names no day is said to not
// exist, not to be in the wrong form.
func TestDateThatDoesNotExistIsNamed(t *testing.T) {
	env := testserver.Start(t)
	_, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "feb", ValidFrom: "2026-01-01", ValidTill: "2026-02-30"})
	refusedNaming(t, err, "valid_till", "2026-02-30")
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("want a message that 2026-02-30 does not exist, got %v", err)
	}
}
