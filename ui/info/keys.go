package info

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/list"
)

// keyMap is the screen's bindings (UX.md screen 5): the list's and the
// actions; bindings that do not apply now are disabled (help never lies).
type keyMap struct {
	list    list.KeyMap
	Open    key.Binding
	New     key.Binding
	Disable key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Open:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open by id")),
		New:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Disable: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "disable")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return append(k.list.Short(), k.Open, k.New, k.Disable)
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return append(k.list.Full(), []key.Binding{k.Open, k.New, k.Disable})
}

// HelpWhen implements ui.StateHelp: a key that applies only in some states
// says when; a write key stays hidden from a session that may not write.
func (m *Model) HelpWhen(b key.Binding) string {
	if s := m.list.HelpWhen(b); s != "" {
		return s
	}
	k, h := m.keys, b.Help()
	write := m.c.CanWrite()
	switch {
	case h == k.Open.Help():
		return "not while typing"
	case write && h == k.New.Help():
		return "one write at a time"
	case write && h == k.Disable.Help():
		return "on an active row"
	}
	return ""
}

func (m *Model) syncKeys() {
	k := &m.keys
	k.list = m.list.Keys
	it, row := m.list.Focused()
	row = row && m.list.Row()
	write := m.c.CanWrite() && !m.list.Typing() && !m.list.Writing()
	k.Open.SetEnabled(!m.list.Typing())
	k.New.SetEnabled(write)
	k.Disable.SetEnabled(write && row && it.IsActive())
}
