// Package confirm is the console's y/n dialog. Ask or AskTagged pushes it;
// the screen below reads the answer from its PoppedMsg with Answer or Chosen.
package confirm

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// Result is what the dialog pops with: the answer and the caller's tag
// (typically the action waiting for the answer). Option is the key of the
// extra answer chosen ("" for a plain y); an option is a yes too.
type Result struct {
	Yes    bool
	Tag    any
	Option string
}

// Option is an extra way to say yes, e.g. "g" for "rotate, keeping the old
// secret valid for an hour".
type Option struct {
	Key, Help string
}

type screen struct {
	c               *ui.Common
	title, question string
	tag             any
	keys            keys
	width           int
	zone            string // prefix of the answers' click zones
}

type keys struct {
	Yes, No key.Binding
	Options []key.Binding
}

func (k keys) all() []key.Binding {
	return append(append([]key.Binding{k.Yes}, k.Options...), k.No)
}

func (k keys) ShortHelp() []key.Binding  { return k.all() }
func (k keys) FullHelp() [][]key.Binding { return [][]key.Binding{k.all()} }

// Ask pushes a y/n dialog asking question.
func Ask(c *ui.Common, question string) tea.Cmd { return AskTagged(c, "Confirm", question, nil) }

// AskTagged pushes a y/n dialog with a title; the answer comes back with
// tag. Options are further ways to say yes, each with its own key.
func AskTagged(c *ui.Common, title, question string, tag any, options ...Option) tea.Cmd {
	k := keys{
		Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:  key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "no")),
	}
	for _, o := range options {
		if o.Key == "y" { // names what yes does ("y password credential")
			k.Yes.SetHelp("y", o.Help)
			continue
		}
		k.Options = append(k.Options, key.NewBinding(key.WithKeys(o.Key), key.WithHelp(o.Key, o.Help)))
	}
	return ui.Push(c, &screen{c: c, title: title, question: question, tag: tag, width: 80, keys: k, zone: c.ZonePrefix()})
}

// Chosen returns the tag and the option key ("" for y) of a yes; yes is
// false for a no or another result.
func Chosen(result any) (tag any, option string, yes bool) {
	r, ok := result.(Result)
	if !ok || !r.Yes {
		return nil, "", false
	}
	return r.Tag, r.Option, true
}

// Answer reports the dialog's answer when result is one.
func Answer(result any) (yes, ok bool) {
	r, ok := result.(Result)
	return r.Yes, ok
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
		for _, b := range s.keys.all() {
			if key.Matches(msg, b) {
				return s, s.answer(b)
			}
		}
	case tea.MouseMsg:
		for _, b := range s.keys.all() {
			if s.c.Clicked(s.zone+b.Keys()[0], msg) {
				return s, s.answer(b)
			}
		}
	}
	return s, nil
}

// answer pops with what binding b (yes, an option or no) says.
func (s *screen) answer(b key.Binding) tea.Cmd {
	switch k := b.Keys()[0]; {
	case k == s.keys.No.Keys()[0]:
		return ui.Pop(s.c, Result{Yes: false, Tag: s.tag})
	case k == s.keys.Yes.Keys()[0]:
		return ui.Pop(s.c, Result{Yes: true, Tag: s.tag})
	default:
		return ui.Pop(s.c, Result{Yes: true, Tag: s.tag, Option: k})
	}
}

// View is the dialog; each answer is a button the mouse can click.
func (s *screen) View() string {
	button := func(b key.Binding, text string) string { return s.c.Mark(s.zone+b.Keys()[0], text) }
	footer := button(s.keys.Yes, "y: yes")
	for _, o := range s.keys.Options {
		footer += " · " + button(o, o.Help().Key+": "+o.Help().Desc)
	}
	return ui.Dialog(s.c, s.width, s.title, []string{s.question}, footer+" · "+button(s.keys.No, "n or esc: no"))
}
