package clientcreds

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// keyMap is the table screen's bindings (UX.md screen 1). The table's own
// movement and mark keys live in table; ShortHelp/FullHelp merge them.
type keyMap struct {
	table vtable.KeyMap

	Filter, ApplyFilter, ClearFilter key.Binding
	Detail                           key.Binding
	Add, Edit, EditScopes            key.Binding
	Delete, BulkDelete, Rotate       key.Binding
	Reveal, CopyID, CopySecret       key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ApplyFilter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter"), key.WithDisabled()),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"), key.WithDisabled()),
		Detail:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
		Add:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "add")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		EditScopes:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "edit scopes")),
		Delete:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		BulkDelete:  key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete marked")),
		Rotate:      key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rotate secret")),
		Reveal:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal secret")),
		CopyID:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy client id")),
		CopySecret:  key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy secret")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.ApplyFilter, k.ClearFilter, k.Filter, k.Add, k.Edit, k.EditScopes, k.Delete, k.BulkDelete, k.Detail, k.table.ToggleMark}
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return append(k.table.FullHelp(),
		[]key.Binding{k.Filter, k.ApplyFilter, k.ClearFilter, k.Detail},
		[]key.Binding{k.Add, k.Edit, k.EditScopes, k.Delete, k.BulkDelete, k.Rotate},
		[]key.Binding{k.Reveal, k.CopyID, k.CopySecret},
	)
}

// sync enables exactly the keys that apply now, so help never lies: write
// keys only in a writable session, row keys only with a row, filter-edit
// keys only while typing a filter.
func (m *Model) syncKeys() {
	k := &m.keys
	k.table = m.table.Keys
	typing := m.bar.Focused()
	hasRow := !typing && m.focused() != nil
	// One write at a time: a second one would make the first's reply stale.
	write := m.c.CanWrite() && !typing && m.busy == ""
	reveal := hasRow && m.c.CanReveal()

	k.Filter.SetEnabled(!typing)
	k.ApplyFilter.SetEnabled(typing)
	k.ClearFilter.SetEnabled(typing || m.filter.Query() != "")
	k.Detail.SetEnabled(hasRow)
	k.Add.SetEnabled(write && m.catalogue != nil)
	k.Edit.SetEnabled(write && hasRow)
	k.EditScopes.SetEnabled(write && hasRow && m.catalogue != nil)
	k.Delete.SetEnabled(write && hasRow)
	k.BulkDelete.SetEnabled(write && m.table.MarkedCount() > 0)
	k.Rotate.SetEnabled(write && hasRow)
	k.Reveal.SetEnabled(reveal)
	k.CopyID.SetEnabled(hasRow && !m.c.Presentation) // clipboard.Copy refuses everything in presentation mode
	k.CopySecret.SetEnabled(reveal)
}
