package vtable

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the table's key bindings. It satisfies help.KeyMap so screens can
// show it in their help; ToggleMark and MarkAll are disabled while marking is
// off.
type KeyMap struct {
	Up, Down            key.Binding
	PageUp, PageDown    key.Binding
	HalfUp, HalfDown    key.Binding
	Home, End           key.Binding
	ToggleMark, MarkAll key.Binding
	Left, Right         key.Binding // scroll the columns; enabled when some do not fit
}

// DefaultKeyMap returns the bindings of UX.md.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		HalfUp:     key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "½ page up")),
		HalfDown:   key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "½ page down")),
		Home:       key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		End:        key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		ToggleMark: key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark"), key.WithDisabled()),
		MarkAll:    key.NewBinding(key.WithKeys("ctrl+a"), key.WithHelp("ctrl+a", "mark all shown"), key.WithDisabled()),
		Left:       key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "columns left"), key.WithDisabled()),
		Right:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "more columns"), key.WithDisabled()),
	}
}

// ShortHelp implements help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.ToggleMark}
}

// FullHelp implements help.KeyMap.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Home, k.End},
		{k.PageUp, k.PageDown, k.HalfUp, k.HalfDown},
		{k.ToggleMark, k.MarkAll, k.Left, k.Right},
	}
}
