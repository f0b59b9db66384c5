package info

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// Results the screens pushed from the list pop with.
type (
	// openedMsg: the open-by-id prompt found the item.
	openedMsg struct{ item client.Info }
	// changedMsg: the detail disabled the item.
	changedMsg struct{ item client.Info }
	// SavedMsg: the new-item form created the item with this id.
	SavedMsg struct{ ID string }
)

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	it, ok := m.list.Focused()
	switch {
	case key.Matches(k, m.keys.Open):
		return ui.Push(m.c, newOpen(m.c, m.api, m.list.Width()))
	case key.Matches(k, m.keys.New):
		if err := m.c.Guard(); err != nil {
			return ui.ToastErr(err)
		}
		return ui.Push(m.c, newForm(m.c, m.api, m.list.Width()))
	case ok && key.Matches(k, m.keys.Disable):
		return m.askDisable(it)
	}
	return nil
}

func (m *Model) onPopped(msg ui.PoppedMsg) tea.Cmd {
	switch r := msg.Result.(type) {
	case openedMsg:
		return ui.Push(m.c, newDetail(m.c, m.api, r.item))
	case changedMsg:
		if m.list.Loaded() {
			return m.list.Put(r.item)
		}
	case SavedMsg:
		m.list.SelectWhen(func(it client.Info) bool { return it.ID.String() == r.ID })
		return m.list.Reload()
	}
	return nil
}

// askDisable asks, naming the item, then disables it and shows it disabled
// in place.
func (m *Model) askDisable(it client.Info) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return m.list.Confirm("Disable protected information", disableQuestion(it), func(string) tea.Cmd {
		return m.list.Do("Disabling "+label(it)+"…", func(ctx context.Context) func() tea.Cmd {
			done, err := disable(ctx, m.api, it)
			return func() tea.Cmd {
				if err != nil {
					return ui.ToastErr(err)
				}
				return tea.Batch(m.list.Put(done), ui.Toast(ui.ToastSuccess, "Disabled "+label(it)))
			}
		})
	})
}

func disableQuestion(it client.Info) string {
	return "Disable " + label(it) + "? Its content can no longer be read; the API has no way to enable it again."
}

// disable disables it and returns it as it is now.
func disable(ctx context.Context, a api, it client.Info) (client.Info, error) {
	if _, err := a.Disable(ctx, it.ID.String()); err != nil {
		return it, err
	}
	off := client.FlexBool(false)
	it.Active, it.Content = &off, nil
	return it, nil
}

// label names an item in texts: “name” (id 28), terminal-safe.
func label(it client.Info) string {
	name := it.Name
	if name == "" {
		name = it.Ref()
	}
	id := "id " + it.ID.String()
	if name == "" {
		return id
	}
	return "“" + safe(name) + "” (" + safe(id) + ")"
}
