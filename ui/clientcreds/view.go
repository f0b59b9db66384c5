package clientcreds

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
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

// View implements ui.Screen: a top line (filter or counts), the table, and
// a bottom line (revealed secret, progress or the load error).
func (m *Model) View() string {
	// The table's frame is exactly its size already; only the two text
	// lines need cutting to the width.
	return fitLines(m.topLine(), m.width, 1) + "\n" + m.table.View() + "\n" + fitLines(m.bottomLine(), m.width, 1)
}

func (m *Model) topLine() string {
	st := m.c.Styles
	if m.bar.Focused() || m.filter.Query() != "" {
		line := m.bar.View()
		if !m.bar.Focused() {
			line = st.Focused.Render("/ ") + m.bar.Value() + st.Muted.Render("  (esc clears)")
		}
		line += st.Muted.Render(fmt.Sprintf("  %d of %d", m.table.ViewLen(), m.table.Len()))
		if n := m.table.MarkedCount(); n > 0 {
			line += st.Muted.Render(fmt.Sprintf(" · %d marked, %d hidden", n, m.table.HiddenMarkedCount()))
		}
		return line
	}
	count := fmt.Sprintf("%d client credentials", len(m.creds))
	if !m.loaded {
		count = "Client credentials" // not "0" before the first answer
	}
	parts := []string{count}
	if n := m.table.MarkedCount(); n > 0 {
		parts = append(parts, fmt.Sprintf("%d marked (D deletes)", n))
	}
	if m.c.ReadOnly {
		parts = append(parts, "read-only")
	}
	return st.Bold.Render(strings.Join(parts, " · "))
}

func (m *Model) bottomLine() string {
	st := m.c.Styles
	switch {
	case m.busy != "":
		return st.Muted.Render(m.busy)
	case m.loading:
		return st.Muted.Render("Loading client credentials…")
	case m.loadErr != "":
		return st.Error.Render("! "+m.loadErr) + st.Muted.Render(" · ctrl+r retries")
	}
	if id := m.secrets.showing(); id != 0 {
		for _, cc := range m.creds {
			if cc.ID == id {
				return st.Label.Render("Secret of “"+cc.Name+"”: ") + m.secrets.view(id)
			}
		}
	}
	return ""
}
