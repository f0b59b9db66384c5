package clientcreds

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// Update implements ui.Screen.
func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	cmd := m.update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "esc" && !m.list.Typing() && m.secrets.showing() != 0 {
		m.secrets.hide() // esc hides a shown secret before it clears a filter
		return nil
	}
	if cmd, ok := m.list.Update(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case ui.Reply[*client.ScopeCatalogue]:
		return m.onCatalogue(msg)
	case ui.PoppedMsg:
		return m.onPopped(msg)
	case tea.KeyMsg:
		return m.key(msg)
	default:
		cmd, _ := m.secrets.update(msg)
		return cmd
	}
	return nil
}

func (m *Model) onCatalogue(r ui.Reply[*client.ScopeCatalogue]) tea.Cmd {
	if r.ID != m.catalogueID {
		return nil
	}
	m.catalogueID = 0
	if r.Err != nil {
		return ui.Toast(ui.ToastError, "Loading the scope catalogue failed: "+ui.ErrorText(r.Err)+" — ctrl+r retries")
	}
	m.catalogue = r.Value
	return nil
}

func (m *Model) key(k tea.KeyMsg) tea.Cmd {
	kk := m.keys
	switch {
	case key.Matches(k, kk.Add):
		return m.openAdd()
	case key.Matches(k, kk.Edit):
		return m.openEdit()
	case key.Matches(k, kk.EditScopes):
		return m.openEditScopes()
	case key.Matches(k, kk.Delete):
		return m.askDelete()
	case key.Matches(k, kk.BulkDelete):
		return m.askBulkDelete()
	case key.Matches(k, kk.Rotate):
		return m.askRotate()
	case key.Matches(k, kk.Reveal):
		return m.startReveal()
	case key.Matches(k, kk.CopyID):
		return m.copyClientID()
	case key.Matches(k, kk.CopySecret):
		return m.startCopySecret()
	case key.Matches(k, kk.Expiring):
		return m.showExpiring()
	case key.Matches(k, kk.Unused):
		return m.showUnused()
	case key.Matches(k, kk.Extend):
		return m.askExtend()
	}
	return nil
}
