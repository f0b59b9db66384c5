package scopes

import (
	"strconv"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// The mouse on the scopes page, as on the dashboard of seed 000: a click on
// a group shows its scopes, a click on a scope's row toggles its checkbox,
// the wheel moves the cursor of the pane it is over… or of the focused one.

func (m Model) groupZone(gi int) string { return m.zone + "g" + strconv.Itoa(gi) }
func (m Model) rowZone(row int) string  { return m.zone + "s" + strconv.Itoa(row) }

func (m *Model) mouse(msg tea.MouseMsg) {
	if d := ui.Wheel(msg); d != 0 {
		if m.focus == FocusGroups && len(m.groups) > 0 {
			if g := clamp(m.group+d, 0, len(m.groups)-1); g != m.group {
				m.group, m.cursor, m.top = g, 0, 0
			}
		} else {
			m.cursor = clamp(m.cursor+d, 0, max(m.rowCount()-1, 0))
		}
		m.clampScroll()
		return
	}
	for row := m.top; row < m.top+m.listHeight() && row < m.rowCount(); row++ {
		if m.c.Clicked(m.rowZone(row), msg) {
			m.setFocus(FocusScopes)
			m.cursor = row
			m.toggle()
			return
		}
	}
	if m.results != nil {
		return
	}
	for gi := m.groupTop; gi < m.groupTop+m.listHeight() && gi < len(m.groups); gi++ {
		if m.c.Clicked(m.groupZone(gi), msg) {
			m.setFocus(FocusGroups)
			if gi != m.group {
				m.group, m.cursor, m.top = gi, 0, 0
			}
			m.clampScroll()
			return
		}
	}
}
