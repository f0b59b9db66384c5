package clientcreds

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
)

// Update implements ui.Screen.
func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	cmd := m.update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case ui.Reply[loaded]:
		return m.onLoaded(msg)
	case filter.Result:
		if m.filter.Apply(msg) {
			m.table.SetView(msg.Indices, msg.Matches)
		}
	case ui.PoppedMsg:
		return m.onPopped(msg)
	case tea.KeyMsg:
		if m.bar.Focused() {
			return m.filterKey(msg)
		}
		return m.key(msg)
	default:
		return m.onActionReply(msg)
	}
	return nil
}

func (m *Model) onLoaded(r ui.Reply[loaded]) tea.Cmd {
	if r.ID != m.loadID {
		return nil // a newer load is on its way
	}
	m.loading = false
	if r.Err != nil {
		m.loadErr = ui.ErrorText(r.Err)
		if !m.loaded {
			m.table.SetEmptyText("Could not load the client credentials — ctrl+r retries")
		}
		return ui.ToastErr(r.Err)
	}
	m.loadErr, m.loaded = "", true
	m.table.SetEmptyText(EmptyText)
	if r.Value.catalogue != nil {
		m.catalogue = r.Value.catalogue
	}
	return m.setCreds(r.Value.creds)
}

// filterKey: while the filter bar has focus, keys type into it; enter
// keeps the filter, esc clears it.
func (m *Model) filterKey(k tea.KeyMsg) tea.Cmd {
	switch out, cmd := m.bar.Key(k, m.keys.ApplyFilter, m.keys.ClearFilter); out {
	case filter.Cleared:
		return m.clearFilter()
	case filter.Changed:
		return tea.Batch(cmd, m.filter.SetQuery(m.bar.Value()))
	default:
		return cmd
	}
}

func (m *Model) clearFilter() tea.Cmd {
	m.bar.Clear()
	m.table.ClearView()
	return m.filter.SetQuery("")
}

func (m *Model) key(k tea.KeyMsg) tea.Cmd {
	kk := m.keys
	switch {
	case key.Matches(k, kk.Filter):
		return m.bar.Focus()
	case key.Matches(k, kk.ClearFilter):
		return m.clearFilter()
	case key.Matches(k, kk.Detail):
		return m.openDetail()
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
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(k)
	return cmd
}
