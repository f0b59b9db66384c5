// Package form is a vertical form of labelled text inputs with per-field
// error lines, used by every screen that creates or edits something.
//
//	f := form.New(c, []form.Field{
//		{Key: "name", Label: "Name", CharLimit: 64, Validate: form.Required("Name")},
//		{Key: "secret", Label: "Secret", Masked: true},
//	})
//	cmd := f.Focus()
//	f, cmd = f.Update(msg)          // typing, tab/shift+tab/up/down between fields
//	case form.SubmitMsg:            // enter on the last field, after every Validate passed
//	f.Values()["name"]
//	f.ErrorsFromAPI(err)            // the server's field errors under their fields
//
// Values are never cleared by the form itself: a failed submit keeps
// everything the user typed.
package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
)

// Field describes one labelled input.
type Field struct {
	Key         string // the name Values, SetValue and SetErrors use (also the API field name)
	Label       string
	Placeholder string
	Value       string // initial value
	Masked      bool   // echo • instead of the characters (passwords)
	CharLimit   int    // 0 = no limit
	// Validate returns "" when v is acceptable, else the message shown
	// under the field. Nil accepts anything.
	Validate func(v string) string
}

// SubmitMsg is emitted (as a command's message) when the user presses enter
// on the last field, or the host calls Submit, and every field validated.
// Form is the ID of the form that submitted (see Model.ID).
type SubmitMsg struct{ Form uint64 }

// KeyMap holds the form's own bindings; hosts add them to their help.
type KeyMap struct {
	Next   key.Binding
	Prev   key.Binding
	Submit key.Binding
}

// DefaultKeyMap is the form's bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / submit on last field")),
	}
}

// Model is the form. Use it by value like any Bubble Tea component.
type Model struct {
	c       *ui.Common
	id      uint64
	fields  []Field
	inputs  []textinput.Model
	errs    []string
	general string
	focus   int
	focused bool
	width   int
	labelW  int

	// KeyMap may be changed by the host (e.g. to disable up/down).
	KeyMap KeyMap
	// CodeFields maps a PAM Core error code (APIError.Code) to the field it
	// concerns, for ErrorsFromAPI; e.g. {pamcode.HostnameMissing: "hostname"}.
	CodeFields map[pamcode.Code]string
}

// New builds a form of fields. It starts blurred; call Focus.
func New(c *ui.Common, fields []Field) Model {
	m := Model{c: c, fields: append([]Field(nil), fields...), KeyMap: DefaultKeyMap(), width: 80}
	if c != nil {
		m.id = c.NextID()
	}
	m.inputs = make([]textinput.Model, len(fields))
	m.errs = make([]string, len(fields))
	for i, f := range fields {
		m.inputs[i] = m.newInput(f)
		m.labelW = max(m.labelW, lipgloss.Width(f.Label))
	}
	m.SetWidth(m.width)
	return m
}

func (m Model) newInput(f Field) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = m.placeholder(f.Placeholder)
	in.CharLimit = f.CharLimit
	in.SetValue(f.Value)
	if f.Masked {
		in.EchoMode = textinput.EchoPassword
		in.EchoCharacter = '•'
	}
	// A static cursor keeps renders deterministic and sends no blink ticks.
	in.Cursor.SetMode(cursor.CursorStatic)
	if m.c != nil && m.c.Renderer != nil {
		ns := m.c.Renderer.NewStyle
		in.PromptStyle, in.TextStyle = ns(), ns()
		in.PlaceholderStyle = m.c.Styles.Muted
		in.CompletionStyle = m.c.Styles.Muted
		in.Cursor.Style = ns().Reverse(true)
		in.Cursor.TextStyle = ns()
	}
	return in
}

// placeholder marks a hint so it cannot pass for a typed value: "<Server>"
// rather than a faint "Server" that looks typed on many terminals and under
// NO_COLOR (a tester saved "Type  Server" and got "Type is required").
func (m Model) placeholder(p string) string {
	if p == "" {
		return p
	}
	return "<" + p + ">"
}

// ID identifies this form in SubmitMsg.
func (m Model) ID() uint64 { return m.id }

// Len is the number of fields.
func (m Model) Len() int { return len(m.fields) }

// Focus focuses the form (its current field).
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	return m.focusInput(m.focus)
}

// Blur takes the focus away from every field.
func (m *Model) Blur() {
	m.focused = false
	for i := range m.inputs {
		m.inputs[i].Blur()
	}
}

// Focused reports whether a field has focus (the host should then capture input).
func (m Model) Focused() bool { return m.focused }

// FocusedKey is the key of the focused field.
func (m Model) FocusedKey() string {
	if len(m.fields) == 0 {
		return ""
	}
	return m.fields[m.focus].Key
}

// FocusField moves the focus to the field named key (no-op if unknown).
func (m *Model) FocusField(key string) tea.Cmd {
	if i := m.index(key); i >= 0 {
		m.focused = true
		return m.focusInput(i)
	}
	return nil
}

// OnLast reports whether the focus is on the last field.
func (m Model) OnLast() bool { return m.focus == len(m.fields)-1 }

func (m *Model) focusInput(i int) tea.Cmd {
	if len(m.inputs) == 0 {
		return nil
	}
	m.focus = (i + len(m.inputs)) % len(m.inputs)
	for j := range m.inputs {
		if j != m.focus {
			m.inputs[j].Blur()
		}
	}
	if !m.focused {
		return nil
	}
	return m.inputs[m.focus].Focus()
}

// SetWidth sets the width the form renders in.
func (m *Model) SetWidth(w int) {
	m.width = max(w, 20)
	inputW := max(m.width-m.labelW-4, 8) // the input draws one more cell for the cursor
	for i := range m.inputs {
		m.inputs[i].Width = inputW
	}
}

// Values returns every field's current value by key.
func (m Model) Values() map[string]string {
	out := make(map[string]string, len(m.fields))
	for i, f := range m.fields {
		out[f.Key] = m.inputs[i].Value()
	}
	return out
}

// Value returns one field's value ("" if unknown).
func (m Model) Value(key string) string {
	if i := m.index(key); i >= 0 {
		return m.inputs[i].Value()
	}
	return ""
}

// SetValue sets one field's value.
func (m *Model) SetValue(key, v string) {
	if i := m.index(key); i >= 0 {
		m.inputs[i].SetValue(v)
	}
}

func (m Model) index(key string) int {
	for i, f := range m.fields {
		if f.Key == key {
			return i
		}
	}
	return -1
}

// SetErrors replaces the field errors: errs maps field key → message. A key
// naming no field is shown on the general error line. Values are kept.
func (m *Model) SetErrors(errs map[string]string) {
	for i := range m.errs {
		m.errs[i] = ""
	}
	var general []string
	for k, msg := range errs {
		if i := m.index(k); i >= 0 {
			m.errs[i] = msg
		} else if msg != "" {
			general = append(general, msg)
		}
	}
	if len(general) > 0 {
		m.general = strings.Join(sortedCopy(general), "; ")
	}
}

// SetError sets the general error line ("" clears it).
func (m *Model) SetError(msg string) { m.general = msg }

// Errors returns the current field errors by key (only non-empty ones).
func (m Model) Errors() map[string]string {
	out := map[string]string{}
	for i, e := range m.errs {
		if e != "" {
			out[m.fields[i].Key] = e
		}
	}
	return out
}

// GeneralError is the general error line.
func (m Model) GeneralError() string { return m.general }

// ClearErrors removes every error, field and general.
func (m *Model) ClearErrors() {
	for i := range m.errs {
		m.errs[i] = ""
	}
	m.general = ""
}

// Validate runs every field's Validate, shows the messages and focuses the
// first invalid field. It reports whether all passed.
func (m *Model) Validate() bool {
	first := -1
	for i, f := range m.fields {
		m.errs[i] = ""
		if f.Validate != nil {
			m.errs[i] = f.Validate(m.inputs[i].Value())
		}
		if m.errs[i] != "" && first < 0 {
			first = i
		}
	}
	if first >= 0 {
		m.focusInput(first)
		return false
	}
	return true
}

// SetValidate replaces one field's validator (e.g. a cross-field check
// that needs another field's value, re-bound by the host).
func (m *Model) SetValidate(key string, fn func(string) string) {
	if i := m.index(key); i >= 0 {
		m.fields[i].Validate = fn
	}
}

// Submit validates and, when every field passes, emits SubmitMsg to the
// host (ui.Emit: before the next key, so a key typed after enter lands on
// the step the submit leads to). Hosts call it for their own submit keys
// (ctrl+s).
func (m Model) Submit() (Model, tea.Cmd) {
	if !m.Validate() {
		return m, nil
	}
	return m, ui.Emit(m.c, SubmitMsg{Form: m.id})
}

// Update handles focus movement, enter and typing into the focused field.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused || len(m.inputs) == 0 {
		return m, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.KeyMap.Next):
			return m, m.focusInput(m.focus + 1)
		case key.Matches(k, m.KeyMap.Prev):
			return m, m.focusInput(m.focus - 1)
		case key.Matches(k, m.KeyMap.Submit):
			if m.OnLast() {
				return m.Submit()
			}
			return m, m.focusInput(m.focus + 1)
		}
	}
	before := m.inputs[m.focus].Value()
	var cmd tea.Cmd
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	if m.inputs[m.focus].Value() != before {
		m.errs[m.focus] = "" // the user is fixing it
	}
	return m, cmd
}

// View renders one line per field (label, input) and an error line under
// any field that has one, then the general error line.
func (m Model) View() string {
	var b strings.Builder
	st := m.styles()
	for i, f := range m.fields {
		label := padRight(f.Label, m.labelW)
		marker := "  "
		if m.focused && i == m.focus {
			marker = st.Focused.Render("> ")
			label = st.Focused.Render(label)
		} else {
			label = st.Label.Render(label)
		}
		b.WriteString(marker + label + " " + m.inputs[i].View())
		if m.errs[i] != "" {
			b.WriteString("\n" + strings.Repeat(" ", m.labelW+3) + st.Error.Render(truncate("! "+m.errs[i], m.width-m.labelW-3)))
		}
		if i < len(m.fields)-1 {
			b.WriteString("\n")
		}
	}
	if m.general != "" {
		b.WriteString("\n\n" + st.Error.Render(truncate("! "+m.general, m.width)))
	}
	return b.String()
}

func (m Model) styles() *ui.Styles {
	if m.c != nil && m.c.Styles != nil {
		return m.c.Styles
	}
	return ui.NewStyles(lipgloss.DefaultRenderer())
}

// CapturesInput is true while a field has focus.
func (m Model) CapturesInput() bool { return m.focused }
