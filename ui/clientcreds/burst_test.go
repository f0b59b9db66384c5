package clientcreds

import (
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// Keys typed ahead act on what the screen will show (issue 13 §1): with the
// cursor on the 3rd row, one burst "/graf enter d y" deletes the row the
// filter leaves under the cursor, not the row that was under it before.
func TestBurstFilterThenDeleteActsOnTheFilteredRow(t *testing.T) {
	c := uitest.NewCommon(nil)
	f := newFake(fixtures())
	h := newHarness(t, c, newModel(c, f))
	h.Press("down", "down")
	h.Burst("/graf", "enter", "d", "y")
	if f.callCount("delete") != 1 {
		t.Fatalf("calls %v", f.calls)
	}
	for _, cc := range f.creds {
		if cc.Name == "Grafana reader" {
			t.Fatalf("Grafana reader is still there; deleted instead: %v", f.calls)
		}
	}
	if !strings.Contains(h.LastToast(), "Grafana reader") {
		t.Fatalf("the toast does not name what was deleted: %q", h.LastToast())
	}
}

// Add wizard bursts: every key lands on the step the keys before it lead to.
func TestBurstWizardKeysLandOnTheirStep(t *testing.T) {
	c := uitest.NewCommon(nil)
	f := newFake(fixtures())
	h := newHarness(t, c, newModel(c, f))
	h.Burst("n", "X", "ctrl+n", "a")
	if w, ok := h.Top().(*wizard); !ok || w.step != 2 || w.form.Value(fieldName) != "X" {
		t.Fatalf("after n X ctrl+n a: top %T, frame:\n%s", h.Top(), h.View())
	}
	h.Press("esc", "esc", "y")
	h.Burst("n", "FastName", "ctrl+n", "a", "ctrl+s")
	if f.callCount("create") != 1 || f.lastInput.Name != "FastName" {
		t.Fatalf("ctrl+s lost or the name changed: calls %v, name %q", f.calls, f.lastInput.Name)
	}
}

// After d y the cursor stays at the same place (on the next row) and the
// toast names what was deleted (issue 13 §4).
func TestDeleteKeepsTheCursorPlaceAndNamesTheRow(t *testing.T) {
	c := testCommon()
	f := newFake(fixtures())
	m := newModel(c, f)
	h := newHarness(t, c, m)
	h.Press("down", "down", "d", "y")
	if got := h.LastToast(); !strings.Contains(got, "“CI deployer”") {
		t.Fatalf("toast %q does not name the deleted row", got)
	}
	if cc := m.focused(); cc == nil || cc.Name != "Old backup job" {
		t.Fatalf("cursor on %+v after deleting the 3rd row, want the next one (Old backup job)", cc)
	}
	h.Press("d", "y")
	if cc := m.focused(); cc == nil || cc.Name != "Next quarter audit" || f.callCount("delete") != 2 {
		t.Fatalf("second d y: cursor on %+v, calls %v", cc, f.calls)
	}
}

// esc on wizard step 1 with something typed, or scopes chosen, asks before
// dropping it (issue 13 §4); with nothing typed it leaves at once.
func TestWizardEscAsksBeforeDroppingWhatWasTyped(t *testing.T) {
	c := testCommon()
	m := newModel(c, newFake(fixtures()))
	h := newHarness(t, c, m)
	h.Press("n", "esc")
	if h.Top() != ui.Screen(m) {
		t.Fatalf("esc on an untouched wizard should leave: top %T", h.Top())
	}
	h.Press("n", "Half typed", "esc")
	h.MustShow("Discard the new client credential?", "“Half typed”")
	h.Press("n")
	if w, ok := h.Top().(*wizard); !ok || w.form.Value(fieldName) != "Half typed" {
		t.Fatalf("n should keep the wizard and its name: top %T", h.Top())
	}
	h.Press("ctrl+n", "a", "esc", "esc")
	h.MustShow("Discard the new client credential?")
	h.Press("y")
	if h.Top() != ui.Screen(m) {
		t.Fatalf("y should leave the wizard: top %T", h.Top())
	}
}
