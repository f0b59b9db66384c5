package credentials

import (
	"github.com/pamconsole/pamconsole/ui/list"
)

// View renders the list (info line and table) and the legend: exactly the
// height the root gave the screen.
func (m *Model) View() string {
	return m.list.View() + "\n" + list.Fit(m.legend(), m.list.Width())
}

func (m *Model) legend() string {
	text := flagExpired + " expired  " + flagSoon + " expires within 7 days  " + flagInactive + " inactive"
	if s := m.summary(); s != "" {
		text = s + " · " + text
	}
	if m.c.ReadOnly {
		text += " · read-only"
	}
	return m.c.Styles.Muted.Render(text)
}
