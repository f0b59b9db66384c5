package credentials

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unsafe"

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
	conv := cv.rows(append(api.Credentials, iso.Credentials...), nil)
	var rows [][]string
	var keys []string
	for _, r := range conv {
		rows, keys = append(rows, r.cells()), append(keys, r.id())
	}
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

// Issue 18: a million credentials in the console must stay under 1 KB
// each. A row is its record, one string and the offsets into it (it held
// 13 cells, 208 bytes of string headers before their contents), and a
// batch's text is one allocation, not a dozen per row.
func TestRowsAreCompact(t *testing.T) {
	if size := unsafe.Sizeof(row{}); size > 96 {
		t.Errorf("a row is %d bytes", size)
	}
	cv := newConverter(testNow, nil)
	batch := fakeCreds(nextBatch)
	out := make([]row, 0, len(batch))
	allocs := testing.AllocsPerRun(5, func() { out = cv.rows(batch, out[:0]) })
	if allocs > 4 {
		t.Errorf("converting a batch of %d allocates %v times", len(batch), allocs)
	}
	for i, r := range out {
		if r.id() != string(batch[i].ID) || r.field(fUsername) != batch[i].Username {
			t.Fatalf("row %d: id %q username %q", i, r.id(), r.field(fUsername))
		}
	}
}

// The dates a converter writes from its cache are those time.Format writes,
// in the display zone, around midnight and before 1970 too.
func TestDatesFromTheCacheAreTheFormattedOnes(t *testing.T) {
	zone := time.FixedZone("UTC-3", -3*3600)
	cv := newConverter(testNow.In(zone), nil)
	base := time.Date(2026, 3, 10, 2, 59, 0, 0, time.UTC) // 23:59 the day before in UTC-3
	for _, at := range []time.Time{base, base.Add(2 * time.Minute), base.Add(24 * time.Hour),
		time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 23, 30, 0, 0, time.UTC)} {
		for range 2 { // written, then from the cache
			var c client.Credential
			c.Change.Time = at
			if got, want := cv.row(&c).cell(colChange), at.In(zone).Format(dateLayout); got != want {
				t.Errorf("%v: %q, want %q", at, got, want)
			}
		}
	}
}
