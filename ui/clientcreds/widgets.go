package clientcreds

// Local stand-ins for ui/widgets/confirm and ui/widgets/secretdialog, which
// do not exist yet. askConfirm, confirmed and showSecretOnce are the only
// entry points, so switching to the shared widgets touches this file only.

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/clipboard"
)

// askConfirm pushes a y/n dialog; y pops with p, n or esc with nil.
func askConfirm(c *ui.Common, title, text string, p pending) tea.Cmd {
	return ui.Push(newConfirm(c, title, text, p))
}

// confirmed reports whether a popped result is a yes to a pending action.
func confirmed(result any) (pending, bool) {
	p, ok := result.(pending)
	return p, ok
}

// showSecretOnce pushes the dialog that shows cc's plain secret once.
func showSecretOnce(c *ui.Common, title string, cc client.ClientCredential) tea.Cmd {
	return ui.Push(newSecretDialog(c, title, cc))
}

// dialogWidth is the width of a dialog box in a screen w wide.
func dialogWidth(w int) int { return max(min(w-2, 72), 24) }

// dialog renders a bordered box: title, body lines, then a key line.
func dialog(c *ui.Common, width int, title string, body []string, keys string) string {
	st := c.Styles
	inner := dialogWidth(width) - 4 // border and padding
	var lines []string
	lines = append(lines, st.Title.Render(title), "")
	for _, b := range body {
		if b == "" {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, wrap("", b, inner)...)
	}
	lines = append(lines, "", st.Muted.Render(keys))
	return st.Dialog.Width(inner + 2).Render(strings.Join(lines, "\n"))
}

type confirmScreen struct {
	c           *ui.Common
	title, text string
	p           pending
	keys        confirmKeys
	width       int
}

type confirmKeys struct{ Yes, No key.Binding }

func (k confirmKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No} }
func (k confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Yes, k.No}} }

func newConfirm(c *ui.Common, title, text string, p pending) *confirmScreen {
	return &confirmScreen{c: c, title: title, text: text, p: p, width: 80, keys: confirmKeys{
		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
	}}
}

func (s *confirmScreen) Init() tea.Cmd       { return nil }
func (s *confirmScreen) Title() string       { return s.title }
func (s *confirmScreen) KeyMap() help.KeyMap { return s.keys }

func (s *confirmScreen) View() string {
	return dialog(s.c, s.width, s.title, []string{s.text}, "y: yes · n or esc: no")
}

func (s *confirmScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width = msg.Width
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Yes):
			return s, ui.Pop(s.p)
		case key.Matches(msg, s.keys.No):
			return s, ui.Pop(nil)
		}
	}
	return s, nil
}

// secretDialog shows a new secret once, with C to copy it. The secret lives
// only in this screen: it is gone once the dialog is closed.
type secretDialog struct {
	c      *ui.Common
	title  string
	name   string
	secret string
	keys   secretKeys
	width  int
}

type secretKeys struct{ Copy, Close key.Binding }

func (k secretKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Copy, k.Close} }
func (k secretKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Copy, k.Close}} }

func newSecretDialog(c *ui.Common, title string, cc client.ClientCredential) *secretDialog {
	d := &secretDialog{c: c, title: title, name: cc.Name, secret: cc.ClientSecret, width: 80, keys: secretKeys{
		Copy:  key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy secret")),
		Close: key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc/enter", "close")),
	}}
	d.keys.Copy.SetEnabled(c.CanReveal())
	return d
}

func (d *secretDialog) Init() tea.Cmd       { return nil }
func (d *secretDialog) Title() string       { return d.title }
func (d *secretDialog) KeyMap() help.KeyMap { return d.keys }

func (d *secretDialog) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width = msg.Width
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, d.keys.Copy):
			return d, clipboard.Copy(d.c, "client secret of “"+d.name+"”", d.secret)
		case key.Matches(msg, d.keys.Close):
			d.secret = ""
			return d, ui.Pop(nil)
		}
	}
	return d, nil
}

func (d *secretDialog) View() string {
	st := d.c.Styles
	if !d.c.CanReveal() {
		return dialog(d.c, d.width, d.title, []string{
			client.MaskedSecret,
			"Presentation mode: the new secret is not shown. Leave presentation mode and rotate it (R) to get one you can see.",
		}, "esc: close")
	}
	return dialog(d.c, d.width, d.title, []string{
		st.Bold.Render(d.secret),
		"",
		"Copy it now: this screen will not show it in full again.",
	}, "C: copy to the clipboard · esc or enter: close")
}
