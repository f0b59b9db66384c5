package credentials

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/clipboard"
)

// actionKind is a row action that needs a confirmation.
type actionKind int

const (
	actDeactivate actionKind = iota + 1
	actActivate
	actRelease
)

// pendingAction is a row action and the row it is for.
type pendingAction struct {
	kind  actionKind
	id    string
	label string // "identifier (username@hostname)" for the dialog and toasts
	key   bool   // an SSH key: d/a go to …/pam/key
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

// copyReply is the outcome of the detail's copy: the clipboard's toast. The
// password itself never leaves the command that fetched and copied it.
type copyReply struct{ toast tea.Msg }

// rowLabel names a row in dialogs and toasts: identifier (username@hostname).
func rowLabel(r row) string { return cellsLabel(r.cells()) }

// cellsLabel is rowLabel of a row's cells.
func cellsLabel(cells []string) string {
	return fmt.Sprintf("%s (%s@%s)", cells[colIdentifier], cells[colUsername], cells[colHostname])
}

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	kk := m.keys
	switch {
	case key.Matches(k, kk.Reveal):
		return m.openDetail(true)
	case key.Matches(k, kk.Copy):
		return m.copyPassword()
	case key.Matches(k, kk.New):
		return m.newCredential()
	case key.Matches(k, kk.Edit):
		return m.editCredential()
	case key.Matches(k, kk.Deactivate):
		return m.ask(actDeactivate)
	case key.Matches(k, kk.Activate):
		return m.ask(actActivate)
	case key.Matches(k, kk.Release):
		return m.ask(actRelease)
	case key.Matches(k, kk.Expiring):
		return m.toggleExpiring()
	}
	return m.whyNot(k)
}

// whyNot says why d, a or x did nothing on the focused row: the row is
// already in the state the key would put it in (issue 13 §4: a key that does
// not apply says so instead of doing nothing).
func (m *Model) whyNot(k tea.KeyMsg) tea.Cmd {
	r, ok := m.focused()
	if !ok || !m.c.CanWrite() || m.list.Writing() {
		return nil
	}
	label := rowLabel(r)
	switch {
	case k.String() == "a" && r.rec.known && r.rec.active:
		return ui.Toast(ui.ToastInfo, label+" is already active — a activates inactive credentials")
	case k.String() == "d" && r.rec.known && !r.rec.active:
		return ui.Toast(ui.ToastInfo, label+" is already inactive — a activates it")
	case k.String() == "x" && isKeyRow(r):
		return ui.Toast(ui.ToastInfo, label+" is an SSH key: SSH keys have no custody to release")
	case k.String() == "x" && r.rec.custody == custodyFree:
		return ui.Toast(ui.ToastInfo, label+" is not in custody — x releases only credentials in custody")
	case k.String() == "C" && isKeyRow(r) && m.c.CanReveal():
		return ui.Toast(ui.ToastInfo, "SSH keys are not copied: open the key (enter) and reveal it with r")
	}
	return nil
}

// ask confirms an action on the focused row, then sends it.
func (m *Model) ask(kind actionKind) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	r, ok := m.focused()
	if !ok {
		return nil
	}
	a := pendingAction{kind: kind, id: r.id(), label: rowLabel(r), key: isKeyRow(r)}
	if a.key && kind == actRelease {
		return ui.Toast(ui.ToastError, "SSH keys have no custody to release")
	}
	return m.list.Confirm("Confirm", a.question(), func(string) tea.Cmd { return m.run(a) })
}

// run sends a confirmed action and shows the accepted change on its row.
func (m *Model) run(a pendingAction) tea.Cmd {
	cl := m.api
	return m.list.Do(a.question(), func(ctx context.Context) func() tea.Cmd {
		var r *client.PAMReply
		var err error
		switch {
		case a.key && a.kind == actDeactivate:
			r, err = cl.DeactivateKey(ctx, a.id)
		case a.key && a.kind == actActivate:
			r, err = cl.ActivateKey(ctx, a.id)
		case a.kind == actDeactivate:
			r, err = cl.Deactivate(ctx, a.id)
		case a.kind == actActivate:
			r, err = cl.Activate(ctx, a.id)
		default:
			r, err = cl.ReleaseCustody(ctx, a.id)
		}
		return func() tea.Cmd {
			if err != nil {
				return ui.Toast(ui.ToastError, actionError(err))
			}
			text := a.done()
			if r != nil && r.Response.Message != "" {
				text += " — " + r.Response.Message
			}
			return tea.Batch(m.applyAction(a), ui.Toast(ui.ToastSuccess, text))
		}
	})
}

// applyAction shows the server's accepted change on the row at once,
// without reloading 100,000 rows.
func (m *Model) applyAction(a pendingAction) tea.Cmd {
	i := slices.IndexFunc(m.list.Items(), func(r row) bool { return r.id() == a.id })
	if i < 0 {
		return nil
	}
	r := m.list.Items()[i]
	switch a.kind {
	case actDeactivate, actActivate:
		r.rec.active, r.rec.known = a.kind == actActivate, true
		var exp time.Time
		if r.rec.expiration != 0 {
			exp = time.Unix(r.rec.expiration, 0)
		}
		r.rec.state = newConverter(m.c.Clock(), m.c.Client).state(r.rec, exp)
	case actRelease:
		r.rec.custody = custodyFree
	}
	return m.list.Put(r)
}

// onPopped shows a save on its row (onSaved) or the custody a detail learnt.
func (m *Model) onPopped(msg ui.PoppedMsg) tea.Cmd {
	if saved, ok := msg.Result.(SavedMsg); ok {
		return m.onSaved(saved)
	}
	if seen, ok := msg.Result.(custodySeen); ok {
		return m.applyCustody(seen)
	}
	return nil
}

// applyCustody shows on the row the custody its detail learnt (a reveal
// takes it), so x on the list applies without a reload.
func (m *Model) applyCustody(seen custodySeen) tea.Cmd {
	i := slices.IndexFunc(m.list.Items(), func(r row) bool { return r.id() == seen.id })
	if i < 0 {
		return nil
	}
	r := m.list.Items()[i]
	r.rec.custody = custodyOf(&seen.held)
	return m.list.Put(r)
}

// openDetail pushes the detail pane of the focused row; reveal asks it to
// reveal the password at once (one audited GET).
func (m *Model) openDetail(reveal bool) tea.Cmd {
	r, ok := m.focused()
	if !ok {
		return nil
	}
	if err := m.c.RevealRefusal(); reveal && err != nil {
		return ui.ToastErr(err)
	}
	if isKeyRow(r) {
		return ui.Push(m.c, newKeyDetail(m.c, m.api, r.id(), reveal, m.list.Width(), m.list.Height()))
	}
	return ui.Push(m.c, m.detail(r, reveal))
}

// detail is the detail pane of r. Without reveal nothing is revealed: our
// server answers the detail without the password, and for a real
// senhasegura (whose rows do not say whether they are active) the pane
// shows the list's row.
func (m *Model) detail(r row, reveal bool) *detailScreen {
	d := newDetail(m.c, m.api, r.id(), r.cells(), reveal, m.list.Width(), m.list.Height())
	d.ours = r.rec.known
	return d
}

// copyPassword fetches the focused row's password and copies it with OSC
// 52 inside one command: the password is never stored in the model or sent
// as a message.
func (m *Model) copyPassword() tea.Cmd {
	if err := m.c.RevealRefusal(); err != nil {
		return ui.ToastErr(err)
	}
	r, ok := m.focused()
	if !ok {
		return nil
	}
	if isKeyRow(r) {
		return ui.Toast(ui.ToastError, "SSH keys are not copied: open the key (enter) and reveal it with r")
	}
	c, cl, id := m.c, m.api, r.id()
	return m.list.Do("fetching the password to copy…", func(ctx context.Context) func() tea.Cmd {
		d, err := cl.Get(ctx, id)
		if err != nil {
			return func() tea.Cmd { return ui.ToastErr(err) }
		}
		toast := copySecret(c, "password", password(d))
		return func() tea.Cmd { return func() tea.Msg { return toast } }
	})
}

func (m *Model) newCredential() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return m.askNewKind()
}

// editCredential fetches the focused credential's fields, then opens the
// form prefilled with them (the password is not kept: empty = unchanged).
func (m *Model) editCredential() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	r, ok := m.focused()
	if !ok {
		return nil
	}
	if isKeyRow(r) {
		return m.editKey(r.id())
	}
	get, id := m.api.Get, r.id() // a real senhasegura has no detail without the password
	if r.rec.known {
		get = m.api.GetWithoutPassword
	}
	return m.list.Do("loading the credential to edit…", func(ctx context.Context) func() tea.Cmd {
		d, err := get(ctx, id)
		if err != nil {
			return func() tea.Cmd { return ui.ToastErr(err) }
		}
		info := infoFrom(d)
		return func() tea.Cmd { return ui.Push(m.c, newForm(m.c, m.api, &info, m.list.Width())) }
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
