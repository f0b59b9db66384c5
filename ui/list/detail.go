package list

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/ui"
)

// Field is one line of a Detail: a label and its value.
type Field struct{ Label, Value string }

// Detail is a read-only detail screen: every field of one record, one per
// line, esc to go back. Screens whose detail does more (reveal, edit)
// write their own.
type Detail struct {
	c      *ui.Common
	title  string
	fields []Field
	keys   detailKeys
	width  int
	height int
}

type detailKeys struct{ Back key.Binding }

func (k detailKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k detailKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Back}} }

// NewDetail returns the detail screen titled title showing fields.
func NewDetail(c *ui.Common, title string, fields []Field) *Detail {
	return &Detail{c: c, title: title, fields: fields, width: 80, height: 20,
		keys: detailKeys{Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))}}
}

// Init implements ui.Screen.
func (d *Detail) Init() tea.Cmd { return nil }

// Title implements ui.Screen.
func (d *Detail) Title() string { return d.title }

// KeyMap implements ui.Screen.
func (d *Detail) KeyMap() help.KeyMap { return d.keys }

// Update implements ui.Screen: esc pops.
func (d *Detail) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case tea.KeyMsg:
		if key.Matches(msg, d.keys.Back) {
			return d, ui.Pop(d.c, nil)
		}
	}
	return d, nil
}

// View implements ui.Screen: labels in a column, values wrapped beside them.
func (d *Detail) View() string {
	st := d.c.Styles
	w := 0
	for _, f := range d.fields {
		w = max(w, lipgloss.Width(f.Label))
	}
	var b strings.Builder
	for _, f := range d.fields {
		label := st.Label.Render(f.Label + strings.Repeat(" ", w-lipgloss.Width(f.Label)+2))
		b.WriteString(Fit(label+f.Value, d.width) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
