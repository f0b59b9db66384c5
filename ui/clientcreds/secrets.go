package clientcreds

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/clipboard"
	"github.com/pamconsole/pamconsole/ui/widgets/masked"
)

// signedIn reports whether cc is the credential this console is signed in
// with (its identity's client id).
func signedIn(c *ui.Common, cc client.ClientCredential) bool {
	return c.Identity.ClientID != "" && cc.ClientID == c.Identity.ClientID
}

// mayHaveSecret refuses, before any request, to reveal or copy a secret in
// a session that may not see secrets, or the console's own secret: whoever
// sits at the console would walk away with the console's access.
func mayHaveSecret(c *ui.Common, cc client.ClientCredential) error {
	if err := c.RevealRefusal(); err != nil {
		return err
	}
	if signedIn(c, cc) {
		return fmt.Errorf("“%s” is the credential this console is signed in with: its secret is never revealed or copied here, "+
			"so no one at the console can take the console's own access", cc.Name)
	}
	return nil
}

// revealed and copied are the values of the two secret fetches; the id
// says whose secret it is.
type (
	revealed struct {
		id     int64
		secret string
	}
	copied struct {
		id     int64
		secret string
	}
)

// secretActions fetches a secret (GET …/secret/, audited by the server) to
// reveal it for c.RevealFor or to copy it; the table and the detail pane
// share it. Only the latest request of each kind is honoured.
type secretActions struct {
	c        *ui.Common
	api      api
	revealID uint64
	copyID   uint64
	shown    masked.Model
	shownFor int64 // whose secret shown holds
}

func newSecretActions(c *ui.Common, a api) secretActions {
	return secretActions{c: c, api: a, shown: masked.New(c)}
}

func (s *secretActions) reveal(cc client.ClientCredential) tea.Cmd {
	if err := mayHaveSecret(s.c, cc); err != nil {
		return ui.ToastErr(err)
	}
	s.revealID = s.c.NextID()
	svc, id := s.api, cc.ID
	return ui.Request(s.c, s.revealID, func(ctx context.Context) (revealed, error) {
		v, err := svc.RevealSecret(ctx, id)
		return revealed{id: id, secret: v}, err
	})
}

// copy fetches the secret, then copies it (OSC 52); never in presentation
// mode, for a viewer or for the console's own credential.
func (s *secretActions) copy(cc client.ClientCredential) tea.Cmd {
	if err := mayHaveSecret(s.c, cc); err != nil {
		return ui.ToastErr(err)
	}
	s.copyID = s.c.NextID()
	svc, id := s.api, cc.ID
	return ui.Request(s.c, s.copyID, func(ctx context.Context) (copied, error) {
		v, err := svc.RevealSecret(ctx, id)
		return copied{id: id, secret: v}, err
	})
}

// update handles the replies and the re-mask tick; ok is false for any
// other message.
func (s *secretActions) update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case ui.Reply[revealed]:
		if msg.ID != s.revealID {
			return nil, true
		}
		if msg.Err != nil {
			return ui.ToastErr(msg.Err), true
		}
		s.shownFor = msg.Value.id
		return s.shown.RevealAsked(msg.Value.secret, msg.Epoch), true
	case ui.Reply[copied]:
		if msg.ID != s.copyID {
			return nil, true
		}
		if msg.Err != nil {
			return ui.ToastErr(msg.Err), true
		}
		return clipboard.Copy(s.c, "client secret", msg.Value.secret), true
	}
	var cmd tea.Cmd
	s.shown, cmd = s.shown.Update(msg) // the re-mask tick
	return cmd, false
}

// view is the revealed secret of id with its countdown, or "" when id's
// secret is not shown.
func (s *secretActions) view(id int64) string {
	if s.shownFor != id || !s.shown.Revealed() {
		return ""
	}
	return s.shown.View()
}

// hide masks a shown secret now.
func (s *secretActions) hide() {
	s.shown.Hide()
	s.shownFor = 0
}

// showing reports whose secret is revealed (0 when none).
func (s *secretActions) showing() int64 {
	if !s.shown.Revealed() {
		return 0
	}
	return s.shownFor
}

func copyIDCmd(c *ui.Common, cc client.ClientCredential) tea.Cmd {
	return clipboard.Copy(c, "client id of “"+cc.Name+"”", cc.ClientID)
}
