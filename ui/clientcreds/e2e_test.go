package clientcreds

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// TestEndToEnd drives the screen through its Update against the real
// in-process server: add with chosen scopes, edit scopes with select /
// clear / reset, bulk delete including the protected key.
func TestEndToEnd(t *testing.T) {
	env := testserver.Start(t)
	ctx := context.Background()
	cat, err := env.Client.Scopes.Catalogue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := uitest.NewCommon(nil)
	c.Client = env.Client
	m := New(c).(*Model)
	h := newHarness(t, c, m, uitest.WithNow(time.Now())) // the server checks validity against the real clock
	if !m.list.Loaded() || len(m.Creds()) != 2 {
		t.Fatalf("first load: loaded=%v rows=%d:\n%s", m.list.Loaded(), len(m.Creds()), h.View())
	}

	// Add: clear User Management, select all of Role Management, and find
	// rotate_password through the search.
	h.keys("n")
	h.typeText("e2e exporter")
	h.keys("ctrl+n", "x", "down", "a", "/")
	h.typeText("rotate_password")
	h.keys("enter", "space", "esc", "ctrl+s")
	want := setOf(scopesDefault(cat))
	delete(want, "users.user.view")
	for _, s := range groupScopes(cat, "users.roles.") {
		want[s] = true
	}
	want["system_user.rotate_password"] = true
	if got := dialogSecret(t, h.top()); got == "" || got == client.MaskedSecret {
		t.Fatalf("the show-once dialog has no plain secret: %q", got)
	}
	closeDialog(h)
	added := m.focused()
	if added == nil || added.Name != "e2e exporter" {
		t.Fatalf("the new credential is not under the cursor: %+v", added)
	}
	assertServerScopes(t, env, added.ID, want)

	// Edit scopes: select all users, clear roles, reset, then select all assets.
	h.keys("s", "a", "down", "x", "r", "down", "a", "ctrl+s")
	if h.top() != ui.Screen(m) {
		t.Fatalf("save did not return to the table: %T", h.top())
	}
	for _, s := range groupScopes(cat, "assets.") {
		want[s] = true
	}
	assertServerScopes(t, env, added.ID, want)

	// Bulk delete: two more credentials, the new one and the protected key.
	for _, name := range []string{"e2e temp 1", "e2e temp 2"} {
		if _, err := env.Client.ClientCredentials.Create(ctx, client.ClientCredentialInput{
			Name: name, ValidFrom: "2020-01-01", ValidTill: "2099-12-31", Scopes: []string{"users.user.view"}}); err != nil {
			t.Fatal(err)
		}
	}
	h.runCmd(m.Reload())
	var protectedID int64
	var doomed []int64
	for _, cc := range m.Creds() {
		switch {
		case cc.Protected:
			protectedID = cc.ID
		case cc.Name == "Default Client Credential":
			continue
		default:
			doomed = append(doomed, cc.ID)
		}
		cursorTo(t, m, cc.Name)
		h.keys("space")
	}
	if protectedID == 0 || len(doomed) != 3 || m.list.MarkedCount() != 4 {
		t.Fatalf("marked %d (protected %d, others %v)", m.list.MarkedCount(), protectedID, doomed)
	}
	h.keys("D", "y")
	if _, ok := h.top().(*reportScreen); !ok {
		t.Fatalf("no report: %T", h.top())
	}
	h.keys("esc")
	if _, err := env.Client.ClientCredentials.Get(ctx, protectedID); err != nil {
		t.Fatalf("the protected key did not survive: %v", err)
	}
	for _, id := range doomed {
		if _, err := env.Client.ClientCredentials.Get(ctx, id); !client.IsNotFound(err) {
			t.Errorf("credential %d still there (err %v)", id, err)
		}
	}
	if len(m.Creds()) != 2 || m.list.MarkedCount() != 1 {
		t.Fatalf("table after bulk delete: rows %d marked %d", len(m.Creds()), m.list.MarkedCount())
	}
}

func assertServerScopes(t *testing.T, env *testserver.Env, id int64, want map[string]bool) {
	t.Helper()
	cc, err := env.Client.ClientCredentials.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	got := setOf(cc.Scopes)
	if len(got) != len(want) {
		t.Fatalf("server holds %v\nwant %v", sortedKeys(got), sortedKeys(want))
	}
	for s := range want {
		if !got[s] {
			t.Fatalf("server holds %v\nwant %v", sortedKeys(got), sortedKeys(want))
		}
	}
}

func scopesDefault(cat *client.ScopeCatalogue) []string {
	var out []string
	for _, g := range cat.Groups {
		for _, s := range g.Scopes {
			if s.Default {
				out = append(out, s.Key)
			}
		}
	}
	return out
}

func groupScopes(cat *client.ScopeCatalogue, prefix string) []string {
	var out []string
	for _, g := range cat.Groups {
		for _, s := range g.Scopes {
			if len(s.Key) >= len(prefix) && s.Key[:len(prefix)] == prefix {
				out = append(out, s.Key)
			}
		}
	}
	return out
}

func setOf(keys []string) map[string]bool {
	out := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k] = true
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
