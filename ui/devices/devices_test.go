package devices

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

func testCommon(cl *client.Client) *ui.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := ui.NewCommon(context.Background(), cl, r)
	c.Now = func() time.Time { return time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC) }
	return c
}

func sampleDevices() []client.Device {
	yes, no := new(client.FlexBool), new(client.FlexBool)
	*yes = true
	return []client.Device{
		{ID: "1", Hostname: "web01.corp.example", IP: "10.0.0.11", Type: "Server", Vendor: "Debian", Model: "Debian 12", Site: "Frankfurt DC", DeviceDomain: "corp.example", Active: yes},
		{ID: "2", Hostname: "db-prod-01", IP: "10.0.1.20", Type: "Database", Vendor: "Oracle", Model: "Oracle 19c", Site: "São Paulo DC", DeviceDomain: "corp.example", Active: yes},
		{ID: "3", Hostname: "fw-edge-1", IP: "10.0.255.1", Type: "Network Device", Vendor: "Cisco", Model: "ASA 5516-X", Site: "Lab", Active: no},
		{ID: "4", Hostname: "dc01.corp.example", IP: "10.0.2.10", Type: "Server", Vendor: "Microsoft", Model: "Windows Server 2022", Site: "Azure West Europe", DeviceDomain: "corp.example", Active: yes},
	}
}

// loadedReply builds the reply Reload's command would produce for devs.
func loadedReply(id uint64, devs []client.Device) ui.Reply[loaded] {
	out := loaded{devices: devs, rows: make([][]string, len(devs)), hay: make([]string, len(devs))}
	for i, d := range devs {
		out.rows[i] = cells(d)
		out.hay[i] = vtable.JoinCells(out.rows[i], matchCols)
	}
	return ui.Reply[loaded]{ID: id, Value: out}
}

// loadedModel returns a screen showing devs (no server involved).
func loadedModel(t *testing.T, c *ui.Common, devs []client.Device) *Model {
	t.Helper()
	m := newModel(c)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
	m.Reload() // takes a request id; the command (HTTP) is not run
	_, cmd := m.Update(loadedReply(m.loadID, devs))
	deliver(m, cmd)
	return m
}

// deliver runs cmd and feeds filter results back.
func deliver(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			deliver(m, c)
		}
	case filter.Result:
		_, next := m.Update(msg)
		deliver(m, next)
	}
}

func press(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func TestListShowsDevicesAndInactive(t *testing.T) {
	m := loadedModel(t, testCommon(nil), sampleDevices())
	v := m.View()
	for _, want := range []string{"4 devices", "web01.corp.example", "db-prod-01", "Active"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if got := m.rows[2][colActive]; got != "no" {
		t.Errorf("inactive device shows %q", got)
	}
}

func TestStaleLoadIsDropped(t *testing.T) {
	m := loadedModel(t, testCommon(nil), sampleDevices())
	old := m.loadID
	m.Reload()
	m.Update(loadedReply(old, sampleDevices()[:1]))
	if len(m.rows) != 4 {
		t.Fatalf("a stale reply replaced the rows: %d", len(m.rows))
	}
}

func TestFilterAndClear(t *testing.T) {
	m := loadedModel(t, testCommon(nil), sampleDevices())
	m.Update(press("/"))
	for _, r := range "db-prod" {
		_, cmd := m.Update(press(string(r)))
		deliver(m, cmd)
	}
	n := m.table.ViewLen()
	if n == 0 || n == 4 || m.rows[m.table.Cursor()][colHostname] != "db-prod-01" {
		t.Fatalf("filter shows %d rows, best %q", n, m.rows[m.table.Cursor()][colHostname])
	}
	if !strings.Contains(m.View(), fmt.Sprintf("%d of 4 devices", n)) {
		t.Errorf("count not shown:\n%s", m.View())
	}
	_, cmd := m.Update(press("esc"))
	deliver(m, cmd)
	if m.table.ViewLen() != 4 || m.CapturesInput() {
		t.Fatal("esc did not clear the filter")
	}
}

func TestKeysFollowRowAndSession(t *testing.T) {
	m := loadedModel(t, testCommon(nil), sampleDevices())
	if !m.keys.Deactivate.Enabled() || m.keys.Activate.Enabled() {
		t.Fatal("active row: d on, a off expected")
	}
	m.Update(press("down"))
	m.Update(press("down"))
	if m.keys.Deactivate.Enabled() || !m.keys.Activate.Enabled() {
		t.Fatal("inactive row: d off, a on expected")
	}
	ro := testCommon(nil)
	ro.ReadOnly = true
	m = loadedModel(t, ro, sampleDevices())
	if m.keys.New.Enabled() || m.keys.Edit.Enabled() || m.keys.Deactivate.Enabled() || m.keys.Activate.Enabled() {
		t.Fatal("write keys enabled in a read-only session")
	}
	for _, k := range []string{"n", "e", "d", "a"} {
		if _, cmd := m.Update(press(k)); cmd != nil {
			t.Errorf("%s acted in a read-only session", k)
		}
	}
	if msg, ok := m.openForm(nil)().(ui.ToastMsg); !ok || !strings.Contains(msg.Text, "read-only") {
		t.Errorf("openForm not guarded: %#v", msg)
	}
}

func TestFormErrorsGoNextToTheirField(t *testing.T) {
	cases := []struct {
		err   *client.APIError
		field string
	}{
		{&client.APIError{StatusCode: 400, PAMCode: 1004, Message: "1004: The device's hostname was not informed"}, fieldHostname},
		{&client.APIError{StatusCode: 400, PAMCode: 1005, Message: "1005: The device's IP was not informed"}, fieldIP},
		{&client.APIError{StatusCode: 400, Message: "vendor is required"}, fieldVendor},
		{&client.APIError{StatusCode: 400, Fields: map[string][]string{"site": {"Site is required"}}}, fieldSite},
	}
	for _, tc := range cases {
		s := newForm(testCommon(nil), nil, 80)
		if got := s.Form.ErrorsFromAPI(tc.err); got != tc.field || s.Form.GeneralError() != "" {
			t.Errorf("%v: field %q general %q, want field %s", tc.err, got, s.Form.GeneralError(), tc.field)
		}
	}
	s := newForm(testCommon(nil), nil, 80)
	if s.Form.ErrorsFromAPI(&client.APIError{StatusCode: 500, Message: "Unexpected error."}); s.Form.GeneralError() == "" {
		t.Error("an error naming no field should go on the general line")
	}
}
