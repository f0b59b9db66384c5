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

// On an SSH-key row the password keys do not apply: the footer does not
// offer "reveal password", C and x are disabled (? help says when they
// apply, pressing them says why), and e in the key's detail opens the
// key's edit form (tester: r, C, e failed with 1010 on key rows).
func TestSSHKeyRowOffersOnlyKeyActions(t *testing.T) {
	k, _, _ := startWithKey(t)
	if k.Shows("reveal password") {
		t.Fatalf("a key row's footer offers to reveal a password:\n%s", k.View())
	}
	k.Press("f1")
	k.MustShow("not on SSH keys")
	k.Press("esc")
	k.Press("C")
	if !strings.Contains(k.LastToast(), "SSH key") {
		t.Fatalf("C on a key row: toast %q", k.LastToast())
	}
	k.Press("x")
	if !strings.Contains(k.LastToast(), "no custody") {
		t.Fatalf("x on a key row: toast %q", k.LastToast())
	}
	k.Press("r") // on the list: the key's detail, revealing the private key
	k.MustShow("Credentials › SSH key", "PRIVATE-BODY")
	if k.Shows("1010") || k.Shows("Password") {
		t.Fatalf("r on a key row went to the password detail:\n%s", k.View())
	}
	k.Press("esc", "e") // on the list: the key's edit form
	k.MustShow("Edit SSH key deploy-key")
	k.Press("esc", "enter")
	k.MustShow("SSH key", "e edit")
	k.Press("e")
	k.MustShow("Edit SSH key deploy-key")
}

// startWithCredential runs the credentials screen over a real server
// holding one password credential.
func startWithCredential(t *testing.T) (*uitest.Kit, *testserver.Env, string) {
	t.Helper()
	env := testserver.Start(t)
	user := "root"
	r, err := env.Client.Credentials.Upsert(context.Background(), client.CredentialUpsert{Identifier: "db-root", Username: &user,
		Hostname: "db01", IP: "10.0.0.9", Content: "s3cret-pw",
		Additional: "a long additional note that does not fit on one line of the detail at eighty columns wide, WRAPTAIL"})
	if err != nil {
		t.Fatal(err)
	}
	k := uitest.New(t, ui.Tab{Name: "Credentials", New: New}, uitest.WithClient(env.Client), uitest.WithSize(80, 30))
	k.MustShow("db-root")
	return k, env, r.Credential.ID.String()
}

// x in the detail of a credential in custody (after r) asks, naming it,
// then releases the custody on the server (DELETE credential/custody/{id}).
func TestReleaseCustodyFromTheDetail(t *testing.T) {
	k, env, id := startWithCredential(t)
	k.Press("r")
	k.MustShow("in custody")
	k.Press("x")
	k.MustShow("Release the custody of credential db-root")
	k.Press("y")
	if !strings.Contains(k.LastToast(), "Credential custody "+id+" released") {
		t.Fatalf("x, y in the detail: toast %q", k.LastToast())
	}
	d, err := env.Client.Credentials.GetWithoutPassword(context.Background(), id)
	if err != nil || d.InCustody == nil || *d.InCustody {
		t.Fatalf("the custody must be released on the server: %v %+v", err, d)
	}
	k.MustShow("not in custody")
	k.Press("x")
	if !strings.Contains(k.LastToast(), "not in custody") {
		t.Fatalf("x on a released credential: toast %q", k.LastToast())
	}
	// Back on the list, the row knows it was in custody and released.
	k.Press("esc", "r", "esc", "x")
	k.MustShow("Release the custody of credential db-root")
}

// ? help of the credentials list lists x and the list's state keys with
// when they apply.
func TestCredentialsHelpSaysWhenKeysApply(t *testing.T) {
	k, _, _ := startWithCredential(t)
	k.Press("f1")
	k.MustShow("x", "release custody", "in custody", "esc", "with a filter")
}

// A value longer than the width wraps with its continuation under the
// value column, not at column 0.
func TestDetailWrapsUnderTheValueColumn(t *testing.T) {
	k, _, _ := startWithCredential(t)
	k.Press("enter")
	k.MustShow("WRAPTAIL")
	for _, l := range strings.Split(k.View(), "\n") {
		if i := strings.Index(l, "WRAPTAIL"); i >= 0 && !strings.HasPrefix(l, strings.Repeat(" ", 16)) {
			t.Fatalf("the continuation of a long value starts at column 0: %q", l)
		}
	}
}
