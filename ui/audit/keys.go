package audit

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// keyMap is the audit screen's bindings: navigation and search only (the
// audit log is read-only).
type keyMap struct {
	Table       vtable.KeyMap
	Filter      key.Binding
	KeepFilter  key.Binding
	ClearFilter key.Binding
	Reload      key.Binding
}

func newKeyMap(t vtable.KeyMap) keyMap {
	return keyMap{
		Table:       t,
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		KeepFilter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search now"), key.WithDisabled()),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear search"), key.WithDisabled()),
		Reload:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.KeepFilter, k.ClearFilter, k.Filter, k.Table.Up, k.Table.Down}
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Table.Up, k.Table.Down, k.Table.Home, k.Table.End, k.Table.PageUp, k.Table.PageDown},
		{k.Filter, k.KeepFilter, k.ClearFilter, k.Reload},
	}
}

func (k *keyMap) update(filtering, searched bool) {
	k.Filter.SetEnabled(!filtering)
	k.KeepFilter.SetEnabled(filtering)
	k.ClearFilter.SetEnabled(filtering || searched)
	k.Reload.SetEnabled(!filtering)
}
