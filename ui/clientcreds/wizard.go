package clientcreds

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/scopes"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// created is what the wizard pops with after a successful create; Cred
// holds the plain secret, shown once by the table's secret dialog.
type created struct{ Cred client.ClientCredential }

// wizard is the Add Client Credential flow: step 1 the details form, step 2
// the scopes page, ctrl+s creates. Going back to step 1 keeps everything.
type wizard struct {
	c         *ui.Common
	api       api
	catalogue *client.ScopeCatalogue
	step      int // 1 or 2
	form      form.Model
	page      scopes.Model
	pageReady bool
	keys      wizardKeys

	createID uint64
	creating bool
	width    int
	height   int
	typed0   map[string]string // step 1 as it opened: esc asks before dropping changes
}

// discardTag marks the wizard's "discard what was typed?" confirmation.
type discardTag struct{}

type wizardKeys struct {
	form         form.KeyMap
	Next, Cancel key.Binding
}

func (k wizardKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.form.Next, k.form.Prev, k.Next, k.Cancel}
}

func (k wizardKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.form.Next, k.form.Prev, k.form.Submit}, {k.Next, k.Cancel}}
}

func newWizard(c *ui.Common, a api, catalogue *client.ScopeCatalogue) *wizard {
	from, till := defaultDates(c)
	w := &wizard{c: c, api: a, catalogue: catalogue, step: 1, width: 80, height: 20}
	w.form = form.New(c, credentialFields("", from, till))
	w.form.Focus()
	w.keys = wizardKeys{
		form:   w.form.KeyMap,
		Next:   key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "next: scopes")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	w.form.SetWidth(w.width)
	w.typed0 = w.form.Values()
	return w
}

// dirty reports whether leaving would drop something: a field changed on
// step 1, or scopes chosen on step 2.
func (w *wizard) dirty() bool {
	for k, v := range w.form.Values() {
		if w.typed0[k] != v {
			return true
		}
	}
	return w.pageReady && w.page.Dirty()
}

// cancel leaves the wizard, asking first when it would drop changes.
func (w *wizard) cancel() tea.Cmd {
	if !w.dirty() {
		return ui.Pop(w.c, nil)
	}
	name := strings.TrimSpace(w.form.Value(fieldName))
	what := "what you typed"
	if name != "" {
		what = "“" + name + "”"
	}
	return confirm.AskTagged(w.c, "Discard the new client credential?",
		"Leave the Add wizard and drop "+what+" and the scopes chosen? Nothing was added yet.", discardTag{})
}

func (w *wizard) Init() tea.Cmd { return nil }

// Busy implements ui.Busy while the create is out.
func (w *wizard) Busy() bool { return w.creating }

func (w *wizard) Title() string {
	if w.step == 2 {
		return "Client Credentials › Add › Scopes (2/2)"
	}
	return "Client Credentials › Add (1/2)"
}

func (w *wizard) KeyMap() help.KeyMap {
	if w.step == 2 {
		return w.page.KeyMap()
	}
	return w.keys
}

// CapturesInput: step 1 is all text fields; on step 2 the scopes page
// uses tab and letters as its own keys, so the root must not take them.
func (w *wizard) CapturesInput() bool { return true }

func (w *wizard) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		w.width, w.height = msg.Width, msg.Height
		w.form.SetWidth(w.width)
		w.page.SetSize(w.width, w.height)
		return w, nil
	case ui.Reply[*client.ClientCredential]:
		return w, w.onCreated(msg)
	case form.SubmitMsg:
		if msg.Form == w.form.ID() && w.step == 1 {
			return w, w.next()
		}
		return w, nil
	case scopes.SaveMsg:
		return w, w.create(msg.Selected)
	case ui.PoppedMsg:
		if tag, _, yes := confirm.Chosen(msg.Result); yes && tag == (discardTag{}) {
			return w, ui.Pop(w.c, nil)
		}
		return w, nil
	case scopes.BackMsg:
		w.step = 1
		return w, w.form.Focus()
	case tea.KeyMsg:
		if w.step == 1 {
			return w, w.step1Key(msg)
		}
		if w.creating {
			return w, nil // one create at a time; the reply decides what next
		}
		var cmd tea.Cmd
		w.page, cmd = w.page.Update(msg)
		return w, cmd
	case tea.MouseMsg:
		if w.step == 2 && !w.creating {
			w.page, _ = w.page.Update(msg)
		}
	}
	return w, nil
}

func (w *wizard) step1Key(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, w.keys.Cancel):
		return w.cancel()
	case key.Matches(k, w.keys.Next):
		var cmd tea.Cmd
		w.form, cmd = w.form.Submit()
		return cmd
	}
	var cmd tea.Cmd
	w.form, cmd = w.form.Update(k)
	return cmd
}

// next validates step 1 and shows the scopes page (built once, so its
// selection survives going back and forth).
func (w *wizard) next() tea.Cmd {
	if !validateCredential(&w.form) {
		return nil
	}
	if !w.pageReady {
		w.page = scopes.New(w.c, w.catalogue, nil, scopes.Options{New: true, SaveLabel: "add client credential"})
		w.pageReady = true
	}
	w.step = 2
	w.form.Blur()
	w.setHeading()
	w.page.SetSize(w.width, w.height)
	return nil
}

func (w *wizard) setHeading() {
	w.page.SetHeading(fmt.Sprintf("Step 2 of 2 · scopes for “%s” · ctrl+s adds it",
		strings.TrimSpace(w.form.Value(fieldName))))
}

// create sends the whole wizard to the server.
func (w *wizard) create(selected []string) tea.Cmd {
	if err := w.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	if len(selected) == 0 {
		w.page.SetStatus("Select at least one scope: a credential without scopes can do nothing", true)
		return nil
	}
	if err := grantRefusal(w.c, nil, selected); err != nil {
		w.page.SetStatus(ui.ErrorText(err), true)
		return nil
	}
	in := inputFrom(w.form, nil)
	in.Scopes = selected
	w.createID = w.c.NextID()
	w.creating = true
	w.page.SetStatus("Adding client credential…", false)
	svc := w.api
	return ui.Request(w.c, w.createID, func(ctx context.Context) (*client.ClientCredential, error) {
		return svc.Create(ctx, in)
	})
}

// onCreated pops with the new credential, or keeps everything and shows the
// server's message next to the field it names (on step 1 if it is there).
func (w *wizard) onCreated(r ui.Reply[*client.ClientCredential]) tea.Cmd {
	if r.ID != w.createID {
		return nil
	}
	w.creating = false
	if r.Err == nil && r.Value != nil {
		return ui.Pop(w.c, created{Cred: *r.Value})
	}
	err := r.Err
	if err == nil {
		err = errors.New("the server answered without the new credential")
	}
	field := w.form.ErrorsFromAPI(err)
	fields, general := form.FieldErrors(err, nil)
	switch {
	case isStep1Field(field):
		w.page.SetStatus("", false)
		w.step = 1
		return tea.Batch(w.form.FocusField(field), ui.ToastErr(err))
	case fields[fieldScopes] != "":
		w.page.SetStatus(fields[fieldScopes], true)
	default:
		w.form.SetError("")
		if general == "" {
			general = ui.ErrorText(err)
		}
		w.page.SetStatus(general, true)
	}
	return ui.ToastErr(err)
}

func (w *wizard) View() string {
	if w.step == 2 {
		return w.page.View()
	}
	st := w.c.Styles
	lines := []string{
		st.Bold.Render("Step 1 of 2 · details"),
		"",
		w.form.View(),
		"",
		st.Muted.Render(datesNote),
		st.Muted.Render("tab/shift+tab: move · enter on the last field or ctrl+n: next · esc: cancel"),
	}
	return fitLines(strings.Join(lines, "\n"), w.width, w.height)
}
