package credentials

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
)

// x in the detail: release the custody a reveal took (the vendor: a
// password read grants custody until DELETE credential/custody/{id}).

// releaseTag marks the detail's custody confirmation.
type releaseTag struct{}

// releaseReply is the server's answer to a release: its message.
type releaseReply struct{ message string }

// custodySeen is the detail's result when it learnt the custody of its
// credential (a reveal takes it, x releases it): the list shows it on the
// row at once, so x there applies.
type custodySeen struct {
	id   string
	held bool
}

// inCustody reports whether the loaded detail says the credential is in
// custody, or does not say (a real senhasegura's row).
func (d *detailScreen) inCustody() bool {
	return d.info != nil && (d.info.InCustody == nil || *d.info.InCustody)
}

// askRelease confirms x, naming the credential; where x does not apply it
// says why.
func (d *detailScreen) askRelease() tea.Cmd {
	if err := d.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	label := cellsLabel(d.row)
	if !d.inCustody() {
		return ui.Toast(ui.ToastInfo, label+" is not in custody — x releases only credentials in custody (r takes it)")
	}
	a := pendingAction{kind: actRelease, id: d.id, label: label}
	return confirm.AskTagged(d.c, "Confirm", a.question(), releaseTag{})
}

// release sends the confirmed release.
func (d *detailScreen) release() tea.Cmd {
	d.releaseID = d.c.NextID()
	id, cl := d.id, d.api
	return ui.Request(d.c, d.releaseID, func(ctx context.Context) (releaseReply, error) {
		r, err := cl.ReleaseCustody(ctx, id)
		if err != nil {
			return releaseReply{}, err
		}
		return releaseReply{message: r.Response.Message}, nil
	})
}

func (d *detailScreen) onReleased(msg ui.Reply[releaseReply]) tea.Cmd {
	if msg.ID != d.releaseID {
		return nil
	}
	d.releaseID = 0
	if msg.Err != nil {
		return ui.Toast(ui.ToastError, actionError(msg.Err))
	}
	if d.info != nil {
		free := false
		d.info.InCustody = &free
	}
	text := pendingAction{kind: actRelease, label: cellsLabel(d.row)}.done()
	if msg.Value.message != "" {
		text = msg.Value.message + " — " + text
	}
	return ui.Toast(ui.ToastSuccess, text)
}

// popResult is what the detail hands the list when it closes: a save
// (reload), or the custody it learnt.
func (d *detailScreen) popResult() any {
	switch {
	case d.changed:
		return SavedMsg{ID: d.id}
	case d.info != nil && d.info.InCustody != nil:
		return custodySeen{id: d.id, held: *d.info.InCustody}
	}
	return nil
}

// releaseKey is the detail's x binding.
func releaseKey() key.Binding {
	return key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "release custody"))
}
