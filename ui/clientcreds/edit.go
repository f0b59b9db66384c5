package clientcreds

import (
	"context"
	"errors"
	"maps"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// updated is what Edit and Edit scopes pop with after the server accepted.
type updated struct{ Cred client.ClientCredential }

// editScreen is Edit: Name, Valid From, Valid Till → Update. It sends the
// version it loaded, so a concurrent change is a 409, not an overwrite.
type editScreen struct {
	c       *ui.Common
	api     api
	orig    client.ClientCredential
	form    form.Model
	keys    editKeys
	saveID  uint64
	saving  bool
	width   int
	height  int
	start   map[string]string // the values the form opened with
	refused bool              // the last update was refused (DropHeldKeys)
}

// editDiscardTag marks the edit's "Discard changes?" question.
type editDiscardTag struct{ e *editScreen }

type editKeys struct {
	form         form.KeyMap
	Save, Cancel key.Binding
}

func (k editKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.form.Next, k.form.Prev, k.Save, k.Cancel}
}

func (k editKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.form.Next, k.form.Prev, k.form.Submit}, {k.Save, k.Cancel}}
}

func newEdit(c *ui.Common, a api, cc client.ClientCredential) *editScreen {
	e := &editScreen{c: c, api: a, orig: cc, width: 80, height: 20}
	e.form = form.New(c, credentialFields(cc.Name, date(cc.ValidFrom), date(cc.ValidTill)))
	e.form.Focus()
	e.form.SetWidth(e.width)
	e.keys = editKeys{
		form:   e.form.KeyMap,
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "update")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	e.keys.form.Submit.SetHelp("enter", "next / update on last field")
	e.start = e.form.Values()
	return e
}

// Settling holds the keys typed while the update is out (ui.Settler).
func (e *editScreen) Settling() bool { return e.saving }

// DropHeldKeys (ui.KeyDropper): keys typed ahead of a refused update were
// meant for the list, not for this form's fields.
func (e *editScreen) DropHeldKeys() bool {
	r := e.refused
	e.refused = false
	return r
}

// cancel leaves the edit; with something typed it asks first, as every
// other form does (one stray esc must not drop an edit — tester finding).
func (e *editScreen) cancel() tea.Cmd {
	if maps.Equal(e.form.Values(), e.start) {
		return ui.Pop(e.c, nil)
	}
	return confirm.AskTagged(e.c, "Discard changes?",
		"Leave the edit of “"+e.orig.Name+"” and drop what was typed? Nothing was saved.", editDiscardTag{e})
}

func (e *editScreen) Init() tea.Cmd       { return nil }
func (e *editScreen) Busy() bool          { return e.saving }
func (e *editScreen) Title() string       { return "Client Credentials › Edit “" + e.orig.Name + "”" }
func (e *editScreen) KeyMap() help.KeyMap { return e.keys }
func (e *editScreen) CapturesInput() bool { return true }
func (e *editScreen) setSize(w, h int)    { e.width, e.height = w, h; e.form.SetWidth(w) }

func (e *editScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		e.setSize(msg.Width, msg.Height)
	case form.SubmitMsg:
		if msg.Form == e.form.ID() {
			return e, e.save()
		}
	case ui.Reply[*client.ClientCredential]:
		return e, e.onSaved(msg)
	case ui.PoppedMsg:
		if tag, _, yes := confirm.Chosen(msg.Result); yes && tag == (editDiscardTag{e}) {
			return e, ui.Pop(e.c, nil)
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, e.keys.Cancel):
			return e, e.cancel()
		case key.Matches(msg, e.keys.Save):
			var cmd tea.Cmd
			e.form, cmd = e.form.Submit()
			return e, cmd
		}
		if e.saving {
			return e, nil
		}
		var cmd tea.Cmd
		e.form, cmd = e.form.Update(msg)
		return e, cmd
	}
	return e, nil
}

func (e *editScreen) save() tea.Cmd {
	if e.saving || !validateCredential(&e.form) {
		return nil
	}
	if err := e.c.Guard(); err != nil {
		e.form.SetError(ui.ErrorText(err))
		return ui.ToastErr(err)
	}
	in := inputFrom(e.form, &e.orig)
	e.saveID = e.c.NextID()
	e.saving = true
	e.form.SetError("")
	svc, id := e.api, e.orig.ID
	return ui.Request(e.c, e.saveID, func(ctx context.Context) (*client.ClientCredential, error) {
		return svc.Update(ctx, id, in)
	})
}

func (e *editScreen) onSaved(r ui.Reply[*client.ClientCredential]) tea.Cmd {
	if r.ID != e.saveID {
		return nil
	}
	e.saving = false
	e.refused = r.Err != nil || r.Value == nil
	if r.Err == nil && r.Value != nil {
		return tea.Batch(ui.Pop(e.c, updated{Cred: *r.Value}), ui.Toast(ui.ToastSuccess, "Updated “"+r.Value.Name+"”"))
	}
	err := r.Err
	if err == nil {
		err = errors.New("the server answered without the credential")
	}
	e.form.ErrorsFromAPI(err)
	if client.IsConflict(err) {
		e.form.SetError(ui.ErrorText(err) + " — esc, ctrl+r to reload, then edit again")
	}
	return ui.ToastErr(err)
}

func (e *editScreen) View() string {
	st := e.c.Styles
	lines := []string{st.Bold.Render("Edit “" + e.orig.Name + "”"), ""}
	if e.orig.Protected {
		lines = append(lines, st.Warning.Render(lockGlyph(e.c)+" protected: the server refuses to rename it"), "")
	}
	lines = append(lines, e.form.View(), "", st.Muted.Render(datesNote))
	status := "tab/shift+tab: move · ctrl+s or enter on the last field: update · esc: cancel"
	if e.saving {
		status = "Updating…"
	}
	lines = append(lines, st.Muted.Render(status))
	return fitLines(strings.Join(lines, "\n"), e.width, e.height)
}
