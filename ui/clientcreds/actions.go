package clientcreds

import (
	"context"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
)

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
	if signedIn(m.c, *cc) { // the server refuses it too
		return ui.Toast(ui.ToastError, fmt.Sprintf("“%s” is the credential this console signs in with: deleting it would "+
			"lock the console out at once — delete it from another credential", cc.Name))
	}
	target := *cc
	return m.list.Confirm("Delete client credential",
		fmt.Sprintf("Delete “%s”? Apps using it stop working at once.", cc.Name),
		func(string) tea.Cmd { return m.delete(target) })
}

func (m *Model) delete(cc client.ClientCredential) tea.Cmd {
	svc := m.api
	return m.list.Do("Deleting “"+cc.Name+"”…", func(ctx context.Context) func() tea.Cmd {
		err := svc.Delete(ctx, cc.ID)
		return func() tea.Cmd {
			if err != nil {
				return ui.ToastErr(err)
			}
			return tea.Batch(m.list.Remove(keyOf(cc.ID)), ui.Toast(ui.ToastSuccess, "Deleted “"+cc.Name+"”"))
		}
	})
}

// askBulkDelete confirms with how many rows are marked, how many of them the
// filter hides and which protected ones the server will refuse.
func (m *Model) askBulkDelete() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	marked := m.list.Marked()
	if len(marked) == 0 {
		return ui.Toast(ui.ToastInfo, "Nothing is marked: space marks a row, ctrl+a every row shown")
	}
	var protected, own []client.ClientCredential
	ids, byID := make([]int64, 0, len(marked)), make(map[int64]string, len(marked))
	for _, cc := range marked {
		ids = append(ids, cc.ID)
		byID[cc.ID] = cc.Name
		if cc.Protected {
			protected = append(protected, cc)
		}
		if signedIn(m.c, cc) {
			own = append(own, cc)
		}
	}
	text := bulkText(marked, m.list.HiddenMarked(), protected)
	if len(own) > 0 {
		text += fmt.Sprintf(" %s: the credential this console is signed in with, the server will refuse.", names(own, 1))
	}
	return m.list.Confirm("Delete marked client credentials", text,
		func(string) tea.Cmd { return m.bulkDelete(ids, byID) })
}

func bulkText(marked []client.ClientCredential, hidden int, protected []client.ClientCredential) string {
	s := "Delete " + list.Count(len(marked), "marked client credential", "marked client credentials") + ": " + namesAndMore(marked, 5) + "?"
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

// namesAndMore names up to limit credentials, then says how many more.
func namesAndMore(creds []client.ClientCredential, limit int) string {
	if len(creds) <= limit {
		return names(creds, limit)
	}
	return fmt.Sprintf("%s and %d more", names(creds[:limit], limit), len(creds)-limit)
}

// bulkDelete drops the deleted rows (so only their marks go) and shows the
// per-row report.
func (m *Model) bulkDelete(ids []int64, byID map[int64]string) tea.Cmd {
	svc := m.api
	busy := "Deleting " + list.Count(len(ids), "client credential", "client credentials") + "…"
	return m.list.Do(busy, func(ctx context.Context) func() tea.Cmd {
		res, err := svc.BulkDelete(ctx, ids)
		return func() tea.Cmd {
			if err != nil {
				return ui.ToastErr(err)
			}
			var gone []string
			refused, missing := 0, 0
			for _, r := range res {
				switch r.Status {
				case client.BulkDeleted:
					gone = append(gone, keyOf(r.ID))
				case client.BulkNotFound:
					missing++
				default:
					refused++
				}
			}
			toast := "Deleted " + list.Count(len(gone), "client credential", "client credentials")
			if refused > 0 {
				toast += fmt.Sprintf(", %d refused", refused)
			}
			if missing > 0 {
				toast += fmt.Sprintf(", %d not found", missing)
			}
			return tea.Batch(m.list.Remove(gone...), ui.Push(m.c, newReport(m.c, res, byID)), ui.Toast(ui.ToastSuccess, toast))
		}
	})
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
	if cc.Protected { // the server refuses it too (issue 13 §2b)
		return ui.Toast(ui.ToastError, fmt.Sprintf("“%s” is protected: the PAM services use it to talk to each other, "+
			"so its secret cannot be rotated", cc.Name))
	}
	target := *cc
	return m.list.Confirm("Rotate client secret",
		fmt.Sprintf("Rotate the secret of “%s”? With y the current secret and its tokens stop working at once; "+
			"with g they keep working for one more hour, so the services using them can move over. The new secret is shown once.", cc.Name),
		func(option string) tea.Cmd {
			var grace time.Duration
			if option == graceOption.Key {
				grace = rotateGrace
			}
			return m.rotate(target, grace)
		}, graceOption)
}

func (m *Model) rotate(cc client.ClientCredential, grace time.Duration) tea.Cmd {
	svc := m.api
	return m.list.Do("Rotating the secret of “"+cc.Name+"”…", func(ctx context.Context) func() tea.Cmd {
		got, err := svc.RotateSecret(ctx, cc.ID, grace)
		return func() tea.Cmd {
			if err != nil {
				return ui.ToastErr(err)
			}
			if got == nil {
				return ui.Toast(ui.ToastError, "the server answered the rotation without the credential")
			}
			return tea.Batch(m.put(*got), showSecretOnce(m.c, "New secret of “"+got.Name+"”", *got),
				ui.Toast(ui.ToastSuccess, "Rotated the secret of “"+got.Name+"”"))
		}
	})
}

// put shows cc in the table, its secret masked (the plain one lives only in
// the show-once dialog).
func (m *Model) put(cc client.ClientCredential) tea.Cmd {
	cc.ClientSecret = client.MaskedSecret
	return m.list.Put(cc)
}

// onPopped handles what a pushed screen returned (the list already took
// its confirmations).
func (m *Model) onPopped(msg ui.PoppedMsg) tea.Cmd {
	switch r := msg.Result.(type) {
	case created:
		return tea.Batch(m.put(r.Cred), showSecretOnce(m.c, "Secret of “"+r.Cred.Name+"”", r.Cred),
			ui.Toast(ui.ToastSuccess, "Added “"+r.Cred.Name+"”"))
	case updated:
		return m.put(r.Cred)
	case extendTo:
		return m.confirmExtend(r.till)
	}
	return nil
}
