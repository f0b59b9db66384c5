package server_test

import (
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

const testPub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example"

// SSH keys through the real client: create, public read, reveal, the
// credential list, deactivate/activate and the vendor's codes.
func TestPAMKeysThroughTheClient(t *testing.T) {
	env := testserver.Start(t)
	keys := env.Client.Keys
	r, err := keys.Upsert(bg, client.SSHKeyUpsert{Identifier: "deploy-key", Username: "deploy", Hostname: "k-host", IP: "10.5.0.1",
		PublicKey: testPub, PrivateKey: "PRIVATE-KEY-1", Password: "Passphrase-1", KeyName: "deploy", Devices: []client.KeyDevice{{Hostname: "unknown-host"}}})
	if err != nil || !r.Created() || r.Response.Message != "Key successfully registered!" || len(r.Key.DevicesError) != 1 {
		t.Fatalf("create: %v %+v", err, r)
	}
	id := r.Key.ID.String()
	pub, err := keys.GetPublic(bg, id)
	if err != nil || pub.PrivateKey != nil || pub.Password != nil || pub.PublicKey != testPub || !strings.HasPrefix(pub.Fingerprint, "SHA256:") {
		t.Fatalf("public read: %v %+v", err, pub)
	}
	k, err := keys.Get(bg, "deploy-key")
	if err != nil || k.PrivateKey == nil || *k.PrivateKey != "PRIVATE-KEY-1" || k.Password == nil || *k.Password != "Passphrase-1" || len(k.Devices) != 1 {
		t.Fatalf("reveal: %v %+v", err, k)
	}
	list, err := env.Client.Credentials.List(bg, client.CredentialListOptions{Search: "deploy-key"})
	if err != nil || len(list.Credentials) != 1 || list.Credentials[0].Type != client.SSHKeyType {
		t.Fatalf("keys are listed as credentials of type SSH Key: %v %+v", err, list)
	}
	if got := codeOf(t, func() error { _, err := env.Client.Credentials.Get(bg, id); return err }()); got != 1010 {
		t.Fatalf("a key through GET credential: %d, want 1010", got)
	}
	if _, err := keys.Deactivate(bg, id); err != nil {
		t.Fatal(err)
	}
	if got := codeOf(t, func() error { _, err := keys.Get(bg, id); return err }()); got != 1017 {
		t.Fatalf("get inactive: %d, want 1017", got)
	}
	if _, err := keys.Activate(bg, id); err != nil {
		t.Fatal(err)
	}
	if got := codeOf(t, func() error { _, err := keys.Activate(bg, id); return err }()); got != 1045 {
		t.Fatalf("activate active: %d, want 1045", got)
	}
	u, err := keys.Upsert(bg, client.SSHKeyUpsert{Identifier: "deploy-key", KeyName: "renamed"})
	if err != nil || u.Created() || u.Response.Message != "Key updated successfully!" || u.Response.Changed != "true" {
		t.Fatalf("update: %v %+v", err, u)
	}
}

// Reading a key's secrets needs pam.key.reveal; the public read needs only view.
func TestPAMKeyRevealNeedsItsScope(t *testing.T) {
	env := testserver.Start(t)
	if _, err := env.Client.Keys.Upsert(bg, client.SSHKeyUpsert{Identifier: "k", Hostname: "h", IP: "10.5.0.2", PublicKey: testPub, PrivateKey: "P"}); err != nil {
		t.Fatal(err)
	}
	viewer, _ := newClientWith(t, env, "key viewer", "pam.key.view")
	if _, err := viewer.Keys.GetPublic(bg, "k"); err != nil {
		t.Fatalf("public read with view: %v", err)
	}
	if _, err := viewer.Keys.Get(bg, "k"); err == nil || !strings.Contains(err.Error(), "1039") {
		t.Fatalf("reveal without pam.key.reveal must be 1039: %v", err)
	}
}

// Protected information: create, list (our extension), public read, reveal, disable.
func TestPAMInfoThroughTheClient(t *testing.T) {
	env := testserver.Start(t)
	info := env.Client.Info
	if got := codeOf(t, func() error { _, err := info.Create(bg, client.InfoCreate{Name: "x"}); return err }()); got != 1026 {
		t.Fatalf("no content: %d, want 1026", got)
	}
	r, err := info.Create(bg, client.InfoCreate{Identifier: "wifi", Name: "Office Wi-Fi", Type: "Access credential", Content: "Wifi-Secret"})
	if err != nil || r.Response.Message != "Information successfully registered!" || r.Info.ID == "" {
		t.Fatalf("create: %v %+v", err, r)
	}
	l, err := info.List(bg, client.InfoListOptions{})
	if err != nil || len(l.Infos) != 1 || l.Infos[0].Content != nil || l.Infos[0].Name != "Office Wi-Fi" {
		t.Fatalf("list: %v %+v", err, l)
	}
	p, err := info.GetPublic(bg, "wifi")
	if err != nil || p.Content != nil {
		t.Fatalf("public read: %v %+v", err, p)
	}
	g, err := info.Get(bg, r.Info.ID.String())
	if err != nil || g.Content == nil || *g.Content != "Wifi-Secret" || g.Ref() != "wifi" {
		t.Fatalf("reveal: %v %+v", err, g)
	}
	if _, err := info.Disable(bg, "wifi"); err != nil {
		t.Fatal(err)
	}
	if got := codeOf(t, func() error { _, err := info.Get(bg, "wifi"); return err }()); got != 1024 {
		t.Fatalf("get disabled: %d, want 1024", got)
	}
	if got := codeOf(t, func() error { _, err := info.Get(bg, "nope"); return err }()); got != 1023 {
		t.Fatalf("unknown: %d, want 1023", got)
	}
}
