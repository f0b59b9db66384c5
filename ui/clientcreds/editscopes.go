package clientcreds

import (
	"context"
	"errors"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/scopes"
)

// scopesScreen is Edit scopes: the scopes page over the credential's saved
// scopes; ctrl+s saves them through SetScopes (with the version it loaded).
type scopesScreen struct {
	c      *ui.Common
	api    api
	orig   client.ClientCredential
	page   scopes.Model
	saveID uint64
	saving bool
}

func newEditScopes(c *ui.Common, a api, catalogue *client.ScopeCatalogue, cc client.ClientCredential) *scopesScreen {
	page := scopes.New(c, catalogue, cc.Scopes, scopes.Options{
		ConfirmLeave: true,
		SaveLabel:    "save",
		Heading:      "Scopes of “" + cc.Name + "” · ctrl+s saves · esc back",
	})
	return &scopesScreen{c: c, api: a, orig: cc, page: page}
}

func (s *scopesScreen) Init() tea.Cmd { return nil }
func (s *scopesScreen) Busy() bool    { return s.saving }
func (s *scopesScreen) Title() string {
	return "Client Credentials › Edit scopes “" + s.orig.Name + "”"
}
func (s *scopesScreen) KeyMap() help.KeyMap { return s.page.KeyMap() }

// CapturesInput: the page uses tab and letters as its own keys.
func (s *scopesScreen) CapturesInput() bool { return true }

func (s *scopesScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case scopes.SaveMsg:
		return s, s.save(msg.Selected)
	case scopes.BackMsg:
		return s, ui.Pop(s.c, nil)
	case ui.Reply[*client.ClientCredential]:
		return s, s.onSaved(msg)
	case tea.KeyMsg:
		if s.saving {
			return s, nil
		}
	}
	var cmd tea.Cmd
	s.page, cmd = s.page.Update(msg)
	return s, cmd
}

func (s *scopesScreen) save(selected []string) tea.Cmd {
	if err := s.c.Guard(); err != nil {
		s.page.SetStatus(ui.ErrorText(err), true)
		return ui.ToastErr(err)
	}
	if err := ownScopesRefusal(s.c, s.orig, selected); err != nil {
		s.page.SetStatus(ui.ErrorText(err), true)
		return ui.ToastErr(err)
	}
	if err := grantRefusal(s.c, s.orig.Scopes, selected); err != nil {
		s.page.SetStatus(ui.ErrorText(err), true)
		return nil
	}
	s.saveID = s.c.NextID()
	s.saving = true
	s.page.SetStatus("Saving scopes…", false)
	svc, id := s.api, s.orig.ID
	in := client.ScopesInput{Scopes: selected, Version: s.orig.Version}
	if in.Scopes == nil {
		in.Scopes = []string{} // an empty set is a real answer: send [] not null
	}
	return ui.Request(s.c, s.saveID, func(ctx context.Context) (*client.ClientCredential, error) {
		return svc.SetScopes(ctx, id, in)
	})
}

func (s *scopesScreen) onSaved(r ui.Reply[*client.ClientCredential]) tea.Cmd {
	if r.ID != s.saveID {
		return nil
	}
	s.saving = false
	if r.Err == nil && r.Value != nil {
		s.page.MarkSaved()
		return tea.Batch(ui.Pop(s.c, updated{Cred: *r.Value}),
			ui.Toast(ui.ToastSuccess, "Saved the scopes of “"+r.Value.Name+"”"))
	}
	err := r.Err
	if err == nil {
		err = errors.New("the server answered without the credential")
	}
	s.page.SetStatus(ui.ErrorText(err), true)
	return ui.ToastErr(err)
}

func (s *scopesScreen) View() string { return s.page.View() }
