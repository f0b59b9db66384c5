package clientcreds

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// Issue 13 §3: on the Edit scopes page of the real console over the real
// server, `/edit` then `a` grants only the scopes whose key or label
// contains "edit" — never the loose fuzzy matches such as "Reveal
// credential passwords", "Release credential custody" or "Deactivate
// credentials" — and the page says how many before a is pressed.
func TestSelectAllOnASearchGrantsOnlyWhatContainsTheQuery(t *testing.T) {
	env := testserver.Start(t)
	ctx := context.Background()
	target, err := env.Client.ClientCredentials.Create(ctx, client.ClientCredentialInput{Name: "Grafana exporter",
		ValidFrom: "2020-01-01", ValidTill: "2099-01-01", Scopes: []string{"apps.view"}})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := env.Client.Scopes.Catalogue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"apps.view": true}
	for _, g := range cat.Groups {
		for _, s := range g.Scopes {
			if strings.Contains(strings.ToLower(s.Label), "edit") || strings.Contains(s.Key, "edit") {
				want[s.Key] = true
			}
		}
	}
	c := uitest.NewCommon(nil)
	c.Client = env.Client
	m := New(c).(*Model)
	h := newHarness(t, c, m, uitest.WithNow(time.Now()))
	h.keys("/")
	h.typeText("exporter")
	h.keys("enter", "s", "/")
	h.typeText("edit")
	h.keys("enter")
	if n := len(want) - 1; !h.Shows("a/x: the " + strconv.Itoa(n) + " containing “edit”") {
		t.Fatalf("the page does not say a acts on %d scopes before a is pressed:\n%s", n, h.View())
	}
	h.keys("a", "ctrl+s")
	if h.top() != ui.Screen(m) {
		t.Fatalf("save did not return to the table: %T\n%s", h.top(), h.View())
	}
	got, err := env.Client.ClientCredentials.Get(ctx, target.ID)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, s := range got.Scopes {
		have[s] = true
		if !want[s] {
			t.Errorf("a granted %s, which does not contain “edit”", s)
		}
	}
	for s := range want {
		if !have[s] {
			t.Errorf("a did not grant %s", s)
		}
	}
}

// A few scopes changed are named under the counts, privileged ones flagged.
func TestSmallChangeIsListedAndPrivilegedScopesMarked(t *testing.T) {
	c := uitest.NewCommon(nil)
	h, m, _ := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Grafana reader")
	h.keys("s", "/")
	h.typeText("reveal_secret")
	h.keys("enter")
	if !h.Shows("! Reveal secrets") {
		t.Fatalf("the reveal scope is not marked privileged:\n%s", h.View())
	}
	h.keys("a")
	if !h.Shows("Changes: +Reveal secrets !") {
		t.Fatalf("the change is not listed:\n%s", h.View())
	}
}
