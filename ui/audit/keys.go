package audit

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/list"
)

// keyMap is the audit screen's bindings: the list's only (the audit log is
// read-only).
type keyMap struct{ list list.KeyMap }

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return append(k.list.Short(), k.list.Table.Up, k.list.Table.Down)
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding { return k.list.Full() }
