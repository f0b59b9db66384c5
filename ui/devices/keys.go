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

// HelpWhen implements ui.StateHelp: a key that applies only in some states
// says when; a write key in a read-only session stays hidden.
func (m *Model) HelpWhen(b key.Binding) string {
	if s := m.list.HelpWhen(b); s != "" {
		return s
	}
	if !m.c.CanWrite() {
		return ""
	}
	switch k, h := m.keys, b.Help(); h {
	case k.New.Help():
		return "one write at a time"
	case k.Edit.Help():
		return "on a row"
	case k.Deactivate.Help():
		return "on an active device"
	case k.Activate.Help():
		return "on an inactive device"
	}
	return ""
}
