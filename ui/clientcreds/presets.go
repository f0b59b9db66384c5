package clientcreds

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// expiryWindow is how close Valid Till must be for the header's "expire
// within 30 days" and the x preset (UX.md screen 1).
const expiryWindow = 30 * 24 * time.Hour

// Preset names, shown in the info line while active.
const (
	presetExpiring = "expired or expiring ≤ 30d"
	presetUnused   = "unused %dd+"
)

// expiredOrExpiring is true for a credential past its Valid Till or within
// expiryWindow of it.
func expiredOrExpiring(cc client.ClientCredential, now time.Time) bool {
	return cc.ValidTill.Sub(now) <= expiryWindow
}

// unusedFor is true when cc has not been used for days or more: its last
// use — or, never used, its creation — is that old. A credential created
// yesterday and never used is not "unused for 90 days".
func unusedFor(cc client.ClientCredential, days int, now time.Time) bool {
	since := usedTime(cc)
	if since.IsZero() {
		since = cc.CreatedAt
	}
	return now.Sub(since) >= time.Duration(days)*24*time.Hour
}

// unusedDays is the session's unused figure (at least 1).
func unusedDays(c *ui.Common) int { return max(c.UnusedDays, 1) }

// togglePreset shows only the rows of the preset name (again: all; the
// unused preset counts as the same whatever its figure).
func (m *Model) togglePreset(name string, keep func(client.ClientCredential) bool) tea.Cmd {
	kind := func(n string) string { k, _, _ := strings.Cut(n, " "); return k }
	if cur := m.list.Preset(); cur != "" && kind(cur) == kind(name) {
		m.list.SetPreset("", nil)
		return nil
	}
	m.list.SetPreset(name, keep)
	return nil
}

func (m *Model) showExpiring() tea.Cmd {
	now := m.c.Clock()
	return m.togglePreset(presetExpiring, func(cc client.ClientCredential) bool { return expiredOrExpiring(cc, now) })
}

func (m *Model) showUnused() tea.Cmd {
	now, days := m.c.Clock(), unusedDays(m.c)
	return m.togglePreset(fmt.Sprintf(presetUnused, days), func(cc client.ClientCredential) bool { return unusedFor(cc, days, now) })
}

// header is the line above the table: how many credentials are expired
// and how many expire within 30 days, and the keys that show them.
func (m *Model) header() string {
	if !m.list.Loaded() {
		return ""
	}
	now := m.c.Clock()
	var expired, soon, unused int
	days := unusedDays(m.c)
	for _, cc := range m.list.Items() {
		switch left := cc.ValidTill.Sub(now); {
		case left <= 0:
			expired++
		case left <= expiryWindow:
			soon++
		}
		if unusedFor(cc, days, now) {
			unused++
		}
	}
	st := m.c.Styles
	parts := []string{
		tone(st, expired, fmt.Sprintf("%d expired", expired), st.Error),
		tone(st, soon, fmt.Sprintf("%d expire within 30 days", soon), st.Warning),
		st.Muted.Render("(x shows them)"),
		fmt.Sprintf("%d unused %dd+", unused, days) + st.Muted.Render(" (u)"),
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

// tone renders text in style when n > 0, muted otherwise.
func tone(st *ui.Styles, n int, text string, style lipgloss.Style) string {
	if n == 0 {
		return st.Muted.Render(text)
	}
	return style.Render(text)
}
