// Package devices is screen 3 of UX.md: the PAM Core devices list, with a
// fuzzy filter, create/update through the upsert by hostname, deactivate
// and activate.
package devices

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
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

func columns() []vtable.Column {
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

// Model is the devices screen. Create it with New.
type Model struct {
	c     *ui.Common
	keys  keyMap
	table vtable.Model
	bar   filter.Bar
	flt   filter.Filter

	width, height int
	shown         filter.Result

	devices []client.Device // non-secret: devices have no secrets
	rows    [][]string
	loadID  uint64
	loading bool
	loadErr error

	actID   uint64
	pending *pendingAction
	select_ string
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
)

// New returns the devices screen for the session c.
func New(c *ui.Common) ui.Screen { return newModel(c) }

func newModel(c *ui.Common) *Model {
	t := vtable.New(columns(), vtable.DefaultStyles(c.Renderer, c.Styles.Accent))
	t.SetMatchColumns(matchCols)
	t.SetNoMatchText("No device matches the filter — esc clears it")
	if c.CanWrite() {
		t.SetEmptyText("No devices yet — press n to add one")
	} else {
		t.SetEmptyText("No devices visible to this client")
	}
	t.Focus()
	bar := filter.NewBar(c, "hostname, IP, type, vendor, model, site, domain")
	m := &Model{c: c, table: t, bar: bar, width: 80, height: 20}
	m.keys = newKeyMap(t.Keys)
	m.layout()
	m.refreshKeys()
	return m
}

// Init loads the list.
func (m *Model) Init() tea.Cmd { return m.Reload() }

// Title implements ui.Screen.
func (m *Model) Title() string { return "Devices" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// CapturesInput is true while the filter input has focus.
func (m *Model) CapturesInput() bool { return m.bar.Focused() }

// Busy reports whether a request of the screen is running.
func (m *Model) Busy() bool { return m.loading || m.actID != 0 }

// loaded is the list converted to cells off the UI thread.
type loaded struct {
	devices []client.Device
	rows    [][]string
	hay     []string
}

// Reload fetches the list again; an older answer still in flight is dropped.
func (m *Model) Reload() tea.Cmd {
	m.loadID, m.loading = m.c.NextID(), true
	cl := m.c.Client
	return ui.Request(m.c, m.loadID, func(ctx context.Context) (loaded, error) {
		list, err := cl.Devices.List(ctx)
		if err != nil {
			return loaded{}, err
		}
		out := loaded{devices: list.Devices, rows: make([][]string, len(list.Devices)), hay: make([]string, len(list.Devices))}
		for i, d := range list.Devices {
			out.rows[i] = cells(d)
			out.hay[i] = vtable.JoinCells(out.rows[i], matchCols)
		}
		return out, nil
	})
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

func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case ui.Reply[loaded]:
		cmd = m.onLoaded(msg)
	case filter.Result:
		if m.flt.Apply(msg) && !(msg.Query != "" && msg.Indices == nil) {
			if msg.Query != m.shown.Query {
				defer m.table.GotoTop() // the best match first
			}
			m.shown = msg
			m.applyView()
		}
	case tea.KeyMsg:
		cmd = m.onKey(msg)
	case ui.PoppedMsg:
		cmd = m.onPopped(msg)
	case ui.Reply[actionReply]:
		cmd = m.onAction(msg)
	}
	m.refreshKeys()
	return m, cmd
}

func (m *Model) onLoaded(msg ui.Reply[loaded]) tea.Cmd {
	if msg.ID != m.loadID {
		return nil
	}
	m.loading = false
	if msg.Err != nil {
		m.loadErr = msg.Err
		return ui.Toast(ui.ToastError, "Loading devices failed: "+ui.ErrorText(msg.Err))
	}
	m.loadErr = nil
	m.devices, m.rows = msg.Value.devices, msg.Value.rows
	m.table.SetRows(m.rows, nil)
	devs := m.devices
	m.table.SetToneFunc(func(r int) vtable.Tone {
		if !devs[r].IsActive() {
			return vtable.ToneDim
		}
		return vtable.ToneNormal
	})
	m.shown = filter.Result{}
	if m.select_ != "" {
		if i := slices.IndexFunc(m.devices, func(d client.Device) bool { return strings.EqualFold(d.Hostname, m.select_) }); i >= 0 {
			m.table.SetCursor(i)
		}
		m.select_ = ""
	}
	return m.flt.SetSnapshot(filter.NewSnapshot(msg.Value.hay))
}

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	if m.bar.Focused() {
		switch out, cmd := m.bar.Key(k, m.keys.KeepFilter, m.keys.ClearFilter); out {
		case filter.Cleared:
			return m.clearFilter()
		case filter.Changed:
			return tea.Batch(cmd, m.flt.SetQuery(m.bar.Value()))
		default:
			return cmd
		}
	}
	switch {
	case key.Matches(k, m.keys.ClearFilter):
		return m.clearFilter()
	case key.Matches(k, m.keys.Filter):
		return m.bar.Focus()
	case key.Matches(k, m.keys.New):
		return m.openForm(nil)
	case key.Matches(k, m.keys.Edit):
		if r := m.table.Cursor(); r >= 0 {
			d := m.devices[r]
			return m.openForm(&d)
		}
	case key.Matches(k, m.keys.Deactivate):
		return m.ask(actDeactivate)
	case key.Matches(k, m.keys.Activate):
		return m.ask(actActivate)
	case key.Matches(k, m.keys.Reload):
		return m.Reload()
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(k)
	return cmd
}

func (m *Model) clearFilter() tea.Cmd {
	m.bar.Clear()
	m.shown = filter.Result{}
	cmd := m.flt.SetQuery("")
	m.applyView()
	return cmd
}

func (m *Model) filterShown() bool { return m.shown.Seq != 0 && m.shown.Query != "" }

func (m *Model) applyView() {
	if m.filterShown() {
		m.table.SetView(m.shown.Indices, m.shown.Matches)
		return
	}
	m.table.SetView(nil, nil)
}

func (m *Model) layout() {
	m.table.SetSize(m.width, max(m.height-1, 2))
	m.bar.SetWidth(max(min(m.width/2-2, 40), 10))
}

func (m *Model) refreshKeys() {
	r := m.table.Cursor()
	present := r >= 0 && r < len(m.devices)
	active := present && m.devices[r].IsActive()
	m.keys.update(m.c.CanWrite(), m.bar.Focused(), m.filterShown(), present, active)
	m.keys.Table = m.table.Keys
}

// View renders the info line and the table.
func (m *Model) View() string {
	st := m.c.Styles
	var info string
	switch {
	case m.bar.Focused():
		info = m.bar.View() + "  "
	case m.filterShown():
		info = st.Focused.Render("/ "+m.flt.Query()) + st.Muted.Render(" · ")
	}
	n := len(m.rows)
	if m.filterShown() {
		info += fmt.Sprintf("%d of %d devices", len(m.shown.Indices), n)
	} else {
		info += fmt.Sprintf("%d devices", n)
	}
	switch {
	case m.loading:
		info += st.Muted.Render(" · ") + st.Warning.Render("loading…")
	case m.loadErr != nil:
		info += st.Muted.Render(" · ") + st.Error.Render("load failed: "+ui.ErrorText(m.loadErr)+" — ctrl+r retries")
	case m.actID != 0:
		info += st.Muted.Render(" · working…")
	}
	if ansi.StringWidth(info) > m.width {
		info = ansi.Truncate(info, m.width, "…")
	}
	return info + "\n" + m.table.View()
}
