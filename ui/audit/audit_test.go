package audit

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

var testNow = uitest.Now

func entries(from, n int) []client.AuditEntry {
	actions := []string{"credential.reveal", "credential.create", "client_credential.update", "device.deactivate"}
	out := make([]client.AuditEntry, n)
	for i := range out {
		k := from + i
		out[i] = client.AuditEntry{
			ID: int64(1000 - k), Time: testNow.Add(-time.Duration(k) * time.Minute),
			Actor: "Default Client Credential", Action: actions[k%len(actions)],
			Target: fmt.Sprintf("credential:%d (web-%d)", k, k), Result: "ok",
		}
		if k%5 == 1 {
			out[i].ActorKey = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"
		}
		if k%9 == 4 {
			out[i].Result = "refused: missing scope pam.credential.reveal"
		}
	}
	return out
}

// fakeLog serves n entries in pages and records every request.
type fakeLog struct {
	mu   sync.Mutex
	all  []client.AuditEntry
	asks []client.AuditListOptions
}

func (f *fakeLog) List(_ context.Context, o client.AuditListOptions) (*client.AuditPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asks = append(f.asks, o)
	var hits []client.AuditEntry
	for _, e := range f.all {
		if strings.Contains(e.Action+" "+e.Target+" "+e.Result+" "+e.Actor, o.Search) {
			hits = append(hits, e)
		}
	}
	from := min((o.Page-1)*o.PageSize, len(hits))
	to := min(from+o.PageSize, len(hits))
	pg := &client.AuditPage{Count: len(hits), Results: hits[from:to]}
	if to < len(hits) {
		next := "more"
		pg.Next = &next
	}
	return pg, nil
}

func start(t *testing.T, n int) (*uitest.Kit, *Model, *fakeLog) {
	t.Helper()
	f := &fakeLog{all: entries(0, n)}
	c := uitest.NewCommon(nil)
	m := newModel(c, f)
	return uitest.Show(t, c, m), m, f
}

func TestFirstPageNewestFirst(t *testing.T) {
	k, m, _ := start(t, 450)
	k.MustShow("200 of 450 entries", "2026-03-14 09:30", "reveal (crede", "web-0 #0", "nThbg6k…")
	if items := m.list.Items(); !items[0].Time.After(items[1].Time) {
		t.Error("not newest first")
	}
}

func TestScrollingFetchesTheNextPage(t *testing.T) {
	k, m, f := start(t, 450)
	k.Press("G")
	if len(m.list.Items()) != 2*pageSize || len(f.asks) != 2 || f.asks[1].Page != 2 {
		t.Fatalf("rows %d, requests %+v", len(m.list.Items()), f.asks)
	}
}

func TestSearchIsDebouncedThenSent(t *testing.T) {
	k, m, f := start(t, 450)
	k.Press("/")
	if !m.CapturesInput() {
		t.Fatal("search input not focused")
	}
	k.Type("device")
	if len(f.asks) != 1 {
		t.Fatalf("searched before the typing paused: %+v", f.asks)
	}
	k.Advance(list.DebounceForTest)
	if len(f.asks) != 2 || f.asks[1].Search != "device" {
		t.Fatalf("one search for the whole word expected: %+v", f.asks)
	}
	k.MustShow("112 entries")
	k.Press("esc")
	if len(f.asks) != 3 || f.asks[2].Search != "" || m.CapturesInput() {
		t.Fatalf("esc should clear the search and reload: %+v", f.asks)
	}
}

// Drift bugs (issue 12): a search that matches nothing said "No audit
// entries yet", and one entry was "1 entries".
func TestNoMatchAndSingularTexts(t *testing.T) {
	k, _, _ := start(t, 450)
	k.Press("/")
	k.Type("nothing-like-this")
	k.Press("enter")
	k.MustShow("No audit entry matches the search — esc clears it", "0 entries")
	if k.Shows("No audit entries yet") {
		t.Fatalf("a search without match shows the empty log text:\n%s", k.View())
	}
	k.Press("esc", "/")
	k.Type("web-7)")
	k.Press("enter")
	k.MustShow("1 entry")
	if k.Shows("1 entries") {
		t.Fatalf("singular wrong:\n%s", k.View())
	}
}

func TestDetailShowsEveryField(t *testing.T) {
	k, _, _ := start(t, 3)
	k.Press("down", "enter")
	k.MustShow("Actor client id", "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", "credential:1 (web-1)")
	k.Press("esc")
	k.MustShow("3 entries")
}

func TestReadOnlyScreenHasNoWriteKeys(t *testing.T) {
	_, m, _ := start(t, 3)
	for _, group := range m.KeyMap().FullHelp() {
		for _, b := range group {
			switch b.Help().Key {
			case "n", "e", "d", "a", "x", "r", "C":
				t.Errorf("audit screen binds %s", b.Help().Key)
			}
		}
	}
}

// At 80 columns rows that differ only in the action's verb or the target's
// name must not look alike (tester finding: every row began
// "client_credentia…"): the verb and the name come first.
func TestCellsPutWhatDiffersFirst(t *testing.T) {
	for in, want := range map[string]string{
		"client_credential.create":        "create (client_credential)",
		"client_credential.secret.reveal": "secret.reveal (client_credential)",
		"login":                           "login",
	} {
		if got := actionCell(in); got != want {
			t.Errorf("actionCell(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"client_credential:12 (k8s operator)": "k8s operator #12",
		"credential:7 (web (prod))":           "web (prod) #7",
		"device db01":                         "device db01",
		"credential:7":                        "credential:7",
	} {
		if got := targetCell(in); got != want {
			t.Errorf("targetCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// Presentation mode hides a client id's tail in the audit detail too, as
// on Client Credentials (tester finding: the actor's client id was whole).
func TestPresentationHidesTheActorClientID(t *testing.T) {
	all := entries(0, 3)
	all[0].ActorID = "cc_7_k1fH4WQk00a0RAkghl"
	c := uitest.NewCommon(nil)
	c.Presentation = true
	k := uitest.Show(t, c, newModel(c, &fakeLog{all: all}))
	k.Press("enter")
	k.MustShow("Actor client id", "cc_7_••••")
	if k.Shows("k1fH4WQk00a0RAkghl") {
		t.Fatalf("the client id's tail is shown in presentation mode:\n%s", k.View())
	}
}
