package masked

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

func newCommon(now *time.Time) *ui.Common {
	c := ui.NewCommon(context.Background(), nil, lipgloss.NewRenderer(io.Discard))
	c.Now = func() time.Time { return *now }
	return c
}

func TestRevealThenRemask(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newCommon(&now)
	m := New(c)
	if m.View() != client.MaskedSecret || m.Revealed() {
		t.Fatal("not masked by default")
	}
	cmd := m.Reveal("CANARY-pw")
	if cmd == nil || !m.Revealed() || !strings.Contains(m.View(), "CANARY-pw") || !strings.Contains(m.View(), "visible 30s") {
		t.Fatalf("reveal: %q", m.View())
	}
	stale := remaskMsg{owner: c, gen: m.gen - 1}
	m, _ = m.Update(stale)
	if !m.Revealed() {
		t.Fatal("an older reveal's tick masked the current one")
	}
	m, _ = m.Update(remaskMsg{owner: c, gen: m.gen})
	if m.Revealed() || m.value != "" || strings.Contains(m.View(), "CANARY") {
		t.Fatal("tick did not re-mask and drop the value")
	}
}

func TestRevealEndsOnTimeWithoutItsTick(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newCommon(&now)
	m := New(c)
	m.Reveal("CANARY-pw")
	now = now.Add(31 * time.Second)
	if m.Revealed() || m.Value() != "" || strings.Contains(m.View(), "CANARY") {
		t.Fatal("still revealed after 30 s")
	}
}

func TestPresentationNeverReveals(t *testing.T) {
	now := time.Now()
	c := newCommon(&now)
	c.Presentation = true
	m := New(c)
	m.Reveal("CANARY-pw")
	if m.Revealed() || strings.Contains(m.View(), "CANARY") {
		t.Fatal("revealed in presentation mode")
	}
}

func TestOneValuesTickNeverMasksAnother(t *testing.T) {
	now := time.Now()
	c := newCommon(&now)
	a, b := New(c), New(c)
	a.Reveal("first")
	b.Reveal("second")
	b, _ = b.Update(remaskMsg{owner: c, gen: a.gen})
	if !b.Revealed() {
		t.Fatal("a's re-mask tick masked b")
	}
}

// The countdown is redrawn every second while revealed (a tick of the
// current generation schedules the next) and stops once masked.
func TestCountdownTicksEverySecondOnlyWhileRevealed(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newCommon(&now)
	m := New(c)
	m.Reveal("CANARY-pw")
	now = now.Add(3 * time.Second)
	m, cmd := m.Update(secondMsg{owner: c, gen: m.gen})
	if cmd == nil || !strings.Contains(m.View(), "visible 27s") {
		t.Fatalf("no next tick or wrong countdown: %q", m.View())
	}
	if _, cmd := m.Update(secondMsg{owner: c, gen: m.gen - 1}); cmd != nil {
		t.Fatal("an old reveal's tick keeps ticking")
	}
	m.Hide()
	if _, cmd := m.Update(secondMsg{owner: c, gen: m.gen}); cmd != nil {
		t.Fatal("ticks go on while masked")
	}
}

// A revealed secret holding escape sequences is drawn harmlessly (it cleared
// the screen and retitled the terminal), while Value keeps every byte.
func TestRevealedSecretIsDrawnTerminalSafe(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newCommon(&now)
	m := New(c)
	evil := "pw\x1b[2Jzz\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07"
	m.Reveal(evil)
	if v := m.View(); strings.ContainsAny(v, "\x1b\x07") {
		t.Fatalf("escape sequences reach the terminal: %q", v)
	}
	if m.Value() != evil {
		t.Fatal("the value itself was changed")
	}
}
