package info

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// fieldRef is the open prompt's one field: an id or an identifier (the
// path parameter of GET info/{…}).
const fieldRef = "ref"

// maxRef bounds what is sent in the path.
const maxRef = 255

// openScreen asks for an item's id or identifier and reads the item
// without its content (GET info/{ref}?reveal=0: a read, open to viewers;
// whatever content a server sends anyway is dropped). Found, it pops with
// openedMsg and the list pushes the detail; refused, the prompt keeps what
// was typed and shows why under the field.
type openScreen struct {
	c      *ui.Common
	api    api
	form   form.Model
	keys   openKeys
	sentID uint64
}

type openKeys struct {
	Open, Cancel key.Binding
}

func (k openKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Open, k.Cancel} }
func (k openKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Open, k.Cancel}} }

func newOpen(c *ui.Common, a api, width int) *openScreen {
	f := form.New(c, []form.Field{{Key: fieldRef, Label: "ID or identifier", CharLimit: maxRef,
		Placeholder: "28 or office-wifi", Validate: form.Required("ID or identifier")}})
	f.SetWidth(width)
	f.CodeFields = map[pamcode.Code]string{pamcode.InfoNotFound: fieldRef, pamcode.InfoInactive: fieldRef}
	return &openScreen{c: c, api: a, form: f, keys: openKeys{
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
}

func (s *openScreen) Init() tea.Cmd       { return s.form.Focus() }
func (s *openScreen) Title() string       { return "Protected information › Open by id" }
func (s *openScreen) KeyMap() help.KeyMap { return s.keys }

// CapturesInput: the field always has the focus.
func (s *openScreen) CapturesInput() bool { return true }

// Busy reports whether the read is out.
func (s *openScreen) Busy() bool { return s.sentID != 0 }

func (s *openScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.form.SetWidth(msg.Width)
		return s, nil
	case tea.KeyMsg:
		if key.Matches(msg, s.keys.Cancel) {
			return s, ui.Pop(s.c, nil)
		}
	case form.SubmitMsg:
		if msg.Form == s.form.ID() {
			return s, s.open()
		}
		return s, nil
	case ui.Reply[client.Info]:
		return s, s.opened(msg)
	}
	var cmd tea.Cmd
	s.form, cmd = s.form.Update(msg)
	return s, cmd
}

func (s *openScreen) open() tea.Cmd {
	if s.sentID != 0 {
		return nil
	}
	ref := strings.TrimSpace(s.form.Value(fieldRef))
	if strings.ContainsAny(ref, "/?#") {
		s.form.SetErrors(map[string]string{fieldRef: "an id or identifier has no / ? or #"})
		return nil
	}
	s.form.ClearErrors()
	s.sentID = s.c.NextID()
	a := s.api
	return ui.Request(s.c, s.sentID, func(ctx context.Context) (client.Info, error) {
		it, err := a.GetPublic(ctx, ref)
		if err != nil {
			return client.Info{}, err
		}
		out := *it
		out.Content = nil // a real server sends it anyway: never kept
		return out, nil
	})
}

func (s *openScreen) opened(r ui.Reply[client.Info]) tea.Cmd {
	if r.ID != s.sentID {
		return nil
	}
	s.sentID = 0
	if r.Err != nil {
		s.form.ErrorsFromAPI(r.Err)
		return nil
	}
	return ui.Pop(s.c, openedMsg{item: r.Value})
}

func (s *openScreen) View() string {
	st := s.c.Styles
	intro := st.Muted.Render("Open one item by its id or identifier (a senhasegura server cannot list them).")
	foot := st.Help.Render("enter open · esc cancel")
	if s.sentID != 0 {
		foot = st.Muted.Render("opening…")
	}
	return intro + "\n\n" + s.form.View() + "\n\n" + foot
}
