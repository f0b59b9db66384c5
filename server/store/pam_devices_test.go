package store

import (
	"strconv"
	"testing"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// Store tests of the PAM Core device code: upsert by hostname, per-field
// codes, lookups, activation, list paging and search.

// dev is a complete device upsert for hostname.
func dev(hostname string) DeviceInput {
	return DeviceInput{Hostname: hostname, IP: "10.1.0.1", Type: "Server", Vendor: "Debian", Model: "12", Site: "lab"}
}

func mustDevice(t *testing.T, st *Store, in DeviceInput) (Device, DeviceChange) {
	t.Helper()
	d, ch, err := st.UpsertDevice(ctxBG, tester, in)
	if err != nil {
		t.Fatalf("upsert device %+v: %v", in, err)
	}
	return d, ch
}

// Upsert by hostname: create, update of the fields sent (empty keeps),
// and an unchanged re-run that writes and audits nothing.
func TestDeviceUpsert(t *testing.T) {
	st, _ := openTemp(t)
	d, ch := mustDevice(t, st, dev("srv01"))
	if !ch.Created || !ch.Changed || d.ID == 0 || !d.Active {
		t.Fatalf("create: %+v %+v", d, ch)
	}
	in := DeviceInput{Hostname: "srv01", IP: "10.1.0.2", Tags: "prod", Domain: "corp.example",
		Connectivities: "SSH:22, HTTPS:443", Type: "Server", Vendor: "Debian", Model: "12", Site: "lab"}
	d2, ch := mustDevice(t, st, in)
	if ch.Created || !ch.Changed || d2.ID != d.ID || d2.IP != "10.1.0.2" || d2.Tags != "prod" || d2.Domain != "corp.example" {
		t.Fatalf("update: %+v %+v", d2, ch)
	}
	before := auditCount(t, st)
	if _, ch := mustDevice(t, st, in); ch.Changed || ch.Created {
		t.Fatalf("same values: %+v", ch)
	}
	if auditCount(t, st) != before {
		t.Fatal("an unchanged device upsert was audited")
	}
	got, err := st.DeviceByRef(ctxBG, "srv01")
	if err != nil || got.IP != "10.1.0.2" || got.Connectivities != "SSH:22, HTTPS:443" || got.Site != "lab" {
		t.Fatalf("by hostname: %+v %v", got, err)
	}
	if got, err := st.DeviceByRef(ctxBG, strconv.FormatInt(d.ID, 10)); err != nil || got.Hostname != "srv01" {
		t.Fatalf("by id: %+v %v", got, err)
	}
}

// A missing field is the vendor's code for that field (PAMCORE-VENDOR.md §2.5).
func TestDeviceUpsertCodes(t *testing.T) {
	st, _ := openTemp(t)
	cases := []struct {
		field string
		clear func(*DeviceInput)
		code  pamcode.Code
	}{
		{"hostname", func(in *DeviceInput) { in.Hostname = "" }, pamcode.HostnameMissing},
		{"ip", func(in *DeviceInput) { in.IP = " " }, pamcode.IPMissing},
		{"site", func(in *DeviceInput) { in.Site = "" }, pamcode.SiteMissing},
		{"model", func(in *DeviceInput) { in.Model = "" }, pamcode.ModelMissing},
		{"vendor", func(in *DeviceInput) { in.Vendor = "" }, pamcode.VendorMissing},
		{"type", func(in *DeviceInput) { in.Type = "" }, pamcode.TypeMissing},
		{"device_domain", func(in *DeviceInput) { in.Domain = "unknown.example" }, pamcode.DomainUnknown},
	}
	for _, c := range cases {
		in := dev("codes01")
		c.clear(&in)
		_, _, err := st.UpsertDevice(ctxBG, tester, in)
		wantCode(t, "missing "+c.field, err, KindInvalid, c.code)
		if e := err.(*Error); e.Field != c.field || e.Msg != c.code.Text() {
			t.Errorf("%s: field %q message %q", c.field, e.Field, e.Msg)
		}
	}
	if _, n, _ := st.ListDevices(ctxBG, DeviceFilter{}); n != 0 {
		t.Fatalf("refused upserts stored %d devices", n)
	}
}

// Unknown devices are 1011 (a 400 under PAM Core, not a 404).
func TestDeviceNotFound(t *testing.T) {
	st, _ := openTemp(t)
	for _, ref := range []string{"", "ghost", "42"} {
		_, err := st.DeviceByRef(ctxBG, ref)
		wantCode(t, "ref "+ref, err, KindNotFound, pamcode.DeviceNotFound)
		_, err = st.SetDeviceActive(ctxBG, tester, ref, false)
		wantCode(t, "deactivate "+ref, err, KindNotFound, pamcode.DeviceNotFound)
	}
}

// Deactivate, refuse the same state twice (1044 for an active device),
// activate; each change audited.
func TestDeviceActivation(t *testing.T) {
	st, _ := openTemp(t)
	mustDevice(t, st, dev("act01"))
	_, err := st.SetDeviceActive(ctxBG, tester, "act01", true)
	wantCode(t, "activate an active device", err, KindInvalid, pamcode.DeviceAlreadyActive)
	before := auditCount(t, st)
	if d, err := st.SetDeviceActive(ctxBG, tester, "act01", false); err != nil || d.Active {
		t.Fatalf("deactivate: %+v %v", d, err)
	}
	_, err = st.SetDeviceActive(ctxBG, tester, "act01", false)
	wantKind(t, "deactivate twice", err, KindInvalid)
	if d, err := st.SetDeviceActive(ctxBG, tester, "act01", true); err != nil || !d.Active {
		t.Fatalf("activate: %+v %v", d, err)
	}
	if n := auditCount(t, st) - before; n != 2 {
		t.Fatalf("%d audit rows for two changes", n)
	}
}

// A credential upsert creates its device when the hostname is new and
// updates the sent device fields of an existing one.
func TestCredentialUpsertEnsuresDevice(t *testing.T) {
	st, _ := openTemp(t)
	in := cred("on-new-dev", "svc", "newdev01")
	in.Device.Vendor = "Cisco"
	r := mustUpsert(t, st, in)
	d, err := st.DeviceByRef(ctxBG, "newdev01")
	if err != nil || d.Vendor != "Cisco" || d.IP != "10.0.0.1" {
		t.Fatalf("device created by the upsert: %+v %v", d, err)
	}
	in = cred("on-new-dev", "svc", "newdev01")
	in.Device.Model = "ASA"
	if r2 := mustUpsert(t, st, in); r2.ID != r.ID || !r2.Changed {
		t.Fatalf("device field change: %+v", r2)
	}
	if d, _ := st.DeviceByRef(ctxBG, "newdev01"); d.Model != "ASA" || d.Vendor != "Cisco" {
		t.Fatalf("device after update: %+v", d)
	}
}

// ListDevices: id order, total before paging, search over the listed
// columns with LIKE wildcards taken literally, bounds checked.
func TestListDevicesPagingAndSearch(t *testing.T) {
	st, _ := openTemp(t)
	for i := range 7 {
		in := dev("host" + strconv.Itoa(i))
		if i == 3 {
			in.Vendor = "Vendor_50%"
		}
		mustDevice(t, st, in)
	}
	page, total, err := st.ListDevices(ctxBG, DeviceFilter{Limit: 3, Offset: 2})
	if err != nil || total != 7 || len(page) != 3 || page[0].Hostname != "host2" || page[2].Hostname != "host4" {
		t.Fatalf("page: %d %v %+v", total, err, page)
	}
	if all, _, _ := st.ListDevices(ctxBG, DeviceFilter{}); len(all) != 7 {
		t.Fatalf("limit 0 gave %d devices, want all 7", len(all))
	}
	if past, total, _ := st.ListDevices(ctxBG, DeviceFilter{Offset: 50}); len(past) != 0 || total != 7 {
		t.Fatalf("offset past the end: %d rows, total %d", len(past), total)
	}
	for search, want := range map[string]int{"host": 7, "HOST5": 1, "_50%": 1, "50%": 1, "%": 1, "_": 1, "debian": 6, "10.1.0": 7, "nothing": 0} {
		rows, n, err := st.ListDevices(ctxBG, DeviceFilter{Search: search})
		if err != nil || n != want || len(rows) != want {
			t.Errorf("search %q: %d rows, total %d, want %d (%v)", search, len(rows), n, want, err)
		}
	}
	_, _, err = st.ListDevices(ctxBG, DeviceFilter{Limit: -1})
	wantKind(t, "negative limit", err, KindInvalid)
}
