package credentials

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
)

// The /api/pam and /iso/pam shapes of seeds 003 and 004, as a real
// senhasegura sends them (ids as strings or numbers, automatic_change false
// or "0", null dates, both date forms, missing optional fields).
func decodeFixture(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestSeed003ShapesBecomeRows(t *testing.T) {
	cv := newConverter(testNow, nil)
	var api, iso client.CredentialList
	decodeFixture(t, "seed003_api.json", &api)
	decodeFixture(t, "seed003_iso.json", &iso)
	_, rows, keys := cv.convert(append(api.Credentials, iso.Credentials...), nil, nil, nil)
	want := [][]string{
		{flagExpired, "2", "018f3fe6-10e2-724d-9229-a6e9749fa88e", "[email protected]", "gmail.com", "mail.google.com",
			"Local User", "Google Gmail / Web Application", "2024-05-03", "2024-05-24", "2024-05-16", "no", ""},
		{" ", "39", "018fcedb-fbd5-70ff-9864-b81fcd00e410", "dleite", "w2016", "10.66.33.15",
			"SSH Key", "Microsoft Windows Server 2016 / Server", "2024-05-31", "", "", "no", ""},
		{" ", "1", "exampleuser01ws", "exampleuser01", "exampledevice01", "172.10.20.30",
			"Local User", "Example Vendor Example Product / Server", "2020-11-17", "", "", "no", ""},
		{flagSoon, "2", "exampleuser02ws", "exampleuser02", "exampledevice01", "172.10.20.30",
			"Local User", "Example Vendor Example Product / Server", "2020-11-17", "", "2026-03-12", "yes", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows", len(rows))
	}
	for i := range want {
		if fmt.Sprint(rows[i]) != fmt.Sprint(want[i]) {
			t.Errorf("row %d:\n got %q\nwant %q", i, rows[i], want[i])
		}
		if keys[i] != want[i][colID] {
			t.Errorf("key %d = %q", i, keys[i])
		}
	}
}

func TestSeed004DetailKeepsNoPassword(t *testing.T) {
	var reply client.CredentialReply
	decodeFixture(t, "seed004.json", &reply)
	d := &reply.Credential
	if password(d) != "secret@2504" {
		t.Fatalf("fixture password not decoded")
	}
	info := infoFrom(d)
	if dump := fmt.Sprintf("%#v", info); strings.Contains(dump, "secret@2504") {
		t.Fatalf("detailInfo holds the password: %s", dump)
	}
	if info.Identifier != "robot-test-5" || info.Port != "22" || info.Additional != "CREDADD01" ||
		info.Expiration.Format("2006-01-02 15:04") != "2021-01-16 17:31" || info.ParentCredential != "" {
		t.Errorf("info: %+v", info)
	}
	d.Password = ""
	if password(d) != "secret@2504" {
		t.Error("content is the password when password is empty")
	}
}

func TestDeviceLabelSkipsBlanks(t *testing.T) {
	for _, tc := range [][4]string{
		{"Google", "Gmail", "Web Application", "Google Gmail / Web Application"},
		{"", "", "Server", "Server"},
		{"Cisco", "", "", "Cisco"},
		{"", "", "", ""},
	} {
		if got := deviceLabel(tc[0], tc[1], tc[2]); got != tc[3] {
			t.Errorf("deviceLabel(%q,%q,%q) = %q", tc[0], tc[1], tc[2], got)
		}
	}
}
