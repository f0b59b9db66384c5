package devices

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/list"
)

// keyMap is the devices screen's bindings (UX.md screen 3): the list's and
// the actions; bindings that do not apply are disabled so help never lies.
type keyMap struct {
	list       list.KeyMap
	New        key.Binding
	Edit       key.Binding
	Deactivate key.Binding
	Activate   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		New:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Deactivate: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deactivate")),
		Activate:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "activate")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return append(k.list.Short(), k.New, k.Edit, k.Deactivate, k.Activate)
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return append(k.list.Full(), []key.Binding{k.New, k.Edit, k.Deactivate, k.Activate})
}

func (m *Model) syncKeys() {
	k := &m.keys
	k.list = m.list.Keys
	d, row := m.list.Focused()
	row = row && m.list.Row()
	write := m.c.CanWrite() && !m.list.Typing() && !m.list.Writing()
	k.New.SetEnabled(write)
	k.Edit.SetEnabled(write && row)
	k.Deactivate.SetEnabled(write && row && d.IsActive())
	k.Activate.SetEnabled(write && row && !d.IsActive())
}
