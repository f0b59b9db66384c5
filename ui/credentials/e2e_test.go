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
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// TestEndToEnd drives the screen against the real in-process server:
// create through the form, edit, deactivate, reveal; and checks that the
// password is in no rendered frame except while it is revealed.
func TestEndToEnd(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(7, 40, 6))
	c := uitest.NewCommon(env.Client)
	c.RevealFor = 50 * time.Millisecond
	const password = "Canary-e2e-Pa55-9f3k"

	leaks := 0
	revealing := func(h *harness) bool {
		d, ok := h.top().(*detailScreen)
		return ok && d.pw.Revealed()
	}
	list := New(c).(*Model)
	h := newHarness(t, c, list, 120, 30, uitest.WithNow(time.Now())) // the server stamps real times
	h.RecordFrames()
	h.OnFrame = func(f string) {
		if strings.Contains(f, password) && !revealing(h) {
			leaks++
		}
	}
	if len(list.cells()) != 40 {
		t.Fatalf("listed %d demo credentials, want 40", len(list.cells()))
	}

	// Create through the form: n asks what to create, y is a password credential.
	h.key("n", "y")
	for _, v := range []string{"e2e-web-root", "root", "e2e-web.corp.example", "10.9.9.9", password, "", "", "e2e"} {
		h.typeText(v)
		h.key("tab")
	}
	h.key("ctrl+s")
	if h.top() != ui.Screen(list) {
		t.Fatalf("the form did not close after the save: %s", h.lastToast())
	}
	r := list.cursor()
	if r == nil || r[colIdentifier] != "e2e-web-root" || len(list.cells()) != 41 {
		t.Fatalf("created credential not focused in the list (%d rows)", len(list.cells()))
	}
	id := r[colID]

	// Edit: change the username.
	h.key("e")
	f, ok := h.top().(*form.SaveScreen[upsertResult])
	if !ok {
		t.Fatalf("e did not open the form: %T (%s)", h.top(), h.lastToast())
	}
	if f.Form.Value(fieldHostname) != "e2e-web.corp.example" || f.Form.Value(fieldPassword) != "" {
		t.Fatalf("edit form prefill: %v", f.Form.Values())
	}
	f.Form.FocusField(fieldUsername)
	h.key("ctrl+u")
	h.typeText("deploy")
	h.key("ctrl+s")
	r = list.cursor()
	if h.top() != ui.Screen(list) || r[colID] != id || r[colUsername] != "deploy" {
		t.Fatalf("edit not shown: top %T, row %v, toast %q", h.top(), r, h.lastToast())
	}

	// Deactivate.
	h.key("d", "y")
	if r = list.cursor(); r[colFlag] != flagInactive || !strings.Contains(h.lastToast(), "Deactivated") {
		t.Fatalf("not shown inactive: %q, toast %q", r[colFlag], h.lastToast())
	}
	h.key("ctrl+r")
	if r = list.cursor(); r[colID] != id || r[colFlag] != flagInactive {
		t.Fatalf("inactive after a reload: row %v", r)
	}

	// Reveal: shown, then masked again; the server audits it.
	h.key("r")
	if contains(h.Frames, password) == 0 {
		t.Fatalf("the password was never shown by the reveal (%s)", h.lastToast())
	}
	h.Advance(c.RevealFor)
	if d := h.top().(*detailScreen); d.pw.Revealed() || strings.Contains(d.View(), password) {
		t.Fatal("still revealed after RevealFor")
	}
	h.key("esc")
	page, err := env.Client.Audit.List(context.Background(), client.AuditListOptions{Search: "credential.reveal", PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, e := range page.Results {
		if e.Action == "credential.reveal" && strings.Contains(e.Target, "@e2e-web") {
			found++ // only r reveals: not the edit form, not the detail
		}
		if strings.Contains(e.Target+e.Result, password) {
			t.Fatal("the audit log holds the password")
		}
	}
	if found != 1 {
		t.Fatalf("want one credential.reveal audit row for the credential (the r): %+v", page.Results)
	}
	if leaks != 0 {
		t.Fatalf("the password appeared in %d frames outside a reveal", leaks)
	}
}
