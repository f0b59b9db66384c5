package credentials

import (
	"context"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// A viewer (read-only SSH session) on an SSH key row: no r, n, d or a in
// the footer or in ? help of the list and the key's detail; every one of
// those keys, and C, e and x, sends nothing; no frame holds the private key
// and the server records no reveal (UX.md Roles, issue 14 §3).
func TestViewerSeesNoPrivateKeyAndNoKeyWrites(t *testing.T) {
	env := testserver.Start(t)
	const body = "VIEWER-MUST-NOT-SEE"
	if _, err := env.Client.Keys.Upsert(context.Background(), client.SSHKeyUpsert{Identifier: "deploy-key", Username: "deploy",
		Hostname: "web01", IP: "10.0.0.1", PublicKey: keyPub, PrivateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----",
		Password: "PASSPHRASE-" + body}); err != nil {
		t.Fatal(err)
	}
	k := uitest.New(t, ui.Tab{Name: "Credentials", New: New}, uitest.WithClient(env.Client), uitest.WithSize(120, 30),
		uitest.WithCommon(func(c *ui.Common) { c.ReadOnly = true }))
	k.RecordFrames()
	k.MustShow("deploy-key", "SSH Key")
	noneOf := func(where string, words ...string) {
		t.Helper()
		for _, w := range words {
			if k.Shows(w) {
				t.Fatalf("%s offers a viewer %q:\n%s", where, w, k.View())
			}
		}
	}
	noneOf("the list's footer", "r reveal", "n new", "d deactivate", "a activate")
	k.Press("f1")
	noneOf("the list's ? help", "reveal", "new", "deactivate", "activate")
	k.Press("esc")
	k.Press("r", "C", "n", "e", "d", "a", "x")
	if _, ok := k.Top().(*Model); !ok {
		t.Fatalf("a viewer's key opened %T", k.Top())
	}
	k.Press("enter")
	k.MustShow("SHA256:", "viewers cannot reveal")
	k.Press("r")
	noneOf("the key's detail", "r reveal")
	k.Press("f1")
	noneOf("the key's ? help", "reveal")
	for i, f := range k.Frames {
		if strings.Contains(f, body) {
			t.Fatalf("frame %d shows the private key or passphrase to a viewer:\n%s", i, f)
		}
	}
	if n := auditReveals(t, env); n != 0 {
		t.Fatalf("a viewer's session caused %d key reveals", n)
	}
	if _, err := env.Client.Keys.GetPublic(context.Background(), "deploy-key"); err != nil {
		t.Fatalf("a viewer's d changed the key: %v", err)
	}
}
