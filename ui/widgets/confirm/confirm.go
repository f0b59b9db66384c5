// Package confirm is the console's y/n dialog: Ask pushes it, and the
// screen below reads the answer from the PoppedMsg with Answer.
package confirm

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

type confirmed struct{ yes bool }

type confirmScreen struct {
	c        *ui.Common
	question string
	keys     confirmKeys
}

type confirmKeys struct{ Yes, No key.Binding }

func (k confirmKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No} }
func (k confirmKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Yes, k.No}} }

// Ask pushes a y/n dialog asking question; the answer comes back as
// a PoppedMsg that Answer reads.
func Ask(c *ui.Common, question string) tea.Cmd {
	return ui.Push(&confirmScreen{c: c, question: question, keys: confirmKeys{
		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
	}})
}

// Answer reports the dialog's answer when result is one.
func Answer(result any) (yes, ok bool) {
	r, ok := result.(confirmed)
	return r.yes, ok
}

func (s *confirmScreen) Init() tea.Cmd       { return nil }
func (s *confirmScreen) Title() string       { return "Confirm" }
func (s *confirmScreen) KeyMap() help.KeyMap { return s.keys }
func (s *confirmScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, s.keys.Yes):
			return s, ui.Pop(confirmed{yes: true})
		case key.Matches(k, s.keys.No):
			return s, ui.Pop(confirmed{yes: false})
		}
	}
	return s, nil
}
func (s *confirmScreen) View() string {
	return s.c.Styles.Dialog.Render(s.question + "\n\n" + s.c.Styles.Help.Render("y yes · n no"))
}
