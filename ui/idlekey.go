package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// stepKey delivers k to the top screen; when k is one of the screen's keys
// that does not apply now (D with nothing marked, a write key for a
// viewer) and the screen did nothing with it, a toast says why instead of
// silence (the help overlay says the same: StateHelp).
func (a *App) stepKey(k tea.KeyMsg) tea.Cmd {
	why := a.idleKeyReason(k)
	cmd := a.step(k)
	if cmd == nil && why != "" {
		return Toast(ToastInfo, why)
	}
	return cmd
}

// idleKeyReason is why k does nothing on the top screen now, or "" when k
// is not one of its keys, applies, or goes into a text field.
func (a *App) idleKeyReason(k tea.KeyMsg) string {
	t := a.top()
	if t == nil || a.capturing() || a.global(k) != nil || k.Type == tea.KeyEsc {
		// esc is "back" everywhere: a spare one stays quiet.
		return ""
	}
	var idle *key.Binding
	for _, g := range t.KeyMap().FullHelp() {
		for i := range g {
			b := g[i]
			switch {
			case b.Enabled() && key.Matches(k, b):
				return "" // the screen takes it
			case !b.Enabled() && idle == nil && slices.Contains(b.Keys(), k.String()):
				idle = &b
			}
		}
	}
	if idle == nil {
		return ""
	}
	h := idle.Help()
	if sh, ok := t.(StateHelp); ok {
		if when := sh.HelpWhen(*idle); when != "" {
			return h.Key + " (" + h.Desc + ") applies " + when
		}
	}
	switch {
	case a.c.ReadOnly: // the action is not named: viewers are not offered it
		return h.Key + ": not available in this session"
	case a.c.Presentation:
		return h.Key + ": not available in presentation mode"
	}
	return ""
}
