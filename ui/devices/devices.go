// Package devices is screen 3 of UX.md: the PAM Core devices list, with a
// fuzzy filter, create/update through the upsert by hostname, deactivate
// and activate. The list (table, filter, states, confirmations) is
// ui/list's; this file supplies the columns, cells and texts, actions.go
// the actions, form.go the create/edit form.
package devices

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Column indices of a row's cells.
const (
	colID = iota
	colHostname
	colIP
	colType
	colVendor
	colModel
	colSite
	colDomain
	colActive
	numCols
)

var matchCols = []int{colHostname, colIP, colType, colVendor, colModel, colSite, colDomain}

func columns(int) []vtable.Column {
	return []vtable.Column{
		colID:       {Title: "ID", Min: 2, Max: 8},
		colHostname: {Title: "Hostname", Min: 18, Max: 36, Grow: 3},
		colIP:       {Title: "IP", Min: 10, Max: 20},
		colType:     {Title: "Type", Min: 6, Max: 18},
		colVendor:   {Title: "Vendor", Min: 6, Max: 16},
		colModel:    {Title: "Model", Min: 8, Max: 24, Grow: 2},
		colSite:     {Title: "Site", Min: 6, Max: 20},
		colDomain:   {Title: "Domain", Min: 6, Max: 20},
		colActive:   {Title: "Active", Width: 6},
	}
}

func cells(d client.Device) []string {
	active := "no"
	if d.IsActive() {
		active = "yes"
	}
	return []string{
		colID: d.ID.String(), colHostname: d.Hostname, colIP: d.IP, colType: d.Type, colVendor: d.Vendor,
		colModel: d.Model, colSite: d.Site, colDomain: d.DeviceDomain, colActive: active,
	}
}

func tone(d client.Device) vtable.Tone {
	if !d.IsActive() {
		return vtable.ToneDim
	}
	return vtable.ToneNormal
}

// api is the part of the API client this screen uses (a fake in tests).
type api interface {
	List(ctx context.Context) (*client.DeviceList, error)
	// Get is GET device/{id}: the vendor's list items lack device_domain,
	// connectivities and session_remote_config, so the edit form reads it.
	Get(ctx context.Context, ref string) (*client.Device, error)
	Deactivate(ctx context.Context, ref string) (*client.PAMReply, error)
	Activate(ctx context.Context, id string) (*client.PAMReply, error)
}

// Model is the devices screen. Create it with New.
type Model struct {
	list.Screen[client.Device]
	c    *ui.Common
	api  api
	keys keyMap
	list *list.Model[client.Device]
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
	_ ui.Settler       = (*Model)(nil)
)

// New returns the devices screen for the session c.
func New(c *ui.Common) ui.Screen { return newModel(c, c.Client.Devices) }

func newModel(c *ui.Common, a api) *Model {
	m := &Model{c: c, api: a, keys: newKeyMap()}
	m.list = list.New(c, list.Spec[client.Device]{
		Noun: "device", Nouns: "devices",
		Columns: columns, Cells: cells, Match: matchCols, Tone: tone,
		Key:    func(d client.Device) string { return d.ID.String() },
		Detail: func(d client.Device) ui.Screen { return detail(c, d) },
		Load: func(ctx context.Context, _ string) (list.Page[client.Device], error) {
			l, err := a.List(ctx)
			if err != nil {
				return list.Page[client.Device]{}, err
			}
			return list.Page[client.Device]{Items: l.Devices, Total: -1}, nil
		},
		Texts: list.Texts{
			Empty:       "No devices yet — press n to add one",
			Placeholder: "hostname, IP, type, vendor, model, site, domain",
		},
	})
	m.Screen = list.Screen[client.Device]{List: m.list, OnKey: m.onKey, OnPopped: m.onPopped, Sync: m.syncKeys}
	m.syncKeys()
	return m
}

// Title implements ui.Screen.
func (m *Model) Title() string { return "Devices" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Update implements ui.Screen (list.Screen routes).
func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) { return m, m.Handle(msg) }

// View renders the info line and the table.
func (m *Model) View() string { return m.list.View() }

// detail shows every field of one device, uncut (enter): the table cuts
// long values.
func detail(c *ui.Common, d client.Device) ui.Screen {
	active := "yes"
	if !d.IsActive() {
		active = "no"
	}
	return list.NewDetail(c, "Devices › "+d.Hostname, []list.Field{
		{Label: "ID", Value: d.ID.String()},
		{Label: "Hostname", Value: d.Hostname},
		{Label: "IP", Value: d.IP},
		{Label: "Type", Value: d.Type},
		{Label: "Vendor", Value: d.Vendor},
		{Label: "Model", Value: d.Model},
		{Label: "Site", Value: d.Site},
		{Label: "Domain", Value: d.DeviceDomain},
		{Label: "Tags", Value: d.TagList()},
		{Label: "Connectivities", Value: d.Connectivities},
		{Label: "Remote session", Value: d.SessionRemoteConfig},
		{Label: "Active", Value: active},
	})
}

// sameHost matches a device by hostname (the upsert's key).
func sameHost(hostname string) func(client.Device) bool {
	return func(d client.Device) bool { return strings.EqualFold(d.Hostname, hostname) }
}
