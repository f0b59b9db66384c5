package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/vendorfake"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// Issue 14 §1: the console against a fake senhasegura answering only with
// the vendor-shaped fixtures of client/testdata/vendor — an opaque token,
// devices without "active", device_domain, zoneless times. The console
// opens (it used to exit 1 on a token that is not a JWT), devices show
// active (they were dimmed and offered Activate), and an edited device's
// domain reaches the server as device_domain (it was sent as "domain",
// which a real server ignores).
func TestConsoleAgainstVendorFixtures(t *testing.T) {
	f := vendorfake.Start(t, "client/testdata/vendor", nil)
	c, err := client.New(f.URL, "a2a-client-id", "a2a-secret")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkConnection(context.Background(), c, f.URL, "vendor"); err != nil {
		t.Fatalf("the console must open with an opaque token: %v", err)
	}
	k := uitest.NewTabs(t, consoleTabs(), uitest.WithClient(c), uitest.WithSize(140, 30))
	k.Press("3") // Devices
	k.MustShow("w2016", "srv-api-01")
	for _, line := range strings.Split(k.View(), "\n") {
		if strings.Contains(line, "w2016") && !strings.Contains(line, "yes") {
			t.Fatalf("a device without active must show as active: %q", line)
		}
	}
	k.Press("down", "e")
	k.MustShow("Edit w2016", "testlab.com") // the form reads GET device/14: the list items have no domain
	for range 6 {                           // Hostname, IP, Type, Vendor, Model, Site → Domain
		k.Press("tab")
	}
	k.Press("ctrl+u")
	k.Type("demo.lab.com")
	k.Press("ctrl+s")
	var sent map[string]any
	for _, r := range f.Requests() {
		if r.Method == "POST" && r.Path == "/iso/pam/device" {
			json.Unmarshal(r.Body, &sent)
		}
	}
	if sent == nil || sent["device_domain"] != "demo.lab.com" || sent["domain"] != nil {
		t.Fatalf("the edited domain must reach the server as device_domain: %v (toast %q)", sent, k.LastToast())
	}
	k.Press("2") // Credentials: the zoneless change date is the server's date
	k.MustShow("2024-05-03")
}

// A refused token call says the server's reason, in the vendor's shape
// ({"error","message"}) or with only an error code; never "()".
func TestConsoleRefusalShowsTheServersReason(t *testing.T) {
	for fixture, want := range map[string]string{"token_error.json@401": "(Client authentication failed.)"} {
		f := vendorfake.Start(t, "client/testdata/vendor", map[string]string{"POST /iso/oauth2/token": fixture})
		c, _ := client.New(f.URL, "a2a-client-id", "wrong")
		err := checkConnection(context.Background(), c, f.URL, "vendor")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s: %v, want %s", fixture, err, want)
		}
	}
	if got := refusalReason(&client.APIError{StatusCode: 401, OAuth: "invalid_client"}); got != "invalid_client" {
		t.Fatalf("only an error code: %q", got)
	}
	if got := refusalReason(&client.APIError{StatusCode: 401}); got != "Unauthorized" {
		t.Fatalf("no body: %q", got)
	}
}

// Protected information against a server that cannot list (the vendor has
// no GET info): the screen says so, o opens item 28 by id, r reveals its
// content.
func TestConsoleOpensProtectedInformationByIDOnTheVendor(t *testing.T) {
	f := vendorfake.Start(t, "client/testdata/vendor", nil)
	c, err := client.New(f.URL, "a2a-client-id", "a2a-secret")
	if err != nil {
		t.Fatal(err)
	}
	k := uitest.NewTabs(t, consoleTabs(), uitest.WithClient(c), uitest.WithSize(140, 30))
	k.Press("5")
	k.Press("o")
	k.Type("28")
	k.Press("enter")
	k.MustShow("Access credential")
	if k.Shows("Office-5G") {
		t.Fatal("the content shows before r")
	}
	k.Press("r")
	k.MustShow("Office-5G")
}
