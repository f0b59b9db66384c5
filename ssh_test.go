package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// startSSHConsole serves the real console over SSH against a test server.
func startSSHConsole(t *testing.T) (*testserver.Env, *sshtest.Server) {
	t.Helper()
	env := testserver.Start(t)
	clients := &keyClients{url: env.URL, clientID: env.ClientID, secret: env.Secret, byKey: map[string]keyClient{}}
	srv := sshtest.StartServer(t, sshserver.Config{NewModel: consoleForSession("test", clients, false, true), PasteCut: pasteCutToast})
	return env, srv
}

func openConsole(t *testing.T, srv *sshtest.Server, key *sshtest.Key) *sshtest.Console {
	t.Helper()
	c, err := srv.Dial(key)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	con, err := sshtest.OpenConsole(c, "xterm-256color", 120, 35)
	if err != nil {
		t.Fatal(err)
	}
	if err := con.WaitFor("mo-ssh-microservice", 10*time.Second); err != nil {
		t.Fatalf("no first frame: %v\n%s", err, con.Out.Text())
	}
	return con
}

// press types keys one at a time: bytes that arrive together reach Bubble
// Tea as one multi-rune key.
func press(con *sshtest.Console, keys ...string) {
	for _, k := range keys {
		con.Type(k)
		time.Sleep(80 * time.Millisecond)
	}
}

func ccExists(t *testing.T, env *testserver.Env, name string) bool {
	t.Helper()
	all, err := env.Client.ClientCredentials.ListAll(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return len(all) == 1
}

// Issue 6: a viewer cannot delete (the key does nothing, help hides it,
// READ-ONLY shows); an admin can, and the audit log names the admin's key.
func TestSSHViewerCannotDeleteAdminCanAndIsAudited(t *testing.T) {
	env, srv := startSSHConsole(t)
	ctx := context.Background()
	for _, n := range []string{"victim"} {
		if _, err := env.Client.ClientCredentials.Create(ctx, client.ClientCredentialInput{Name: n, ValidFrom: "2020-01-01", ValidTill: "2030-01-01"}); err != nil {
			t.Fatal(err)
		}
	}

	viewer := openConsole(t, srv, srv.Viewer)
	if !strings.Contains(viewer.Out.Text(), "READ-ONLY") {
		t.Fatalf("viewer console has no READ-ONLY badge:\n%s", viewer.Out.Text())
	}
	press(viewer, "j", "j")
	if err := viewer.WaitFor("> victim", 5*time.Second); err != nil { // no mark column: a viewer has no bulk writes
		t.Fatalf("the viewer's cursor did not reach the victim row: %v", err)
	}
	press(viewer, "d")
	time.Sleep(500 * time.Millisecond)
	if strings.Contains(viewer.Out.Text(), "Delete “victim”") || !ccExists(t, env, "victim") {
		t.Fatal("a viewer was offered or performed a delete")
	}
	viewer.Type("?")
	if err := viewer.WaitFor("In this help", 5*time.Second); err != nil {
		t.Fatal(err)
	}

	admin := openConsole(t, srv, srv.Admin)
	if strings.Contains(admin.Out.Text(), "READ-ONLY") {
		t.Fatal("admin console shows READ-ONLY")
	}
	press(admin, "j", "j", "d")
	if err := admin.WaitFor("Delete “victim”", 5*time.Second); err != nil {
		t.Fatalf("admin got no confirmation: %v", err)
	}
	admin.Type("y")
	deadline := time.Now().Add(5 * time.Second)
	for ccExists(t, env, "victim") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if ccExists(t, env, "victim") {
		t.Fatal("admin delete did not reach the server")
	}
	page, err := env.Client.Audit.List(ctx, client.AuditListOptions{Search: "victim"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range page.Results {
		found = found || (strings.HasPrefix(e.Action, "client_credential.delete ") && e.ActorKey == srv.Admin.Fingerprint())
	}
	if !found {
		t.Fatalf("audit does not name the admin's key %s: %+v", srv.Admin.Fingerprint(), page.Results)
	}
}

// consoleConfig is the sshserver config serving the real console over a
// test API server (in the same process, so its work is counted too).
func consoleConfig(tb testing.TB) sshserver.Config {
	env := testserver.Start(tb)
	// No keep-alive connections to the API, so goroutines can return to
	// the baseline measured before the first session.
	noKeepAlive := client.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}})
	clients := &keyClients{url: env.URL, clientID: env.ClientID, secret: env.Secret, byKey: map[string]keyClient{}, opts: []client.Option{noKeepAlive}}
	return sshserver.Config{NewModel: consoleForSession("bench", clients, false, false)}
}

// BenchmarkSSHConsoleFirstFrame: connect, authenticate, open a PTY and see
// the client-credentials table of the real console (goal ≤ 150 ms).
func BenchmarkSSHConsoleFirstFrame(b *testing.B) {
	sshtest.BenchConnectFirstFrame(b, consoleConfig(b), "2 client credentials")
}

// BenchmarkSSHConsoleSessionMemory: heap and goroutines per live console
// session (goal ≤ 512 KiB, ≤ 30 goroutines).
func BenchmarkSSHConsoleSessionMemory(b *testing.B) {
	sshtest.BenchSessionMemory(b, consoleConfig(b), "2 client credentials", 20)
}

// Issue 15: the mouse works over SSH — an SGR click on the Devices tab
// switches to it (the session's own click zones).
func TestSSHMouseClickSwitchesTab(t *testing.T) {
	_, srv := startSSHConsole(t)
	con := openConsole(t, srv, srv.Viewer)
	// " 1 Client Credentials " + " 2 Credentials " then " 3 Devices ": column 40 (1-based) is on it.
	if err := con.Type("\x1b[<0;40;1M\x1b[<0;40;1m"); err != nil {
		t.Fatal(err)
	}
	if err := con.WaitFor("Vendor", 10*time.Second); err != nil {
		t.Fatalf("the click did not open Devices: %v\n%s", err, con.Out.Text())
	}
}

// A paste longer than the bound is cut, and the console says so (before,
// only the server log did): the person must know the end did not arrive.
func TestSSHConsoleSaysAPasteWasCut(t *testing.T) {
	_, srv := startSSHConsole(t)
	con := openConsole(t, srv, srv.Admin)
	press(con, "/")
	if err := con.Type("\x1b[200~" + strings.Repeat("x", sshserver.MaxPasteBytes+1024) + "\x1b[201~"); err != nil {
		t.Fatal(err)
	}
	if err := con.WaitFor("Paste cut at 64 KiB", 20*time.Second); err != nil {
		t.Fatalf("no notice of the cut paste: %v\n%s", err, con.Out.Text())
	}
}
