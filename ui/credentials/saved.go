package credentials

import (
	"context"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// onSaved shows a save on the list. An edit updates its one row in place,
// as d does, and the cursor stays on it: a reload of a million rows took
// ~20 s and put the cursor on row 1. The upsert reply holds only the id
// and identifier (PAMCORE-VENDOR.md §3.4), so the row is read back: GET
// credential/{id}?password=false (or key/{id}) on our server; for a real
// senhasegura, whose GET reveals and is audited, the row shows what the
// form sent. A save that moves the row under the current sort or filter
// leaves it where it is until ctrl+r. A new credential (or a row not
// loaded) reloads, with the cursor on it once it arrives.
func (m *Model) onSaved(saved SavedMsg) tea.Cmd {
	i := slices.IndexFunc(m.list.Items(), func(r row) bool { return r.id() == saved.ID })
	if saved.Created || i < 0 {
		m.list.SelectWhen(func(r row) bool { return r.id() == saved.ID })
		return m.list.Reload()
	}
	old := m.list.Items()[i]
	if !old.rec.known {
		if saved.sent == nil {
			m.list.SelectWhen(func(r row) bool { return r.id() == saved.ID })
			return m.list.Reload()
		}
		c := wireOf(old)
		overlaySent(&c, saved.sent)
		return m.list.Put(m.rowOf(&c))
	}
	return m.list.Do("reading the saved credential…", func(ctx context.Context) func() tea.Cmd {
		c, err := m.readBack(ctx, old)
		return func() tea.Cmd {
			if err != nil {
				return ui.Toast(ui.ToastError, "Saved, but the row could not be read back ("+err.Error()+") — ctrl+r reloads")
			}
			return m.list.Put(m.rowOf(&c))
		}
	})
}

// readBack reads the saved credential (or SSH key) of row old from our
// server, without revealing anything, as a list credential.
func (m *Model) readBack(ctx context.Context, old row) (client.Credential, error) {
	c := wireOf(old)
	if isKeyRow(old) {
		k, err := m.api.GetKey(ctx, old.id(), false)
		if err != nil {
			return c, err
		}
		c.Identifier, c.Username, c.Hostname, c.ManagementIP = k.Identifier, k.Username, k.Hostname, k.IP
		c.Expiration = k.ExpirationTime
		if k.Active != nil {
			active := bool(*k.Active)
			c.Active = &active
		}
		return c, nil
	}
	d, err := m.api.GetWithoutPassword(ctx, old.id())
	if err != nil {
		return c, err
	}
	overlayDetail(&c, d)
	return c, nil
}

// rowOf converts one credential with the session's clock.
func (m *Model) rowOf(c *client.Credential) row {
	return newConverter(m.c.Clock(), m.c.Client).row(c)
}

// wireOf rebuilds the list credential row r was made from, for a save to
// overlay: the device label stands whole for vendor, model and type.
func wireOf(r row) client.Credential {
	at := func(s int64) time.Time {
		if s == 0 {
			return time.Time{}
		}
		return time.Unix(s, 0).UTC()
	}
	c := client.Credential{
		ID: client.FlexString(r.id()), Identifier: r.field(fIdentifier), Username: r.field(fUsername),
		Hostname: r.field(fHostname), ManagementIP: r.field(fIP), Type: r.field(fType),
		DeviceVendor: r.field(fDevice), AutomaticChange: client.FlexBool(r.rec.auto),
	}
	c.Change.Time, c.View.Time, c.Expiration.Time = at(r.rec.change), at(r.rec.view), at(r.rec.expiration)
	if r.rec.known {
		active := r.rec.active
		c.Active = &active
	}
	if r.rec.custody != custodyUnknown {
		held := r.rec.custody == custodyHeld
		c.InCustody = &held
	}
	return c
}

// overlayDetail puts on c what GET credential/{id} answered.
func overlayDetail(c *client.Credential, d *client.CredentialDetail) {
	c.Identifier = cmpOr(d.Identifier, d.Tag)
	c.Username, c.Hostname, c.ManagementIP, c.Type = d.Username, d.Hostname, d.IP, d.CredentialType
	setDevice(c, d.Vendor, d.Model, d.DeviceType)
	c.Expiration, c.Change, c.View = d.ExpirationTime, d.Change, d.View
	if d.Active != nil {
		c.Active = d.Active
	}
	if d.InCustody != nil {
		c.InCustody = d.InCustody
	}
}

// overlaySent puts on c what the form sent (an empty field was not sent,
// or left the server's value).
func overlaySent(c *client.Credential, in *client.CredentialUpsert) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&c.Identifier, in.Identifier)
	if in.Username != nil {
		c.Username = cmpOr(*in.Username, "usr") // seed 001: sent empty becomes "usr"
	}
	set(&c.Hostname, in.Hostname)
	set(&c.ManagementIP, in.IP)
	set(&c.Type, in.CredentialType)
	setDevice(c, in.Vendor, in.Model, in.Type)
}

// setDevice replaces c's device label when any part is given.
func setDevice(c *client.Credential, vendor, model, typ string) {
	if strings.TrimSpace(vendor+model+typ) != "" {
		c.DeviceVendor, c.DeviceModel, c.DeviceType = vendor, model, typ
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
