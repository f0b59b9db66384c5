package credentials

import (
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// testNow is the fixed clock of every test: expiry states and dates depend on it.
var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// newTestCommon is uitest.NewCommon under the name this package's tests
// have used (kept so tests written meanwhile build).
func newTestCommon(cl *client.Client) *ui.Common { return uitest.NewCommon(cl) }

// harness is the real console (ui.App through ui/uitest) showing one screen.
type harness struct{ *uitest.Kit }

// newHarness starts an App of w×h whose only tab is s, on s's session c.
func newHarness(t testing.TB, c *ui.Common, s ui.Screen, w, h int, opts ...uitest.Option) *harness {
	return &harness{kit(t, c, s, append(opts, uitest.WithSize(w, h))...)}
}

// kit runs s as the console's only tab on the session c.
func kit(t testing.TB, c *ui.Common, s ui.Screen, opts ...uitest.Option) *uitest.Kit {
	return uitest.Show(t, c, s, append([]uitest.Option{uitest.WithNow(testNow)}, opts...)...)
}

func (h *harness) top() ui.Screen     { return h.Top() }
func (h *harness) key(keys ...string) { h.Press(keys...) }
func (h *harness) typeText(s string)  { h.Type(s) }
func (h *harness) lastToast() string  { return h.LastToast() }

// cells returns the cells of every loaded row.
func (m *Model) cells() [][]string {
	items := m.list.Items()
	out := make([][]string, len(items))
	for i, r := range items {
		out[i] = r.cells()
	}
	return out
}

// cursor returns the cells of the focused row (nil when none).
func (m *Model) cursor() []string {
	r, ok := m.focused()
	if !ok {
		return nil
	}
	return r.cells()
}

func contains(frames []string, s string) int {
	n := 0
	for _, f := range frames {
		if strings.Contains(f, s) {
			n++
		}
	}
	return n
}
