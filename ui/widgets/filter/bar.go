package filter

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// Bar is a list screen's "/ query" line: a text input that has focus while
// the user types a filter or search. The screen owns what a query means
// (a local fuzzy filter, a server search); the bar owns the typing.
type Bar struct {
	input textinput.Model
}

// NewBar returns an unfocused, empty bar styled for the session c.
func NewBar(c *ui.Common, placeholder string) Bar {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 128
	ns := c.Renderer.NewStyle
	in.PromptStyle, in.TextStyle = c.Styles.Focused, ns()
	in.PlaceholderStyle, in.CompletionStyle = c.Styles.Muted, c.Styles.Muted
	in.Cursor.Style = ns().Reverse(true)
	in.Cursor.TextStyle = ns()
	in.Cursor.SetMode(cursor.CursorStatic) // no blink: an idle console sends nothing
	return Bar{input: in}
}

// Outcome is what a key did to a focused bar.
type Outcome int

const (
	// Typed: the key edited or moved within the input; the query may be unchanged.
	Typed Outcome = iota
	// Changed: the query is different.
	Changed
	// Kept: the keep key (enter) left the bar; the query stays.
	Kept
	// Cleared: the clear key (esc) left the bar and emptied it.
	Cleared
)

// Focus gives the bar the keys.
func (b *Bar) Focus() tea.Cmd { return b.input.Focus() }

// Focused says whether the bar takes the keys.
func (b *Bar) Focused() bool { return b.input.Focused() }

// Value is the query as typed.
func (b *Bar) Value() string { return b.input.Value() }

// Clear empties the bar and takes the focus away.
func (b *Bar) Clear() {
	b.input.Blur()
	b.input.SetValue("")
}

// SetWidth sets the input's width in cells.
func (b *Bar) SetWidth(w int) { b.input.Width = w }

// View renders the prompt and the query.
func (b *Bar) View() string { return b.input.View() }

// Key handles k while the bar has focus: keep leaves it with the query, clear
// empties it, anything else edits the query.
func (b *Bar) Key(k tea.KeyMsg, keep, clearKey key.Binding) (Outcome, tea.Cmd) {
	switch {
	case key.Matches(k, keep):
		b.input.Blur()
		return Kept, nil
	case key.Matches(k, clearKey):
		b.Clear()
		return Cleared, nil
	}
	before := b.input.Value()
	var cmd tea.Cmd
	b.input, cmd = b.input.Update(k)
	if b.input.Value() != before {
		return Changed, cmd
	}
	return Typed, cmd
}
