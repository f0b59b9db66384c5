package credentials

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/pamconsole/pamconsole/ui/list"
)

// keyMap is the list's bindings (UX.md screen 2): the list's own and the
// actions on credentials. Bindings that do not apply to the session, the
// state or the focused row are disabled, so help never lies.
type keyMap struct {
	list list.KeyMap

	Reveal     key.Binding
	Copy       key.Binding
	New        key.Binding
	Edit       key.Binding
	Deactivate key.Binding
	Activate   key.Binding
	Release    key.Binding
	Expiring   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Reveal:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal password")),
		Copy:       key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy password")),
		New:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Deactivate: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deactivate")),
		Activate:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "activate")),
		Release:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "release custody")),
		Expiring:   key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "expired/expiring only")),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding {
	return append(k.list.Short(), k.Reveal, k.New, k.Edit, k.list.Sort)
}

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding {
	return append(k.list.Full(),
		[]key.Binding{k.Reveal, k.Copy},
		[]key.Binding{k.New, k.Edit, k.Deactivate, k.Activate, k.Release},
		[]key.Binding{k.Expiring})
}

// rowFacts is what the key map needs to know about the focused row.
type rowFacts struct {
	present     bool
	canActivate bool // inactive, or a server that does not say
	canDeact    bool // active, or a server that does not say
	canRelease  bool // in custody, or a server that does not say
	key         bool // an SSH key: no password to copy, no custody
}

// syncKeys enables exactly the bindings that apply now.
func (m *Model) syncKeys() {
	k := &m.keys
	k.list = m.list.Keys
	var row rowFacts
	if r, ok := m.focused(); ok && m.list.Row() {
		row = r.rec.facts()
		row.key = isKeyRow(r)
	}
	list := !m.list.Typing()
	write := list && m.c.CanWrite() && !m.list.Writing()
	reveal := row.present && m.c.CanReveal()
	k.Reveal.SetEnabled(reveal)
	if row.key {
		k.Reveal.SetHelp("r", "reveal SSH key")
	} else {
		k.Reveal.SetHelp("r", "reveal password")
	}
	k.Copy.SetEnabled(reveal && !row.key)
	k.New.SetEnabled(write)
	k.Edit.SetEnabled(write && row.present)
	k.Deactivate.SetEnabled(write && row.canDeact)
	k.Activate.SetEnabled(write && row.canActivate)
	k.Release.SetEnabled(write && row.canRelease && !row.key)
	k.Expiring.SetEnabled(list)
	if m.list.Preset() != "" {
		k.Expiring.SetHelp("X", "show all again")
	} else {
		k.Expiring.SetHelp("X", "expired/expiring only")
	}
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
	case m.c.CanReveal() && h == k.Reveal.Help():
		return "on a row"
	case m.c.CanReveal() && h == k.Copy.Help():
		return "on a row, not on SSH keys"
	case write && h == k.New.Help():
		return "one write at a time"
	case write && h == k.Edit.Help():
		return "on a row"
	case write && h == k.Deactivate.Help():
		return "on an active row"
	case write && h == k.Activate.Help():
		return "on an inactive row"
	case write && h == k.Release.Help():
		return "on a credential in custody, not on SSH keys"
	case h == k.Expiring.Help():
		return "not while typing"
	}
	return ""
}
