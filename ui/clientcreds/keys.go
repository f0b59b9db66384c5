package clientcreds

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/list"
)

// keyMap is the screen's bindings (UX.md screen 1): the list's (movement,
// marks, filter, detail) and the actions on client credentials.
type keyMap struct {
	list list.KeyMap

	Add, Edit, EditScopes      key.Binding
	Delete, BulkDelete, Rotate key.Binding
	Reveal, CopyID, CopySecret key.Binding
	Expiring, Unused, Extend   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Add:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "add")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		EditScopes: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "edit scopes")),
		Delete:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		BulkDelete: key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete marked")),
		Rotate:     key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "rotate secret")),
		Reveal:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal secret")),
		CopyID:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy client id")),
		CopySecret: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy secret")),
		Expiring:   key.NewBinding(key.WithKeys("x", "X"), key.WithHelp("x/X", "expired/expiring only")), // X as on Credentials, where x releases custody
		Unused:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unused only")),
		Extend:     key.NewBinding(key.WithKeys("V"), key.WithHelp("V", "extend validity of marked")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	l := k.list
	return []key.Binding{l.KeepFilter, l.ClearFilter, l.Filter, k.Add, k.Edit, k.EditScopes, k.Delete, k.BulkDelete, l.Detail, l.Table.ToggleMark}
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return append(k.list.Full(),
		[]key.Binding{k.Add, k.Edit, k.EditScopes, k.Delete, k.BulkDelete, k.Rotate},
		[]key.Binding{k.Reveal, k.CopyID, k.CopySecret},
		[]key.Binding{k.Expiring, k.Unused, k.Extend},
	)
}

// HelpWhen implements ui.StateHelp: a key that applies only in some states
// says when; a key this session may never use (a write key for a viewer, a
// reveal in presentation mode) stays hidden.
func (m *Model) HelpWhen(b key.Binding) string {
	if s := m.list.HelpWhen(b); s != "" {
		return s
	}
	k, h := m.keys, b.Help()
	write := m.c.CanWrite()
	switch {
	case write && (h == k.BulkDelete.Help() || h == k.Extend.Help()):
		return "with marks"
	case write && (h == k.Add.Help() || h == k.EditScopes.Help()):
		return "one write at a time"
	case write && (h == k.Edit.Help() || h == k.Delete.Help() || h == k.Rotate.Help()):
		return "on a row"
	case m.c.CanReveal() && (h == k.Reveal.Help() || h == k.CopySecret.Help()):
		return "on a row"
	case !m.c.Presentation && h == k.CopyID.Help():
		return "on a row"
	}
	return ""
}

// syncKeys enables exactly the keys that apply now, so help never lies:
// write keys only in a writable session, row keys only with a row.
func (m *Model) syncKeys() {
	k := &m.keys
	k.list = m.list.Keys
	row := m.list.Row()
	// One write at a time: a second one would make the first's reply stale.
	write := m.c.CanWrite() && !m.list.Typing() && !m.list.Writing()
	reveal := row && m.c.CanReveal()

	k.Add.SetEnabled(write && m.catalogue != nil)
	k.Edit.SetEnabled(write && row)
	k.EditScopes.SetEnabled(write && row && m.catalogue != nil)
	k.Delete.SetEnabled(write && row)
	k.BulkDelete.SetEnabled(write && m.list.MarkedCount() > 0)
	k.Rotate.SetEnabled(write && row)
	k.Reveal.SetEnabled(reveal)
	k.CopyID.SetEnabled(row && !m.c.Presentation) // clipboard.Copy refuses everything in presentation mode
	k.CopySecret.SetEnabled(reveal)
	k.Expiring.SetEnabled(!m.list.Typing())
	k.Unused.SetEnabled(!m.list.Typing())
	k.Extend.SetEnabled(write && m.list.MarkedCount() > 0)
	k.Expiring.SetHelp("x", presetHelp(m.list.Preset() == presetExpiring, "expired/expiring only"))
	k.Unused.SetHelp("u", presetHelp(strings.HasPrefix(m.list.Preset(), "unused"), "unused only"))
}

// presetHelp is a preset key's help: what it shows, or that it shows all again.
func presetHelp(active bool, what string) string {
	if active {
		return "show all again"
	}
	return what
}
