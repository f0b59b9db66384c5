package clientcreds

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// action is a write that waits for a y/n confirmation.
type action int

const (
	actDelete action = iota + 1
	actBulkDelete
	actRotate
)

// pending is what a confirmation dialog carries back when answered yes.
type pending struct {
	act   action
	ids   []int64
	names map[int64]string
	grace time.Duration // rotate: how long the old secret keeps working
}

// Replies of the writes.
type (
	deletedOne struct{ id int64 }
	bulkDone   struct {
		results []client.BulkDeleteResult
		names   map[int64]string
	}
	rotated struct{ cred client.ClientCredential }
)

func (m *Model) openDetail() tea.Cmd {
	cc := m.focused()
	if cc == nil {
		return nil
	}
	return ui.Push(m.c, newDetail(m.c, m.api, *cc, m.catalogue))
}

func (m *Model) openAdd() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return ui.Push(m.c, newWizard(m.c, m.api, m.catalogue))
}

func (m *Model) openEdit() tea.Cmd {
	cc := m.focused()
	if cc == nil {
		return nil
	}
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return ui.Push(m.c, newEdit(m.c, m.api, *cc))
}

func (m *Model) openEditScopes() tea.Cmd {
	cc := m.focused()
	if cc == nil {
		return nil
	}
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return ui.Push(m.c, newEditScopes(m.c, m.api, m.catalogue, *cc))
}

// protectedReason explains why the protected key is never deleted.
func protectedReason(cc client.ClientCredential) string {
	return fmt.Sprintf("“%s” is protected: the PAM services use it to talk to each other, so it cannot be deleted", cc.Name)
}

func (m *Model) askDelete() tea.Cmd {
	cc := m.focused()
	if cc == nil {
		return nil
	}
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	if cc.Protected {
		return ui.Toast(ui.ToastError, protectedReason(*cc))
	}
	p := pending{act: actDelete, ids: []int64{cc.ID}, names: map[int64]string{cc.ID: cc.Name}}
	return askConfirm(m.c, "Delete client credential",
		fmt.Sprintf("Delete “%s”? Apps using it stop working at once.", cc.Name), p)
}

// askBulkDelete confirms with how many rows are marked, how many of them the
// filter hides and which protected ones the server will refuse.
func (m *Model) askBulkDelete() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	rows := m.table.MarkedRows()
	if len(rows) == 0 {
		return ui.Toast(ui.ToastInfo, "Nothing is marked: space marks a row, ctrl+a every row shown")
	}
	p := pending{act: actBulkDelete, names: make(map[int64]string, len(rows))}
	var protected []client.ClientCredential
	for _, r := range rows {
		cc := m.creds[r]
		p.ids = append(p.ids, cc.ID)
		p.names[cc.ID] = cc.Name
		if cc.Protected {
			protected = append(protected, cc)
		}
	}
	return askConfirm(m.c, "Delete marked client credentials", bulkText(len(rows), m.table.HiddenMarkedCount(), protected), p)
}

func bulkText(n, hidden int, protected []client.ClientCredential) string {
	noun := "client credentials"
	if n == 1 {
		noun = "client credential"
	}
	s := fmt.Sprintf("Delete %d marked %s?", n, noun)
	switch {
	case hidden == 1:
		s += " 1 of them is hidden by the filter."
	case hidden > 1:
		s += fmt.Sprintf(" %d of them are hidden by the filter.", hidden)
	default:
		s += " None of them is hidden by the filter."
	}
	if len(protected) > 0 {
		s += fmt.Sprintf(" %s: protected, the server will refuse.", names(protected, 3))
	}
	return s
}

func (m *Model) askRotate() tea.Cmd {
	cc := m.focused()
	if cc == nil {
		return nil
	}
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	if signedIn(m.c, *cc) {
		return ui.Toast(ui.ToastError, fmt.Sprintf("“%s” is the credential this console is signed in with: rotating it here would "+
			"lock the console out at once. Rotate it from another credential, then give the profile the new secret.", cc.Name))
	}
	p := pending{act: actRotate, ids: []int64{cc.ID}, names: map[int64]string{cc.ID: cc.Name}}
	return askConfirm(m.c, "Rotate client secret",
		fmt.Sprintf("Rotate the secret of “%s”? With y the current secret and its tokens stop working at once; "+
			"with g they keep working for one more hour, so the services using them can move over. The new secret is shown once.", cc.Name),
		p, graceOption)
}

// run sends a confirmed write.
func (m *Model) run(p pending) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	m.actionID = m.c.NextID()
	svc := m.api
	id := m.actionID
	var req tea.Cmd
	switch p.act {
	case actDelete:
		m.busy = "Deleting “" + p.names[p.ids[0]] + "”…"
		target := p.ids[0]
		req = ui.Request(m.c, id, func(ctx context.Context) (deletedOne, error) {
			return deletedOne{id: target}, svc.Delete(ctx, target)
		})
	case actBulkDelete:
		m.busy = fmt.Sprintf("Deleting %d client credentials…", len(p.ids))
		req = ui.Request(m.c, id, func(ctx context.Context) (bulkDone, error) {
			res, err := svc.BulkDelete(ctx, p.ids)
			return bulkDone{results: res, names: p.names}, err
		})
	case actRotate:
		m.busy = "Rotating the secret of “" + p.names[p.ids[0]] + "”…"
		target, grace := p.ids[0], p.grace
		req = ui.Request(m.c, id, func(ctx context.Context) (rotated, error) {
			cc, err := svc.RotateSecret(ctx, target, grace)
			if cc == nil {
				return rotated{}, err
			}
			return rotated{cred: *cc}, err
		})
	default:
		return nil
	}
	return req
}

// onActionReply handles the replies of writes and secret fetches.
func (m *Model) onActionReply(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.secrets.update(msg); ok {
		return cmd
	}
	switch r := msg.(type) {
	case ui.Reply[deletedOne]:
		if !m.settle(r.ID) {
			return nil
		}
		if r.Err != nil {
			return ui.ToastErr(r.Err)
		}
		return tea.Batch(m.remove(map[int64]bool{r.Value.id: true}), ui.Toast(ui.ToastSuccess, "Deleted"))
	case ui.Reply[bulkDone]:
		if !m.settle(r.ID) {
			return nil
		}
		if r.Err != nil {
			return ui.ToastErr(r.Err)
		}
		return m.onBulkDone(r.Value)
	case ui.Reply[rotated]:
		if !m.settle(r.ID) {
			return nil
		}
		if r.Err != nil {
			return ui.ToastErr(r.Err)
		}
		cc := r.Value.cred
		return tea.Batch(m.upsert(cc), showSecretOnce(m.c, "New secret of “"+cc.Name+"”", cc))
	}
	return nil
}

// settle ends the busy state for the latest write; false means a stale reply.
func (m *Model) settle(id uint64) bool {
	if id != m.actionID {
		return false
	}
	m.busy = ""
	return true
}

// onBulkDone drops the deleted rows (so only their marks go) and shows the
// per-row report.
func (m *Model) onBulkDone(b bulkDone) tea.Cmd {
	gone := map[int64]bool{}
	for _, r := range b.results {
		if r.Status == client.BulkDeleted {
			gone[r.ID] = true
		}
	}
	return tea.Batch(m.remove(gone), ui.Push(m.c, newReport(m.c, b.results, b.names)))
}

// onPopped handles what a pushed screen returned.
func (m *Model) onPopped(msg ui.PoppedMsg) tea.Cmd {
	var cmds []tea.Cmd
	switch r := msg.Result.(type) {
	case created:
		cmds = append(cmds, m.upsert(r.Cred), showSecretOnce(m.c, "Secret of “"+r.Cred.Name+"”", r.Cred),
			ui.Toast(ui.ToastSuccess, "Added “"+r.Cred.Name+"”"))
	case updated:
		cmds = append(cmds, m.upsert(r.Cred))
	default:
		if p, ok := confirmed(msg.Result); ok {
			cmds = append(cmds, m.run(p))
		}
	}
	return tea.Batch(cmds...)
}
