package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// The keys enter and esc as a terminal sends them.
const enter, esc = "\r", "\x1b"

// Issue 13 §2: an SSH viewer signs in with a credential without reveal
// scopes (--viewer-profile), and on every screen r, C, enter then r reveal
// nothing: no secret or password is drawn, none is fetched, and the server
// refuses the viewer's credential a reveal (403 naming the scope).
func TestSSHViewerRevealsNothingAnywhere(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(5, 12, 3))
	ctx := context.Background()
	const password = "CANARY-viewer-pw-7d2"
	user := "canary"
	if _, err := env.Client.Credentials.Upsert(ctx, client.CredentialUpsert{Identifier: "000-canary", Username: &user,
		Hostname: "canary-host", IP: "10.9.9.8", Content: password}); err != nil {
		t.Fatal(err)
	}
	other, err := env.Client.ClientCredentials.Create(ctx, client.ClientCredentialInput{Name: "0 canary client",
		ValidFrom: "2020-01-01", ValidTill: "2099-01-01", Scopes: []string{"apps.view"}})
	if err != nil {
		t.Fatal(err)
	}
	view, err := env.Client.ClientCredentials.Create(ctx, client.ClientCredentialInput{Name: "SSH viewers",
		ValidFrom: "2020-01-01", ValidTill: "2099-01-01", Scopes: viewerScopes})
	if err != nil {
		t.Fatal(err)
	}
	clients := &keyClients{url: env.URL, clientID: env.ClientID, secret: env.Secret, byKey: map[string]keyClient{},
		viewers: &keyClients{url: env.URL, clientID: view.ClientID, secret: view.ClientSecret, byKey: map[string]keyClient{}}}
	srv := sshtest.StartServer(t, sshserver.Config{NewModel: consoleForSession("test", clients, false, false)})

	con := openConsole(t, srv, srv.Viewer)
	if err := con.WaitFor("SSH viewers", 5*time.Second); err != nil {
		t.Fatalf("the viewer is not signed in as the viewer credential: %v", err)
	}
	for _, tab := range []string{"1", "2", "3", "4"} {
		press(con, tab, "G", "r", "C", enter, "r", "C", esc, "g", "r", "C")
	}
	press(con, "2", "/", "000-canary", enter, enter)
	if err := con.WaitFor("canary-host", 5*time.Second); err != nil {
		t.Fatalf("the tour never reached the canary credential's detail: %v", err)
	}
	press(con, "r", "C")
	if err := con.WaitFor("viewers cannot reveal", 5*time.Second); err != nil {
		t.Fatalf("r in the detail was not refused with the reason: %v", err)
	}
	press(con, esc)
	time.Sleep(300 * time.Millisecond)
	drawn := con.Out.Text()
	for name, secret := range map[string]string{"password": password, "client secret": other.ClientSecret,
		"admin secret": env.Secret, "viewer secret": view.ClientSecret} {
		if strings.Contains(drawn, secret) {
			t.Errorf("a viewer's screen drew the %s", name)
		}
	}
	if strings.Contains(drawn, "Client authentication failed") || strings.Contains(drawn, "missing scope") || strings.Contains(drawn, "(needs ") {
		t.Errorf("a viewer's key reached the server and was refused there:\n%s", tail(drawn, 1500))
	}
	page, err := env.Client.Audit.List(ctx, client.AuditListOptions{Search: "reveal"})
	if err != nil {
		t.Fatal(err)
	}
	if page.Count != 0 {
		t.Fatalf("a viewer's session revealed something: %+v", page.Results)
	}

	// The server's own line of defence: the viewer credential's token.
	vc, err := client.New(env.URL, view.ClientID, view.ClientSecret)
	if err != nil {
		t.Fatal(err)
	}
	_, err = vc.ClientCredentials.RevealSecret(ctx, other.ID)
	if !client.IsForbidden(err) || !strings.Contains(err.Error(), "settings.client_credentials.reveal_secret") {
		t.Fatalf("client secret reveal with the viewer credential: %v", err)
	}
	if _, err = vc.Credentials.Get(ctx, "000-canary"); !client.IsForbidden(err) || !strings.Contains(err.Error(), "pam.credential.reveal") {
		t.Fatalf("password reveal with the viewer credential: %v", err)
	}
}
