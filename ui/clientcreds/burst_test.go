package clientcreds

import (
	"github.com/pamconsole/pamconsole/ui/uitest"
	"strings"
	"testing"
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
	h.Press("esc", "esc")
	h.Burst("n", "FastName", "ctrl+n", "a", "ctrl+s")
	if f.callCount("create") != 1 || f.lastInput.Name != "FastName" {
		t.Fatalf("ctrl+s lost or the name changed: calls %v, name %q", f.calls, f.lastInput.Name)
	}
}
