package list

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// KeyMap is the list's own bindings; a screen's key map shows them next to
// its actions. Bindings that do not apply now are disabled (help never lies).
type KeyMap struct {
	Table       vtable.KeyMap
	Filter      key.Binding // /
	KeepFilter  key.Binding // enter while typing
	ClearFilter key.Binding // esc
	Detail      key.Binding // enter
	Sort, Flip  key.Binding // o, O
	Export      key.Binding // E: the rows shown to a CSV file (local sessions)
}

func newKeyMap(t vtable.KeyMap) KeyMap {
	return KeyMap{
		Table:       t,
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		KeepFilter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter"), key.WithDisabled()),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"), key.WithDisabled()),
		Detail:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Sort:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "sort column")),
		Flip:        key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "flip order")),
		Export:      key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "rows shown → CSV file")),
	}
}

// Short is the list's part of a screen's help line.
func (k KeyMap) Short() []key.Binding {
	return []key.Binding{k.KeepFilter, k.ClearFilter, k.Filter, k.Detail}
}

// Full is the list's part of a screen's full help: movement and marks,
// then filter, sort and detail.
func (k KeyMap) Full() [][]key.Binding {
	return [][]key.Binding{
		{k.Table.Up, k.Table.Down, k.Table.Home, k.Table.End, k.Table.PageUp, k.Table.PageDown},
		{k.Table.ToggleMark, k.Table.MarkAll, k.Table.Left, k.Table.Right},
		{k.Filter, k.KeepFilter, k.ClearFilter, k.Sort, k.Flip, k.Detail, k.Export},
	}
}

// syncKeys enables exactly the bindings that apply now.
func (l *Model[T]) syncKeys() {
	k := &l.Keys
	typing := l.bar.Focused()
	_, row := l.Focused()
	k.Table = l.table.Keys
	if typing { // space, h and l type into the bar: the footer must not offer them
		k.Table.ToggleMark.SetEnabled(false)
		k.Table.MarkAll.SetEnabled(false)
		k.Table.Left.SetEnabled(false)
		k.Table.Right.SetEnabled(false)
	}
	k.Filter.SetEnabled(!typing)
	k.KeepFilter.SetEnabled(typing)
	k.ClearFilter.SetEnabled(typing || l.query() != "")
	k.Detail.SetEnabled(!typing && row && l.spec.Detail != nil)
	k.Sort.SetEnabled(!typing && len(l.spec.Sorts) > 0)
	k.Flip.SetEnabled(!typing && len(l.spec.Sorts) > 0)
	k.Export.SetEnabled(!typing && l.c.ExportDir != "" && l.table.ViewLen() > 0)
}

// Row reports whether a row is focused and the list is not typing: the
// condition of every key that acts on the focused row.
func (l *Model[T]) Row() bool {
	_, ok := l.Focused()
	return ok && !l.bar.Focused()
}

// HelpWhen says when a list binding applies, for the help overlay
// (ui.StateHelp: a screen's HelpWhen asks the list first); "" for a
// binding that is not the list's or can never apply on this screen.
func (l *Model[T]) HelpWhen(b key.Binding) string {
	k, h := l.Keys, b.Help()
	switch h {
	case k.KeepFilter.Help():
		return "while typing"
	case k.ClearFilter.Help():
		return "with a filter"
	case k.Filter.Help():
		return "not while typing"
	case k.Table.Left.Help():
		return "when scrolled"
	case k.Table.Right.Help():
		return "when cut off"
	}
	switch {
	case h == k.Detail.Help() && l.spec.Detail != nil:
		return "on a row"
	case (h == k.Sort.Help() || h == k.Flip.Help()) && len(l.spec.Sorts) > 0:
		return "not while typing"
	case (h == k.Table.ToggleMark.Help() || h == k.Table.MarkAll.Help()) && l.spec.Marks:
		return "on a row"
	}
	return ""
}
