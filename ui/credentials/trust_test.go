package credentials

import (
	"github.com/pamconsole/pamconsole/ui/uitest"
	"strings"
	"testing"
	"time"
)

// Issue 13 §2: enter opens the detail without fetching the password. A
// real senhasegura (its rows do not say whether they are active) has no
// detail without the password, so the pane shows the list's row and sends
// nothing; our server answers one without it.
func TestDetailOfARealSenhaseguraFetchesNothing(t *testing.T) {
	creds := fakeCreds(3)
	for i := range creds {
		creds[i].Active = nil // as a real senhasegura lists them
	}
	fa := sourcesOf(&fakeSource{creds: creds, total: len(creds)})
	fa.details[string(creds[0].ID)] = seed004Detail()
	c := uitest.NewCommon(nil)
	c.RevealFor = 30 * time.Millisecond
	h := newHarness(t, c, newModel(c, fa), 100, 24)
	h.RecordFrames()
	h.key("enter")
	d, ok := h.top().(*detailScreen)
	if !ok {
		t.Fatalf("enter did not open the detail: %T", h.top())
	}
	if fa.getCount() != 0 || fa.infoCount() != 0 {
		t.Fatalf("opening the detail sent %d reveals and %d detail GETs", fa.getCount(), fa.infoCount())
	}
	if v := d.View(); !strings.Contains(v, creds[0].Identifier) || !strings.Contains(v, creds[0].Hostname) || strings.Contains(v, "loading") {
		t.Fatalf("the row's fields are not the detail:\n%s", v)
	}
	h.key("r")
	if fa.getCount() != 1 || contains(h.Frames, seedPassword) == 0 {
		t.Fatalf("r must reveal (one GET): %d", fa.getCount())
	}
}

// A viewer (read-only SSH session) reveals and copies no password: r and C
// are off in the footer and ? help, and r, C, enter then r send nothing
// that would carry a password.
func TestViewerRevealsNoPassword(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.ReadOnly = true
	fa := sourcesOf(newFake(5))
	fa.details["1"] = seed004Detail()
	m := newModel(c, fa)
	h := newHarness(t, c, m, 120, 30)
	h.RecordFrames()
	if m.keys.Reveal.Enabled() || m.keys.Copy.Enabled() {
		t.Fatal("reveal/copy enabled for a viewer")
	}
	h.key("r", "C", "enter", "r", "C")
	h.Run(m.copyPassword()) // a key that slipped through is refused too
	if fa.getCount() != 0 || contains(h.Frames, seedPassword) != 0 || !strings.Contains(h.lastToast(), "viewers cannot") {
		t.Fatalf("viewer: %d password GETs, toast %q", fa.getCount(), h.lastToast())
	}
	if d, ok := h.top().(*detailScreen); !ok || d.keys.Reveal.Enabled() || d.keys.Copy.Enabled() {
		t.Fatalf("the detail offers a viewer r or C (%T)", h.top())
	}
}
