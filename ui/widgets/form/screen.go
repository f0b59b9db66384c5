package form

import (
	"context"
	"maps"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
)

// SaveSpec is what a SaveScreen needs to know about its form and its one
// request.
type SaveSpec[T any] struct {
	Title string
	// Intro is a muted line above the fields (what saving does).
	Intro string
	// Request builds the save from the form's values. It is called on the
	// UI thread; the function it returns runs in a tea.Cmd.
	Request func(values map[string]string) func(context.Context) (T, error)
	// Saved turns a successful answer into the result the screen pops with
	// and the server's message for the toast ("" shows SavedText).
	Saved     func(T) (result any, message string)
	SavedText string
	// Ask, when set, sees the values before a save: a non-empty question
	// is asked (y/n) and only a yes sends the save (an upsert that would
	// overwrite a record the user may not mean).
	Ask func(values map[string]string) string
}

// askTag marks the SaveScreen's own confirmation.
type askTag struct{ screen any }

// SaveScreen is a screen holding one form that one request saves: ctrl+s
// saves after the form's own checks, esc cancels, one save at a time. A
// refused save keeps every typed value, puts the server's message under
// the field it names (Model.ErrorsFromAPI, with Form.CodeFields) and
// focuses that field.
type SaveScreen[T any] struct {
	Form    Model
	c       *ui.Common
	spec    SaveSpec[T]
	keys    saveKeys
	saveID  uint64            // the save in flight; 0 when none
	start   map[string]string // the values the form opened with
	refused bool              // the last save was refused (DropHeldKeys)
}

// discardTag marks the SaveScreen's "discard what was typed?" question.
type discardTag struct{ screen any }

type saveKeys struct {
	KeyMap
	Save, Cancel key.Binding
}

func (k saveKeys) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.Cancel, k.Next, k.Prev} }
func (k saveKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel}, {k.Next, k.Prev, k.Submit}}
}

// NewSaveScreen wraps f (its fields, CodeFields and width already set).
func NewSaveScreen[T any](c *ui.Common, f Model, spec SaveSpec[T]) *SaveScreen[T] {
	return &SaveScreen[T]{Form: f, c: c, spec: spec, keys: saveKeys{
		KeyMap: f.KeyMap,
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}, start: f.Values()}
}

func (s *SaveScreen[T]) Init() tea.Cmd       { return s.Form.Focus() }
func (s *SaveScreen[T]) Title() string       { return s.spec.Title }
func (s *SaveScreen[T]) KeyMap() help.KeyMap { return s.keys }

// CapturesInput: a field always has the focus.
func (s *SaveScreen[T]) CapturesInput() bool { return true }

// Saving says whether a save is in flight.
func (s *SaveScreen[T]) Saving() bool { return s.saveID != 0 }

func (s *SaveScreen[T]) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.Form.SetWidth(msg.Width)
		return s, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Cancel):
			return s, s.cancel()
		case key.Matches(msg, s.keys.Save):
			var cmd tea.Cmd
			s.Form, cmd = s.Form.Submit()
			return s, cmd
		}
	case SubmitMsg:
		if msg.Form == s.Form.ID() {
			return s, s.save()
		}
		return s, nil
	case ui.Reply[T]:
		return s, s.saved(msg)
	case ui.PoppedMsg:
		switch tag, _, yes := confirm.Chosen(msg.Result); {
		case yes && tag == (askTag{s}):
			return s, s.send()
		case yes && tag == (discardTag{s}):
			return s, ui.Pop(s.c, nil)
		}
		return s, nil
	}
	var cmd tea.Cmd
	s.Form, cmd = s.Form.Update(msg)
	return s, cmd
}

// cancel leaves the form; when something was typed it asks first (as the
// Add wizard does, UX.md): one stray esc must not throw away an edit.
func (s *SaveScreen[T]) cancel() tea.Cmd {
	if maps.Equal(s.Form.Values(), s.start) {
		return ui.Pop(s.c, nil)
	}
	return confirm.AskTagged(s.c, "Discard changes?",
		"Leave “"+s.spec.Title+"” and drop what was typed? Nothing was saved.", discardTag{s})
}

// save sends the request; a second save while one is in flight is ignored.
func (s *SaveScreen[T]) save() tea.Cmd {
	if err := s.c.Guard(); err != nil {
		s.Form.SetError(err.Error())
		return nil
	}
	if s.saveID != 0 {
		return nil
	}
	if s.spec.Ask != nil {
		if q := s.spec.Ask(s.Form.Values()); q != "" {
			return confirm.AskTagged(s.c, "Confirm", q, askTag{s})
		}
	}
	return s.send()
}

// send sends the save request.
func (s *SaveScreen[T]) send() tea.Cmd {
	if err := s.c.Guard(); err != nil {
		s.Form.SetError(err.Error())
		return nil
	}
	if s.saveID != 0 {
		return nil
	}
	s.Form.ClearErrors()
	s.saveID = s.c.NextID()
	return ui.Request(s.c, s.saveID, s.spec.Request(s.Form.Values()))
}

// saved finishes the save, or shows why the server refused it.
func (s *SaveScreen[T]) saved(r ui.Reply[T]) tea.Cmd {
	if r.ID != s.saveID {
		return nil // not ours, or a reply we stopped waiting for
	}
	s.saveID = 0
	s.refused = r.Err != nil
	if r.Err == nil {
		result, text := s.spec.Saved(r.Value)
		if text == "" {
			text = s.spec.SavedText
		}
		return tea.Batch(ui.Pop(s.c, result), ui.Toast(ui.ToastSuccess, text))
	}
	if field := s.Form.ErrorsFromAPI(r.Err); field != "" {
		return ui.Toast(ui.ToastError, "Not saved: "+firstLine(s.Form.Errors()[field]))
	}
	return ui.Toast(ui.ToastError, "Not saved: "+firstLine(s.Form.GeneralError()))
}

func (s *SaveScreen[T]) View() string {
	st := s.c.Styles
	var b strings.Builder
	if s.spec.Intro != "" {
		b.WriteString(st.Muted.Render(s.spec.Intro) + "\n\n")
	}
	b.WriteString(s.Form.View() + "\n\n")
	if s.saveID != 0 {
		b.WriteString(st.Muted.Render("saving…"))
	} else {
		b.WriteString(st.Help.Render("ctrl+s save · esc cancel · tab next field"))
	}
	return b.String()
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// Settling holds the keys typed while a save is out (ui.Settler): what is
// on screen stays what was sent; after a save the keys go to the screen
// below, after a refusal they are dropped (DropHeldKeys).
func (s *SaveScreen[T]) Settling() bool { return s.saveID != 0 }

// DropHeldKeys (ui.KeyDropper): keys typed ahead of a refused save were
// meant for the screen below, not for this form's fields.
func (s *SaveScreen[T]) DropHeldKeys() bool {
	r := s.refused
	s.refused = false
	return r
}
