package devices

import (
	"context"
	"fmt"
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	d, ok := m.list.Focused()
	switch {
	case key.Matches(k, m.keys.New):
		return m.openForm(nil)
	case !ok:
		return nil
	case key.Matches(k, m.keys.Edit):
		return m.editDevice(d)
	case key.Matches(k, m.keys.Deactivate):
		return m.askDeactivate(d)
	case key.Matches(k, m.keys.Activate):
		return m.setActive(d, true)
	case !m.c.CanWrite() || m.list.Writing():
		return nil
	case k.String() == "a" && d.IsActive():
		return ui.Toast(ui.ToastInfo, "Device "+d.Hostname+" is already active — a activates inactive devices")
	case k.String() == "d" && !d.IsActive():
		return ui.Toast(ui.ToastInfo, "Device "+d.Hostname+" is already inactive — a activates it")
	}
	return nil
}

func (m *Model) askDeactivate(d client.Device) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return m.list.Confirm("Deactivate device",
		fmt.Sprintf("Deactivate device %s? Its credentials stay as they are.", d.Hostname),
		func(string) tea.Cmd { return m.setActive(d, false) })
}

// setActive activates or deactivates d, then reloads with the cursor on it.
func (m *Model) setActive(d client.Device, active bool) tea.Cmd {
	verb, call := "Deactivat", m.api.Deactivate
	if active {
		verb, call = "Activat", m.api.Activate
	}
	id := d.ID.String()
	return m.list.Do(verb+"ing "+d.Hostname+"…", func(ctx context.Context) func() tea.Cmd {
		r, err := call(ctx, id)
		return func() tea.Cmd {
			if err != nil {
				return ui.ToastErr(err)
			}
			text := verb + "ed device " + d.Hostname
			if r != nil && r.Response.Message != "" {
				text += " — " + r.Response.Message
			}
			m.list.SelectWhen(func(x client.Device) bool { return x.ID.String() == id })
			return tea.Batch(ui.Toast(ui.ToastSuccess, text), m.list.Reload())
		}
	})
}

// onPopped shows a save. An update whose device is loaded replaces that
// one row with the upsert reply's device (it holds the whole device) and
// puts the cursor on it, as d on the credentials does, instead of reloading
// every device; a row the save moves under the sort or filter stays where
// it is until ctrl+r. A new device, or a reply without one, reloads with
// the cursor on it.
func (m *Model) onPopped(msg ui.PoppedMsg) tea.Cmd {
	saved, ok := msg.Result.(SavedMsg)
	if !ok {
		return nil
	}
	if d := saved.device; !saved.Created && d != nil {
		i := slices.IndexFunc(m.list.Items(), func(x client.Device) bool { return x.ID == d.ID })
		if i >= 0 {
			row := *d
			if row.Active == nil { // the vendor never says; ours may not in a reply
				row.Active = m.list.Items()[i].Active
			}
			cmd := m.list.Put(row)
			m.list.Select(row.ID.String())
			return cmd
		}
	}
	m.list.SelectWhen(sameHost(saved.Hostname))
	return m.list.Reload()
}

func (m *Model) openForm(d *client.Device) tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	return ui.Push(m.c, newForm(m.c, d, m.list.Width(), m.loaded))
}

// loaded finds a loaded device by hostname, case-insensitively.
func (m *Model) loaded(hostname string) (client.Device, bool) {
	for _, d := range m.list.Items() {
		if sameHost(hostname)(d) {
			return d, true
		}
	}
	return client.Device{}, false
}

// editDevice reads the device (GET device/{id}: a real server's list items
// lack its domain) and opens the form prefilled with it.
func (m *Model) editDevice(d client.Device) tea.Cmd {
	cl, id := m.api, d.ID.String()
	return m.list.Do("loading the device to edit…", func(ctx context.Context) func() tea.Cmd {
		full, err := cl.Get(ctx, id)
		if err != nil {
			return func() tea.Cmd { return ui.ToastErr(err) }
		}
		return func() tea.Cmd { return m.openForm(full) }
	})
}
