package devices

import (
	"context"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// enter opens the detail of the focused device: every field, uncut, so a
// value the table cuts can be read (tester: enter did nothing).
func TestEnterShowsEveryFieldOfTheDevice(t *testing.T) {
	devs := sampleDevices()
	devs[0].Model = "Debian 12 bookworm with a model name far too long for its column WIDEMODEL"
	devs[0].Connectivities = "SSH:22"
	k, _ := start(t, uitest.NewCommon(nil), &fakeAPI{devices: devs})
	k.MustShow("web01.corp.example")
	if k.Shows("WIDEMODEL") {
		t.Fatal("the test needs a model the table cuts")
	}
	k.Press("enter")
	k.MustShow("Devices › web01.corp.example", "WIDEMODEL", "Frankfurt DC", "corp.example", "SSH:22", "10.0.0.11", "Active")
	k.Press("esc")
	k.MustShow("db-prod-01")
}

// n with the hostname of a loaded device (any case) asks before sending
// the upsert that would overwrite it; no sends nothing and keeps the form;
// yes updates it and the toast names the device.
func TestNewWithAnExistingHostnameAsksFirst(t *testing.T) {
	env := testserver.Start(t)
	if _, err := env.Client.Devices.Upsert(context.Background(), client.DeviceUpsert{Hostname: "web01", IP: "10.0.0.1",
		Type: "Server", Vendor: "Debian", Model: "Debian 12", Site: "DC1"}); err != nil {
		t.Fatal(err)
	}
	k := uitest.New(t, ui.Tab{Name: "Devices", New: New}, uitest.WithClient(env.Client), uitest.WithSize(120, 30))
	k.MustShow("web01")
	k.Press("n")
	for _, v := range []string{"WEB01", "10.9.9.9", "Server", "Debian", "Debian 12", "DC2"} {
		k.Type(v)
		k.Press("tab")
	}
	k.Press("ctrl+s")
	k.MustShow("A device “web01” exists", "update it?")
	k.Press("n")
	k.MustShow("Devices › New")
	if d, err := env.Client.Devices.Get(context.Background(), "web01"); err != nil || d.IP != "10.0.0.1" {
		t.Fatalf("no must send nothing: %v %+v", err, d)
	}
	k.Press("ctrl+s")
	k.MustShow("update it?")
	k.Press("y")
	if d, err := env.Client.Devices.Get(context.Background(), "web01"); err != nil || d.IP != "10.9.9.9" {
		t.Fatalf("yes must update the device: %v %+v (toast %q)", err, d, k.LastToast())
	}
	if !strings.Contains(strings.ToLower(k.LastToast()), "web01") {
		t.Fatalf("the success toast must name the device: %q", k.LastToast())
	}
}
