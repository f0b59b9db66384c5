package devices

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

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

// fakeAPI serves devices from memory and records the calls.
type fakeAPI struct {
	mu      sync.Mutex
	devices []client.Device
	listErr error
	calls   []string
}

func (f *fakeAPI) List(context.Context) (*client.DeviceList, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "list")
	if f.listErr != nil {
		return nil, f.listErr
	}
	return &client.DeviceList{Devices: append([]client.Device(nil), f.devices...)}, nil
}

func (f *fakeAPI) Get(_ context.Context, ref string) (*client.Device, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "get "+ref)
	for _, d := range f.devices {
		if d.ID.String() == ref {
			return &d, nil
		}
	}
	return nil, errors.New("fake: no device " + ref)
}

func (f *fakeAPI) set(id string, active bool) (*client.PAMReply, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, map[bool]string{true: "activate ", false: "deactivate "}[active]+id)
	for i := range f.devices {
		if f.devices[i].ID.String() == id {
			v := client.FlexBool(active)
			f.devices[i].Active = &v
		}
	}
	return &client.PAMReply{}, nil
}

func (f *fakeAPI) Deactivate(_ context.Context, id string) (*client.PAMReply, error) {
	return f.set(id, false)
}
func (f *fakeAPI) Activate(_ context.Context, id string) (*client.PAMReply, error) {
	return f.set(id, true)
}

// start runs the devices screen in the real console over a fake api.
func start(t *testing.T, c *ui.Common, f *fakeAPI) (*uitest.Kit, *Model) {
	t.Helper()
	m := newModel(c, f)
	return uitest.Show(t, c, m), m
}

func TestListShowsDevicesAndInactive(t *testing.T) {
	k, _ := start(t, uitest.NewCommon(nil), &fakeAPI{devices: sampleDevices()})
	k.MustShow("4 devices", "web01.corp.example", "db-prod-01", "Active")
	if got := cells(sampleDevices()[2])[colActive]; got != "no" {
		t.Errorf("inactive device shows %q", got)
	}
}

func TestFilterAndClear(t *testing.T) {
	k, m := start(t, uitest.NewCommon(nil), &fakeAPI{devices: sampleDevices()})
	k.Press("/")
	k.Type("db-prod")
	d, _ := m.list.Focused()
	if n := m.list.Shown(); n == 0 || n == 4 || d.Hostname != "db-prod-01" {
		t.Fatalf("filter shows %d rows, best %q", n, d.Hostname)
	}
	k.MustShow("of 4 devices")
	k.Press("esc")
	if m.list.Shown() != 4 || m.CapturesInput() {
		t.Fatal("esc did not clear the filter")
	}
}

func TestKeysFollowRowAndSession(t *testing.T) {
	k, m := start(t, uitest.NewCommon(nil), &fakeAPI{devices: sampleDevices()})
	if !m.keys.Deactivate.Enabled() || m.keys.Activate.Enabled() {
		t.Fatal("active row: d on, a off expected")
	}
	k.Press("down", "down")
	if m.keys.Deactivate.Enabled() || !m.keys.Activate.Enabled() {
		t.Fatal("inactive row: d off, a on expected")
	}
	ro := uitest.NewCommon(nil)
	ro.ReadOnly = true
	f := &fakeAPI{devices: sampleDevices()}
	k, m = start(t, ro, f)
	if m.keys.New.Enabled() || m.keys.Edit.Enabled() || m.keys.Deactivate.Enabled() || m.keys.Activate.Enabled() {
		t.Fatal("write keys enabled in a read-only session")
	}
	k.Press("n", "e", "d", "a")
	if k.Top() != ui.Screen(m) || len(f.calls) != 1 {
		t.Errorf("a write key acted in a read-only session: top %T, calls %v", k.Top(), f.calls)
	}
	k.Run(m.openForm(nil))
	if !strings.Contains(k.LastToast(), "read-only") {
		t.Errorf("openForm not guarded: %q", k.LastToast())
	}
}

func TestDeactivateAsksThenReloadsOnTheSameRow(t *testing.T) {
	f := &fakeAPI{devices: sampleDevices()}
	k, m := start(t, uitest.NewCommon(nil), f)
	k.Press("down", "d")
	k.MustShow("Deactivate device db-prod-01?")
	k.Press("y")
	d, _ := m.list.Focused()
	if strings.Join(f.calls, ",") != "list,deactivate 2,list" || d.Hostname != "db-prod-01" || d.IsActive() {
		t.Fatalf("calls %v, cursor on %s (active %v)", f.calls, d.Hostname, d.IsActive())
	}
	if !strings.Contains(k.LastToast(), "Deactivated device db-prod-01") {
		t.Fatalf("toast %q", k.LastToast())
	}
}

// Drift bug (issue 12): a failed load showed the error and, in the empty
// table, "No devices yet — press n to add one".
func TestFailedLoadShowsTheErrorNotTheAddHint(t *testing.T) {
	k, _ := start(t, uitest.NewCommon(nil), &fakeAPI{listErr: errors.New("connection refused")})
	k.MustShow("connection refused", "Could not load the devices — ctrl+r retries")
	if k.Shows("press n") {
		t.Fatalf("a failed load offers to add a device:\n%s", k.View())
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
		s := newForm(uitest.NewCommon(nil), nil, 80, nil)
		if got := s.Form.ErrorsFromAPI(tc.err); got != tc.field || s.Form.GeneralError() != "" {
			t.Errorf("%v: field %q general %q, want field %s", tc.err, got, s.Form.GeneralError(), tc.field)
		}
	}
	s := newForm(uitest.NewCommon(nil), nil, 80, nil)
	if s.Form.ErrorsFromAPI(&client.APIError{StatusCode: 500, Message: "Unexpected error."}); s.Form.GeneralError() == "" {
		t.Error("an error naming no field should go on the general line")
	}
}

// Issue 17 §5: the console's form sent 300.1.2.3, 999.999.1.1 and
// "not an ip!" as IPs; it now runs the server's check before sending.
func TestFormRefusesAnIPThatIsNeitherAddressNorHostName(t *testing.T) {
	for _, ip := range []string{"300.1.2.3", "999.999.1.1", "not an ip!"} {
		s := newForm(uitest.NewCommon(nil), nil, 80, nil)
		s.Form.SetValue(fieldIP, ip)
		s.Form.Validate()
		if msg := s.Form.Errors()[fieldIP]; !strings.Contains(msg, "address or a host name") {
			t.Errorf("IP %q: error %q", ip, msg)
		}
	}
	for _, ip := range []string{"10.0.0.1", "2001:db8::1", "mail.google.com"} {
		s := newForm(uitest.NewCommon(nil), nil, 80, nil)
		s.Form.SetValue(fieldIP, ip)
		s.Form.Validate()
		if msg := s.Form.Errors()[fieldIP]; msg != "" {
			t.Errorf("IP %q refused: %q", ip, msg)
		}
	}
}

// d and a where they do not apply say why instead of doing nothing (issue 13 §4).
func TestKeysThatDoNotApplySayWhy(t *testing.T) {
	f := &fakeAPI{devices: sampleDevices()}
	k, _ := start(t, uitest.NewCommon(nil), f)
	k.Press("a")
	if !strings.Contains(k.LastToast(), "web01.corp.example is already active") {
		t.Fatalf("a on an active device: toast %q", k.LastToast())
	}
	k.Press("down", "down", "d")
	if !strings.Contains(k.LastToast(), "fw-edge-1 is already inactive") {
		t.Fatalf("d on an inactive device: toast %q", k.LastToast())
	}
	if len(f.calls) != 1 {
		t.Fatalf("a key that does not apply sent %v", f.calls)
	}
}

// Issue 15 (tester): ? help lists the keys that apply only in some states
// with when they apply — for a writer; a read-only session sees none.
func TestHelpSaysWhenDeviceKeysApply(t *testing.T) {
	k, _ := start(t, uitest.NewCommon(nil), &fakeAPI{devices: sampleDevices()})
	k.Press("f1")
	if !k.Shows("(on an inactive device)") && !k.Shows("(on an active device)") {
		t.Fatalf("help lacks the state of a/d:\n%s", k.View())
	}
	ro := uitest.NewCommon(nil)
	ro.ReadOnly = true
	k, _ = start(t, ro, &fakeAPI{devices: sampleDevices()})
	k.Press("f1")
	if k.Shows("deactivate") || k.Shows("activate (") {
		t.Fatalf("a read-only session is offered write keys:\n%s", k.View())
	}
}
