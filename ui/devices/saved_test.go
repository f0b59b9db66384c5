package devices

import (
	"context"
	"fmt"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// An edit saved from the list updates its one row in place from the
// upsert reply and the cursor stays on it: no reload (a device added on
// the server meanwhile does not appear).
func TestEditSaveKeepsCursorWithoutReload(t *testing.T) {
	env := testserver.Start(t)
	bg := context.Background()
	upsert := func(host, ip string) {
		t.Helper()
		if _, err := env.Client.Devices.Upsert(bg, client.DeviceUpsert{Hostname: host, IP: ip,
			Type: "Server", Vendor: "Debian", Model: "Debian 12", Site: "DC1"}); err != nil {
			t.Fatal(err)
		}
	}
	const n = 40
	for i := range n {
		upsert(fmt.Sprintf("host-%03d", i), fmt.Sprintf("10.0.0.%d", i+1))
	}
	k := uitest.New(t, ui.Tab{Name: "Devices", New: New}, uitest.WithClient(env.Client), uitest.WithSize(120, 30))
	k.MustShow("host-0")
	m := k.Top().(*Model)
	if m.list.Len() != n {
		t.Fatalf("%d devices listed", m.list.Len())
	}
	k.Press("G", "k", "k")
	before, ok := m.list.Focused()
	if !ok {
		t.Fatal("no focused device")
	}
	upsert("added-meanwhile", "10.9.9.9")
	k.Press("e")
	k.MustShow("Devices › Edit " + before.Hostname)
	f := k.Top().(*form.SaveScreen[upsertResult])
	f.Form.FocusField(fieldIP)
	k.Press("ctrl+u")
	k.Type("10.7.7.7")
	k.Press("ctrl+s")
	if k.Top() != ui.Screen(m) {
		t.Fatalf("the form did not close: %s", k.LastToast())
	}
	got, ok := m.list.Focused()
	if !ok || got.ID != before.ID || got.IP != "10.7.7.7" || got.Hostname != before.Hostname || !got.IsActive() {
		t.Errorf("cursor on %+v, want device %s with IP 10.7.7.7", got, before.ID)
	}
	if m.list.Len() != n || k.Shows("added-meanwhile") {
		t.Errorf("%d devices: the save reloaded the list", m.list.Len())
	}
}
