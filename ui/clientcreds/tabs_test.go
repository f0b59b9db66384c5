package clientcreds

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// A secret revealed on one tab is masked when the person switches to
// another tab and back: it must not wait there, still visible, for
// whoever looks at the screen next (tester finding, session 2026-11-29).
func TestLeavingTheTabMasksARevealedSecret(t *testing.T) {
	c := uitest.NewCommon(nil)
	m := newModel(c, newFake(fixtures()))
	k := uitest.NewTabs(t, []ui.Tab{
		{Name: "Client Credentials", New: func(*ui.Common) ui.Screen { return m }},
		{Name: "Other", New: func(c *ui.Common) ui.Screen { return newModel(c, newFake(nil)) }},
	}, uitest.WithSession(c))
	k.Press("G", "r")
	k.MustShow("secret-of-6")
	k.Burst("tab", "shift+tab")
	if k.Shows("secret-of-6") {
		t.Fatalf("the secret is still shown after leaving the tab and coming back:\n%s", k.View())
	}
	k.Press("r") // it can be revealed again
	k.MustShow("secret-of-6")
}

// A key of the screen that does not apply now says why instead of doing
// nothing silently (tester finding: V and D with nothing marked, and a
// viewer's r/d, gave no feedback).
func TestAKeyThatDoesNotApplySaysWhy(t *testing.T) {
	h, _, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	h.keys("V")
	if got := h.lastToast().Text; got != "V (extend validity of marked) applies with marks" {
		t.Errorf("V with nothing marked: toast %q", got)
	}
	h.keys("D")
	if got := h.lastToast().Text; got != "D (delete marked) applies with marks" {
		t.Errorf("D with nothing marked: toast %q", got)
	}
	if n := f.callCount("Bulk") + f.callCount("Delete"); n != 0 {
		t.Errorf("%d writes sent", n)
	}

	c := uitest.NewCommon(nil)
	c.ReadOnly = true
	v, _, _ := loadedScreen(t, c, fixtures())
	v.keys("d")
	if got := v.lastToast().Text; got != "d: not available in this session" {
		t.Errorf("a viewer's d: toast %q", got)
	}
	v.keys("j")
	if n := len(v.Toasts); n != 1 {
		t.Errorf("j (which applies) toasted: %v", v.Toasts)
	}
}

// A spare esc says nothing (it is "back" everywhere), and a preset that
// hides every row says what shows them again instead of "esc clears it",
// which esc did not (tester finding).
func TestEmptyPresetSaysHowToUndoItAndEscStaysQuiet(t *testing.T) {
	h, m, _ := loadedScreen(t, uitest.NewCommon(nil), fixtures()[:1]) // valid for years
	h.keys("esc", "esc")
	if len(h.Toasts) != 0 {
		t.Fatalf("a spare esc toasted: %v", h.Toasts)
	}
	h.keys("x")
	if len(m.list.Visible()) != 0 {
		t.Fatalf("the preset shows %d rows", len(m.list.Visible()))
	}
	h.MustShow("its key again shows all")
	if h.Shows("esc clears it") {
		t.Fatalf("the empty preset says esc clears it:\n%s", h.View())
	}
}

// A secret whose reply arrives after the person left the tab is not shown
// when they come back (fresh tester: "r 2 1" in one burst showed the
// secret on return, as the reply came about 1 s later).
func TestASecretArrivingAfterLeavingTheTabStaysMasked(t *testing.T) {
	c := uitest.NewCommon(nil)
	m := newModel(c, newFake(fixtures()))
	isReveal := func(msg tea.Msg) bool { _, ok := msg.(ui.Reply[revealed]); return ok }
	k := uitest.NewTabs(t, []ui.Tab{
		{Name: "Client Credentials", New: func(*ui.Common) ui.Screen { return m }},
		{Name: "Other", New: func(c *ui.Common) ui.Screen { return newModel(c, newFake(nil)) }},
	}, uitest.WithSession(c), uitest.WithHold(isReveal))
	k.Burst("G", "r", "tab", "shift+tab")
	k.Release()
	if k.Shows("secret-of-6") {
		t.Fatalf("the late secret was shown on return:\n%s", k.View())
	}
	if n := len(k.Toasts); n == 0 || !strings.Contains(k.Toasts[n-1].Text, "arrived after you left") {
		t.Fatalf("no word of the secret kept masked: %v", k.Toasts)
	}
	k.Hold(nil)
	k.Press("r") // asked again, on the tab: shown
	k.MustShow("secret-of-6")
}
