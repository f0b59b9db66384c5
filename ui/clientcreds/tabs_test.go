package clientcreds

import (
	"testing"

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
