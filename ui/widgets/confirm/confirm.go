// Package confirm is the console's y/n dialog. Ask or AskTagged pushes it;
// the screen below reads the answer from its PoppedMsg with Answer or Tagged.
package confirm

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// Result is what the dialog pops with: the answer and the caller's tag
// (typically the action waiting for the answer).
type Result struct {
	Yes bool
	Tag any
}

type screen struct {
	c               *ui.Common
	title, question string
	tag             any
	keys            keys
	width           int
}

type keys struct{ Yes, No key.Binding }

func (k keys) ShortHelp() []key.Binding  { return []key.Binding{k.Yes, k.No} }
func (k keys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Yes, k.No}} }

// Ask pushes a y/n dialog asking question.
func Ask(c *ui.Common, question string) tea.Cmd { return AskTagged(c, "Confirm", question, nil) }

// AskTagged pushes a y/n dialog with a title; the answer comes back with tag.
func AskTagged(c *ui.Common, title, question string, tag any) tea.Cmd {
	return ui.Push(c, &screen{c: c, title: title, question: question, tag: tag, width: 80, keys: keys{
		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
	}})
}

// Answer reports the dialog's answer when result is one.
func Answer(result any) (yes, ok bool) {
	r, ok := result.(Result)
	return r.Yes, ok
}

// Tagged returns the tag of a yes; yes is false for a no or another result.
func Tagged(result any) (tag any, yes bool) {
	r, ok := result.(Result)
	if !ok || !r.Yes {
		return nil, false
	}
	return r.Tag, true
}

// Question is what the dialog asks (tests and screen readers use it).
func (s *screen) Question() string { return s.question }

func (s *screen) Init() tea.Cmd       { return nil }
func (s *screen) Title() string       { return s.title }
func (s *screen) KeyMap() help.KeyMap { return s.keys }

func (s *screen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width = msg.Width
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Yes):
			return s, ui.Pop(s.c, Result{Yes: true, Tag: s.tag})
		case key.Matches(msg, s.keys.No):
			return s, ui.Pop(s.c, Result{Yes: false, Tag: s.tag})
		}
	}
	return s, nil
}

func (s *screen) View() string {
	return ui.Dialog(s.c, s.width, s.title, []string{s.question}, "y: yes · n or esc: no")
}
