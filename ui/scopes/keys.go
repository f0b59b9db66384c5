package scopes

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// KeyMap is the scopes page's bindings (UX.md, Scopes page).
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Left, Right                             key.Binding
	Tab                                     key.Binding
	Search                                  key.Binding
	Toggle                                  key.Binding
	SelectAll, ClearAll, Reset              key.Binding
	Save                                    key.Binding
	Back                                    key.Binding
	Help                                    key.Binding
	Yes, No                                 key.Binding
}

func newKeyMap(opts Options) KeyMap {
	save := opts.SaveLabel
	if save == "" {
		save = "save"
	}
	reset := "reset to saved"
	if opts.New {
		reset = "reset to defaults"
	}
	return KeyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:       key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:    key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Left:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "groups")),
		Right:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "scopes")),
		Tab:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab/shift+tab", "search/groups/scopes")),
		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Toggle:    key.NewBinding(key.WithKeys(" ", "enter"), key.WithHelp("space", "toggle")),
		SelectAll: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "select all")),
		ClearAll:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "clear all")),
		Reset:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", reset)),
		Save:      key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", save)),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Yes:       key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "discard changes"), key.WithDisabled()),
		No:        key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "keep editing"), key.WithDisabled()),
	}
}

// syncKeys enables exactly the bindings that apply in the current state,
// so help never lies.
func (m *Model) syncKeys() {
	k := &m.keys
	asking := m.confirming
	inSearch := m.focus == FocusSearch
	lists := !asking && !inSearch
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.PageUp, &k.PageDown,
		&k.Left, &k.Right, &k.Search, &k.SelectAll, &k.ClearAll, &k.Reset, &k.Help} {
		b.SetEnabled(lists)
	}
	k.Toggle.SetEnabled(lists && m.focus == FocusScopes || lists && m.focus == FocusGroups)
	if m.focus == FocusGroups {
		k.Toggle.SetHelp("space", "toggle group")
	} else {
		k.Toggle.SetHelp("space", "toggle")
	}
	if m.results != nil {
		k.SelectAll.SetHelp("a", "select all matches")
		k.ClearAll.SetHelp("x", "clear all matches")
	} else {
		k.SelectAll.SetHelp("a", "select all in group")
		k.ClearAll.SetHelp("x", "clear all in group")
	}
	k.Tab.SetEnabled(!asking)
	k.Save.SetEnabled(!asking)
	k.Back.SetEnabled(!asking)
	k.Yes.SetEnabled(asking)
	k.No.SetEnabled(asking)
}

// KeyMap returns the page's help.
func (m Model) KeyMap() help.KeyMap { return m.keys }

// ShortHelp implements help.KeyMap. Save and help come first: the page's
// hint line already names the other keys, and the footer is cut at 80
// columns.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Yes, k.No, k.Save, k.Help, k.Tab, k.Search, k.Toggle, k.SelectAll, k.ClearAll, k.Reset, k.Back}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Tab, k.Left, k.Right, k.Search, k.Toggle},
		{k.SelectAll, k.ClearAll, k.Reset, k.Save, k.Back, k.Help, k.Yes, k.No},
	}
}
