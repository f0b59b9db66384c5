package clientcreds

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

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

// View implements ui.Screen: the expiry header, the list (info line and
// table) and a line with the revealed secret. A secret wider than the
// screen is wrapped, never cut, over the last rows of the table while it
// is shown.
func (m *Model) View() string {
	head := list.Fit(m.header(), m.width) + "\n"
	secret := m.secretLine()
	if secret == "" || ansi.StringWidth(secret) <= m.width {
		return head + m.list.View() + "\n" + secret
	}
	extra := strings.Split(ansi.Hardwrap(secret, max(m.width, 1), true), "\n")
	rows := strings.Split(m.list.View(), "\n")
	keep := max(len(rows)-(len(extra)-1), 1)
	return head + strings.Join(append(rows[:keep], extra...), "\n")
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
