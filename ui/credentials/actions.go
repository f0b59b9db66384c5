package credentials

import (
	"context"
	"fmt"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/clipboard"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
)

// actionKind is a row action that needs a confirmation.
type actionKind int

const (
	actDeactivate actionKind = iota + 1
	actActivate
	actRelease
)

// pendingAction is the row action waiting for the confirm dialog's answer.
type pendingAction struct {
	kind  actionKind
	id    string
	label string // "identifier (username@hostname)" for the dialog and toasts
}

func (a pendingAction) question() string {
	switch a.kind {
	case actDeactivate:
		return fmt.Sprintf("Deactivate credential %s?", a.label)
	case actActivate:
		return fmt.Sprintf("Activate credential %s?", a.label)
	}
	return fmt.Sprintf("Release the custody of credential %s?", a.label)
}

func (a pendingAction) done() string {
	switch a.kind {
	case actDeactivate:
		return "Deactivated " + a.label
	case actActivate:
		return "Activated " + a.label
	}
	return "Released the custody of " + a.label
}

// actionReply is the answer to a confirmed row action.
type actionReply struct {
	action  pendingAction
	message string // the server's message
}

// copyReply is the outcome of a copy: the clipboard's toast. The password
// itself never leaves the command that fetched and copied it.
type copyReply struct{ toast tea.Msg }

// rowLabel names row r in dialogs and toasts: identifier (username@hostname).
func (m *Model) rowLabel(r int) string {
	row := m.rows[r]
	return fmt.Sprintf("%s (%s@%s)", row[colIdentifier], row[colUsername], row[colHostname])
}

// ask opens the confirm dialog for an action on the focused row.
func (m *Model) ask(kind actionKind) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	r, id, ok := m.cursorRow()
	if !ok {
		return nil
	}
	a := pendingAction{kind: kind, id: id, label: m.rowLabel(r)}
	m.pending = &a
	return confirm.Ask(m.c, a.question())
}

// onPopped handles what a dialog or sub-screen returned.
func (m *Model) onPopped(msg ui.PoppedMsg) tea.Cmd {
	if yes, ok := confirm.Answer(msg.Result); ok {
		a := m.pending
		m.pending = nil
		if a == nil || !yes {
			return nil
		}
		return m.run(*a)
	}
	if saved, ok := msg.Result.(SavedMsg); ok {
		m.selectKey = saved.ID
		return m.Reload()
	}
	return nil
}

// run sends a confirmed action; Guard is checked again right before the
// request leaves.
func (m *Model) run(a pendingAction) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	m.actID, m.actText = m.c.NextID(), a.question()
	cl := m.api
	return ui.Request(m.c, m.actID, func(ctx context.Context) (actionReply, error) {
		var r *client.PAMReply
		var err error
		switch a.kind {
		case actDeactivate:
			r, err = cl.Deactivate(ctx, a.id)
		case actActivate:
			r, err = cl.Activate(ctx, a.id)
		default:
			r, err = cl.ReleaseCustody(ctx, a.id)
		}
		if err != nil {
			return actionReply{action: a}, err
		}
		return actionReply{action: a, message: r.Response.Message}, nil
	})
}

// onReply handles the answers of the list's own requests.
func (m *Model) onReply(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ui.Reply[actionReply]:
		if msg.ID != m.actID {
			return nil
		}
		m.actID, m.actText = 0, ""
		if msg.Err != nil {
			return ui.Toast(ui.ToastError, actionError(msg.Err))
		}
		m.applyAction(msg.Value.action)
		text := msg.Value.action.done()
		if msg.Value.message != "" {
			text += " — " + msg.Value.message
		}
		return ui.Toast(ui.ToastSuccess, text)
	case ui.Reply[detailInfo]:
		if msg.ID != m.actID {
			return nil
		}
		m.actID, m.actText = 0, ""
		if msg.Err != nil {
			return ui.ToastErr(msg.Err)
		}
		return ui.Push(m.c, newForm(m.c, m.api, &msg.Value, m.width))
	case ui.Reply[copyReply]:
		if msg.ID == m.actID {
			m.actID, m.actText = 0, ""
		}
		if msg.Err != nil {
			return ui.ToastErr(msg.Err)
		}
		toast := msg.Value.toast
		return func() tea.Msg { return toast }
	}
	return nil
}

// applyAction shows the server's accepted change on the row at once,
// without reloading 100,000 rows. The records are copied (commands may be
// sorting the old ones); the flag cell is written in place: nothing off the
// UI thread reads it.
func (m *Model) applyAction(a pendingAction) {
	r := slices.Index(m.rowKeys, a.id)
	if r < 0 {
		return
	}
	m.recs = slices.Clone(m.recs)
	rec := &m.recs[r]
	switch a.kind {
	case actDeactivate, actActivate:
		rec.active, rec.known = a.kind == actActivate, true
		var exp time.Time
		if rec.expiration != 0 {
			exp = time.Unix(rec.expiration, 0)
		}
		rec.state = m.conv.state(*rec, exp)
		m.rows[r][colFlag] = flagFor(rec.state)
	case actRelease:
		rec.custody = custodyFree
	}
	m.setTone()
}

// openDetail pushes the detail pane of the focused row; reveal asks it to
// reveal the password at once (one audited GET). Without reveal nothing is
// revealed: our server answers the detail without the password, and for a
// real senhasegura (whose rows do not say whether they are active) the
// pane shows the list's row.
func (m *Model) openDetail(reveal bool) tea.Cmd {
	r, id, ok := m.cursorRow()
	if !ok {
		return nil
	}
	if err := m.c.RevealRefusal(); reveal && err != nil {
		return ui.ToastErr(err)
	}
	d := newDetail(m.c, m.api, id, slices.Clone(m.rows[r]), reveal, m.width, m.height)
	d.ours = r < len(m.recs) && m.recs[r].known
	return ui.Push(m.c, d)
}

// copyPassword fetches the focused row's password and copies it with OSC
// 52 inside one command: the password is never stored in the model or sent
// as a message.
func (m *Model) copyPassword() tea.Cmd {
	if err := m.c.RevealRefusal(); err != nil {
		return ui.ToastErr(err)
	}
	_, id, ok := m.cursorRow()
	if !ok {
		return nil
	}
	m.actID, m.actText = m.c.NextID(), "fetching the password to copy…"
	c, cl := m.c, m.api
	return ui.Request(c, m.actID, func(ctx context.Context) (copyReply, error) {
		d, err := cl.Get(ctx, id)
		if err != nil {
			return copyReply{}, err
		}
		return copyReply{toast: copySecret(c, "password", password(d))}, nil
	})
}

func (m *Model) newCredential() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return ui.Push(m.c, newForm(m.c, m.api, nil, m.width))
}

// editCredential fetches the focused credential's fields, then opens the
// form prefilled with them (the password is not kept: empty = unchanged).
func (m *Model) editCredential() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	r, id, ok := m.cursorRow()
	if !ok {
		return nil
	}
	m.actID, m.actText = m.c.NextID(), "loading the credential to edit…"
	cl, ours := m.api, r < len(m.recs) && m.recs[r].known
	return ui.Request(m.c, m.actID, func(ctx context.Context) (detailInfo, error) {
		get := cl.Get // a real senhasegura has no detail without the password
		if ours {
			get = cl.GetWithoutPassword
		}
		d, err := get(ctx, id)
		if err != nil {
			return detailInfo{}, err
		}
		return infoFrom(d), nil
	})
}

// copySecret runs the clipboard command synchronously (we are already in a
// command) and returns its toast message.
func copySecret(c *ui.Common, label, secret string) tea.Msg {
	cmd := clipboard.Copy(c, label, secret)
	if cmd == nil {
		return nil
	}
	return cmd()
}
