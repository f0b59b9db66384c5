package credentials

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

const keyPub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example"

// startWithKey runs the credentials screen over a real server holding one
// SSH key, filtered down to it.
func startWithKey(t *testing.T) (*uitest.Kit, *testserver.Env, string) {
	t.Helper()
	env := testserver.Start(t)
	r, err := env.Client.Keys.Upsert(context.Background(), client.SSHKeyUpsert{Identifier: "deploy-key", Username: "deploy",
		Hostname: "web01", IP: "10.0.0.1", PublicKey: keyPub, PrivateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nPRIVATE-BODY\n-----END OPENSSH PRIVATE KEY-----"})
	if err != nil {
		t.Fatal(err)
	}
	k := uitest.New(t, ui.Tab{Name: "Credentials", New: New}, uitest.WithClient(env.Client), uitest.WithSize(120, 30))
	k.MustShow("deploy-key", "SSH Key")
	return k, env, r.Key.ID.String()
}

// The detail of an SSH key shows the public key and fingerprint; the
// private key stays masked until r, which the server audits.
func TestSSHKeyDetailMasksThePrivateKeyUntilR(t *testing.T) {
	k, env, _ := startWithKey(t)
	k.RecordFrames()
	k.Press("enter")
	k.MustShow("SSH key", keyPub, "SHA256:", "r reveal")
	if k.Shows("PRIVATE-BODY") {
		t.Fatal("the private key shows before r")
	}
	before := auditReveals(t, env)
	k.Press("r")
	k.MustShow("PRIVATE-BODY", "visible 30s")
	if auditReveals(t, env) != before+1 {
		t.Fatal("r must be one audited reveal")
	}
	k.Advance(31 * time.Second)
	if k.Shows("PRIVATE-BODY") {
		t.Fatal("the private key must be masked again after 30 s")
	}
	k.Press("esc")
	for _, f := range k.Frames[:1] {
		if strings.Contains(f, "PRIVATE-BODY") {
			t.Fatal("a frame before r held the private key")
		}
	}
}

func auditReveals(t *testing.T, env *testserver.Env) int {
	t.Helper()
	p, err := env.Client.Audit.List(context.Background(), client.AuditListOptions{Search: "ssh_key.reveal"})
	if err != nil {
		t.Fatal(err)
	}
	return p.Count
}

// d and a on a key row go to the key API.
func TestSSHKeyDeactivateActivateFromTheList(t *testing.T) {
	k, env, id := startWithKey(t)
	k.Press("d")
	k.MustShow("Deactivate credential deploy-key")
	k.Press("y")
	if _, err := env.Client.Keys.GetPublic(context.Background(), id); err == nil || !strings.Contains(err.Error(), "1017") {
		t.Fatalf("the key must be inactive: %v (toast %q)", err, k.LastToast())
	}
	k.Press("a", "y")
	if _, err := env.Client.Keys.GetPublic(context.Background(), id); err != nil {
		t.Fatalf("the key must be active again: %v (toast %q)", err, k.LastToast())
	}
}

// n, then k, creates an SSH key through the form; a PEM pasted into the
// one-line field keeps its line breaks on the server.
func TestNewSSHKeyThroughTheForm(t *testing.T) {
	k, env, _ := startWithKey(t)
	k.Press("n")
	k.MustShow("SSH key")
	k.Press("k")
	k.MustShow("New SSH key")
	for _, v := range []string{"new-key", "ops", "db01", "10.0.0.2", "ops key", keyPub,
		"-----BEGIN OPENSSH PRIVATE KEY----- QUJD REVG -----END OPENSSH PRIVATE KEY-----"} {
		k.Type(v)
		k.Press("tab")
	}
	k.Press("ctrl+s")
	got, err := env.Client.Keys.Get(context.Background(), "new-key")
	if err != nil || got.PrivateKey == nil || *got.PrivateKey != "-----BEGIN OPENSSH PRIVATE KEY-----\nQUJDREVG\n-----END OPENSSH PRIVATE KEY-----\n" ||
		got.Username != "ops" || got.Hostname != "db01" {
		t.Fatalf("created key: %v %+v (toast %q)", err, got, k.LastToast())
	}
}
