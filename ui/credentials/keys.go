package credentials

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// keyMap is the list's bindings (UX.md screen 2). Bindings that do not
// apply to the session, the state or the focused row are disabled, so help
// never lies.
type keyMap struct {
	Table vtable.KeyMap

	Filter      key.Binding
	KeepFilter  key.Binding
	ClearFilter key.Binding
	Sort        key.Binding
	Flip        key.Binding
	Detail      key.Binding
	Reveal      key.Binding
	Copy        key.Binding
	New         key.Binding
	Edit        key.Binding
	Deactivate  key.Binding
	Activate    key.Binding
	Release     key.Binding
	Reload      key.Binding
}

func newKeyMap(table vtable.KeyMap) keyMap {
	return keyMap{
		Table:       table,
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		KeepFilter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter"), key.WithDisabled()),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"), key.WithDisabled()),
		Sort:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "sort column")),
		Flip:        key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "flip order")),
		Detail:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "detail")),
		Reveal:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal password")),
		Copy:        key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy password")),
		New:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Deactivate:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deactivate")),
		Activate:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "activate")),
		Release:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "release custody")),
		Reload:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.KeepFilter, k.ClearFilter, k.Filter, k.Detail, k.Reveal, k.New, k.Edit, k.Sort}
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Table.Up, k.Table.Down, k.Table.Home, k.Table.End, k.Table.PageUp, k.Table.PageDown},
		{k.Filter, k.KeepFilter, k.ClearFilter, k.Sort, k.Flip, k.Reload},
		{k.Detail, k.Reveal, k.Copy},
		{k.New, k.Edit, k.Deactivate, k.Activate, k.Release},
	}
}

// rowFacts is what the key map needs to know about the focused row.
type rowFacts struct {
	present     bool
	canActivate bool // inactive, or a server that does not say
	canDeact    bool // active, or a server that does not say
	canRelease  bool // in custody, or a server that does not say
}

// update enables exactly the bindings that apply now.
func (k *keyMap) update(writable, revealable, filtering, filterShown bool, row rowFacts) {
	list := !filtering
	k.Filter.SetEnabled(list)
	k.KeepFilter.SetEnabled(filtering)
	k.ClearFilter.SetEnabled(filtering || filterShown)
	k.Sort.SetEnabled(list)
	k.Flip.SetEnabled(list)
	k.Reload.SetEnabled(list)
	k.Detail.SetEnabled(list && row.present)
	k.Reveal.SetEnabled(list && row.present && revealable)
	k.Copy.SetEnabled(list && row.present && revealable)
	k.New.SetEnabled(list && writable)
	k.Edit.SetEnabled(list && writable && row.present)
	k.Deactivate.SetEnabled(list && writable && row.present && row.canDeact)
	k.Activate.SetEnabled(list && writable && row.present && row.canActivate)
	k.Release.SetEnabled(list && writable && row.present && row.canRelease)
}
