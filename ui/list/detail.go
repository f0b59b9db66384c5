package list

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/ui"
)

// Field is one line of a Detail: a label and its value.
type Field struct{ Label, Value string }

// Detail is a read-only detail screen: every field of one record, values
// wrapped beside their labels (never cut), scrolled with j/k, pgup/pgdn or
// the wheel when they do not fit; esc goes back. Screens whose detail does
// more (reveal, edit) write their own.
type Detail struct {
	c      *ui.Common
	title  string
	fields []Field
	keys   detailKeys
	width  int
	height int
	offset int // first line shown
}

type detailKeys struct{ Down, Up, PageDown, PageUp, Back key.Binding }

func (k detailKeys) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.Back} }
func (k detailKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Down, k.Up, k.PageDown, k.PageUp, k.Back}}
}

// NewDetail returns the detail screen titled title showing fields.
func NewDetail(c *ui.Common, title string, fields []Field) *Detail {
	return &Detail{c: c, title: title, fields: fields, width: 80, height: 20, keys: detailKeys{
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}}
}

// Init implements ui.Screen.
func (d *Detail) Init() tea.Cmd { return nil }

// Title implements ui.Screen.
func (d *Detail) Title() string { return d.title }

// KeyMap implements ui.Screen.
func (d *Detail) KeyMap() help.KeyMap { return d.keys }

// Update implements ui.Screen: scrolling, and esc pops.
func (d *Detail) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	page := max(d.height-1, 1)
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case tea.MouseMsg:
		d.scroll(3 * ui.Wheel(msg))
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, d.keys.Back):
			return d, ui.Pop(d.c, nil)
		case key.Matches(msg, d.keys.Down):
			d.scroll(1)
		case key.Matches(msg, d.keys.Up):
			d.scroll(-1)
		case key.Matches(msg, d.keys.PageDown):
			d.scroll(page)
		case key.Matches(msg, d.keys.PageUp):
			d.scroll(-page)
		}
	}
	return d, nil
}

func (d *Detail) scroll(n int) {
	d.offset = max(min(d.offset+n, len(d.lines())-d.height), 0)
}

// View implements ui.Screen: the lines from the scroll offset on.
func (d *Detail) View() string {
	lines := d.lines()
	d.offset = max(min(d.offset, len(lines)-d.height), 0)
	return strings.Join(lines[d.offset:min(d.offset+max(d.height, 1), len(lines))], "\n")
}

// lines are the fields: labels in a column, each value wrapped beside its
// label in the rest of the width.
func (d *Detail) lines() []string {
	st := d.c.Styles
	w := 0
	for _, f := range d.fields {
		w = max(w, lipgloss.Width(f.Label))
	}
	valueW := max(d.width-w-2, 10)
	var out []string
	for _, f := range d.fields {
		label := st.Label.Render(f.Label + strings.Repeat(" ", w-lipgloss.Width(f.Label)+2))
		if strings.TrimSpace(f.Value) == "" {
			// A blank looks like a value that failed to draw; — says "none".
			out = append(out, label+st.Muted.Render("—"))
			continue
		}
		for i, l := range strings.Split(ansi.Hardwrap(ansi.Wordwrap(f.Value, valueW, ""), valueW, true), "\n") {
			if i > 0 {
				label = strings.Repeat(" ", w+2)
			}
			out = append(out, label+l)
		}
	}
	return out
}
