package devices

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
)

type actionKind int

const (
	actDeactivate actionKind = iota + 1
	actActivate
)

// pendingAction waits for the confirm dialog (deactivate) or runs at once (activate).
type pendingAction struct {
	kind     actionKind
	id       string
	hostname string
}

type actionReply struct {
	action  pendingAction
	message string
}

func (m *Model) ask(kind actionKind) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	r := m.table.Cursor()
	if r < 0 {
		return nil
	}
	d := m.devices[r]
	a := pendingAction{kind: kind, id: d.ID.String(), hostname: d.Hostname}
	if kind == actActivate {
		return m.run(a)
	}
	m.pending = &a
	return confirm.Ask(m.c, fmt.Sprintf("Deactivate device %s? Its credentials stay as they are.", d.Hostname))
}

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
		m.select_ = saved.Hostname
		return m.Reload()
	}
	return nil
}

func (m *Model) run(a pendingAction) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	m.actID = m.c.NextID()
	cl := m.c.Client
	return ui.Request(m.c, m.actID, func(ctx context.Context) (actionReply, error) {
		var r *client.PAMReply
		var err error
		if a.kind == actDeactivate {
			r, err = cl.Devices.Deactivate(ctx, a.id)
		} else {
			r, err = cl.Devices.Activate(ctx, a.id)
		}
		if err != nil {
			return actionReply{action: a}, err
		}
		return actionReply{action: a, message: r.Response.Message}, nil
	})
}

func (m *Model) onAction(msg ui.Reply[actionReply]) tea.Cmd {
	if msg.ID != m.actID {
		return nil
	}
	m.actID = 0
	if msg.Err != nil {
		return ui.Toast(ui.ToastError, ui.ErrorText(msg.Err))
	}
	verb := "Deactivated"
	if msg.Value.action.kind == actActivate {
		verb = "Activated"
	}
	text := verb + " device " + msg.Value.action.hostname
	if msg.Value.message != "" {
		text += " — " + msg.Value.message
	}
	m.select_ = msg.Value.action.hostname
	return tea.Batch(ui.Toast(ui.ToastSuccess, text), m.Reload())
}

func (m *Model) openForm(d *client.Device) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return ui.Push(m.c, newForm(m.c, d, m.width))
}
