package clientcreds

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui/list"
)

func (m *Model) startReveal() tea.Cmd {
	if cc := m.focused(); cc != nil {
		return m.secrets.reveal(*cc)
	}
	return nil
}

func (m *Model) copyClientID() tea.Cmd {
	if cc := m.focused(); cc != nil {
		return copyIDCmd(m.c, *cc)
	}
	return nil
}

func (m *Model) startCopySecret() tea.Cmd {
	if cc := m.focused(); cc != nil {
		return m.secrets.copy(*cc)
	}
	return nil
}

// View implements ui.Screen: the list (info line and table) and a line
// with the revealed secret.
func (m *Model) View() string {
	return m.list.View() + "\n" + list.Fit(m.secretLine(), m.width)
}

func (m *Model) secretLine() string {
	id := m.secrets.showing()
	if id == 0 {
		return ""
	}
	for _, cc := range m.list.Items() {
		if cc.ID == id {
			return m.c.Styles.Label.Render("Secret of “"+cc.Name+"”: ") + m.secrets.view(id)
		}
	}
	return ""
}
