package credentials

import (
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
	c := newTestCommon(nil)
	c.RevealFor = 30 * time.Millisecond
	h := newHarness(t, newModel(c, fa), 100, 24)
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
	if fa.getCount() != 1 || contains(h.frames, seedPassword) == 0 {
		t.Fatalf("r must reveal (one GET): %d", fa.getCount())
	}
}
