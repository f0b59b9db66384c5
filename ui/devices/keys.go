package devices

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// keyMap is the devices screen's bindings (UX.md screen 3); bindings that
// do not apply are disabled so help never lies.
type keyMap struct {
	Table vtable.KeyMap

	Filter      key.Binding
	KeepFilter  key.Binding
	ClearFilter key.Binding
	New         key.Binding
	Edit        key.Binding
	Deactivate  key.Binding
	Activate    key.Binding
	Reload      key.Binding
}

func newKeyMap(t vtable.KeyMap) keyMap {
	return keyMap{
		Table:       t,
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		KeepFilter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter"), key.WithDisabled()),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"), key.WithDisabled()),
		New:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Deactivate:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deactivate")),
		Activate:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "activate")),
		Reload:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.KeepFilter, k.ClearFilter, k.Filter, k.New, k.Edit, k.Deactivate, k.Activate}
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Table.Up, k.Table.Down, k.Table.Home, k.Table.End, k.Table.PageUp, k.Table.PageDown},
		{k.Filter, k.KeepFilter, k.ClearFilter, k.Reload},
		{k.New, k.Edit, k.Deactivate, k.Activate},
	}
}

func (k *keyMap) update(writable, filtering, filterShown, present, active bool) {
	list := !filtering
	k.Filter.SetEnabled(list)
	k.KeepFilter.SetEnabled(filtering)
	k.ClearFilter.SetEnabled(filtering || filterShown)
	k.Reload.SetEnabled(list)
	k.New.SetEnabled(list && writable)
	k.Edit.SetEnabled(list && writable && present)
	k.Deactivate.SetEnabled(list && writable && present && active)
	k.Activate.SetEnabled(list && writable && present && !active)
}
