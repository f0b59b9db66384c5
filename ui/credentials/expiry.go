package credentials

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui/list"
)

// expiryWindow is how close an expiration must be for the summary's
// "expire within 30 days" and the X preset (the Client Credentials header
// uses the same figure).
const expiryWindow = 30 * 24 * time.Hour

// presetExpiring names the X preset in the info line.
const presetExpiring = "expired or expiring ≤ 30d"

// expiry says whether an active credential's expiration is past, or
// within expiryWindow of now; one without an expiration is neither.
func expiry(rec record, now time.Time) (expired, soon bool) {
	if !rec.active || rec.expiration == 0 {
		return false, false
	}
	left := time.Unix(rec.expiration, 0).Sub(now)
	return left <= 0, left > 0 && left <= expiryWindow
}

// toggleExpiring is X: only the expired and expiring credentials (again: all).
func (m *Model) toggleExpiring() tea.Cmd {
	if m.list.Preset() != "" {
		m.list.SetPreset("", nil)
		return nil
	}
	now := m.c.Clock()
	m.list.SetPreset(presetExpiring, func(r row) bool {
		expired, soon := expiry(r.rec, now)
		return expired || soon
	})
	return nil
}

// summary counts the expired and expiring credentials, once per set of
// rows (a list of 100,000 is not counted on every frame).
func (m *Model) summary() string {
	n := m.list.Len()
	if !m.list.Loaded() || n == 0 {
		return ""
	}
	if m.sum.len == n && m.sum.text != "" {
		return m.sum.text
	}
	now := m.c.Clock()
	var expired, soon int
	for _, r := range m.list.Items() {
		e, s := expiry(r.rec, now)
		if e {
			expired++
		}
		if s {
			soon++
		}
	}
	m.sum.len, m.sum.text = n, list.Thousands(expired)+" expired · "+list.Thousands(soon)+" expire within 30 days (X)"
	return m.sum.text
}
