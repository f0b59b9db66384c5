package clientcreds

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
)

// usageFixtures are fixtures() with uses: Grafana used today, CI deployer
// 12 days ago, Old backup job 200 days ago; every credential created a
// year ago (so never used means unused for a year).
func usageFixtures() []client.ClientCredential {
	creds := fixtures()
	at := func(d time.Time) *time.Time { return &d }
	for i := range creds {
		creds[i].CreatedAt = day(-365)
		switch creds[i].Name {
		case "Grafana reader":
			creds[i].LastUsedAt, creds[i].LastTokenAt, creds[i].TokensIssued = at(now.Add(-time.Hour)), at(now.Add(-2*time.Hour)), 7
		case "CI deployer":
			creds[i].LastUsedAt = at(day(-12))
		case "Old backup job":
			creds[i].LastUsedAt = at(day(-200))
		}
	}
	return creds
}

func visibleNames(m *Model) []string {
	var out []string
	for _, cc := range m.list.Visible() {
		out = append(out, cc.Name)
	}
	return out
}

func TestLastUsedColumnAndDetail(t *testing.T) {
	h, m, _ := loadedScreen(t, testCommon(), usageFixtures())
	want := map[string]string{"Grafana reader": "today", "CI deployer": "12d ago", "Old backup job": "200d ago", "Next quarter audit": "never"}
	for _, cc := range m.Creds() {
		if w, ok := want[cc.Name]; ok {
			if got := cells(m.c, cc, now)[colLastUsed]; got != w {
				t.Errorf("%s: Last used %q, want %q", cc.Name, got, w)
			}
		}
	}
	cursorTo(t, m, "Grafana reader")
	h.keys("enter")
	view := h.top().View()
	for _, w := range []string{"Last token", "(2h 0m ago), 7 tokens issued", "Last used", "(1h 0m ago)"} {
		if !strings.Contains(view, w) {
			t.Errorf("detail lacks %q:\n%s", w, view)
		}
	}
}

func TestHeaderCountsAndPresets(t *testing.T) {
	h, m, _ := loadedScreen(t, testCommon(), usageFixtures())
	if head := m.header(); !strings.Contains(head, "1 expired") || !strings.Contains(head, "1 expire within 30 days") ||
		!strings.Contains(head, "4 unused 90d+") {
		t.Fatalf("header: %q", head)
	}
	h.keys("x")
	if got := strings.Join(visibleNames(m), ","); got != "CI deployer,Old backup job" {
		t.Fatalf("x shows %q", got)
	}
	if !strings.Contains(m.list.InfoLine(), "expired or expiring") || !strings.Contains(m.list.InfoLine(), "2 of 6") {
		t.Fatalf("info line: %q", m.list.InfoLine())
	}
	h.keys("X") // as on Credentials (where x releases custody)
	if len(m.list.Visible()) != 6 {
		t.Fatalf("X again shows all: %v", visibleNames(m))
	}
	h.keys("u")
	if got := strings.Join(visibleNames(m), ","); got != "Default Client Credential,mo-ssh-microservice-communication-key,Old backup job,Next quarter audit" {
		t.Fatalf("u shows %q", got)
	}
	m.c.UnusedDays = 10
	h.keys("u", "u")
	if got := len(m.list.Visible()); got != 5 || strings.Contains(m.list.InfoLine(), "90") {
		t.Fatalf("unused ≥ 10d: %d rows, %q", got, m.list.InfoLine())
	}
}

func TestSortByValidTillAndLastUsed(t *testing.T) {
	h, m, _ := loadedScreen(t, testCommon(), usageFixtures())
	h.keys("o", "o")
	if got := visibleNames(m); got[0] != "Old backup job" || got[1] != "CI deployer" || !strings.Contains(m.list.InfoLine(), "Valid Till ↑") {
		t.Fatalf("valid till order: %v %q", got, m.list.InfoLine())
	}
	h.keys("o", "O")
	if got := visibleNames(m); got[0] != "Grafana reader" || got[1] != "CI deployer" {
		t.Fatalf("last used, latest first: %v", got)
	}
}

func TestBulkExtendConfirmsThenReportsPerRow(t *testing.T) {
	h, m, f := loadedScreen(t, testCommon(), usageFixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("space")
	cursorTo(t, m, "Old backup job")
	h.keys("space")
	cursorTo(t, m, "Grafana reader")
	h.keys("space")
	f.creds[f.find(6)].Version = 9 // someone else edited Grafana reader meanwhile
	h.keys("x")                    // the filter now hides Grafana reader
	h.keys("V")
	if _, ok := h.top().(*extendScreen); !ok {
		t.Fatalf("V opens the new Valid Till: top = %T", h.top())
	}
	for range 10 {
		h.keys("backspace")
	}
	h.typeText("2030-06-30")
	h.keys("enter")
	q := confirmText(t, h.top())
	for _, w := range []string{"Set Valid Till to 2030-06-30 for 3 marked client credentials?", "1 of them is hidden by the filter"} {
		if !strings.Contains(q, w) {
			t.Errorf("confirmation lacks %q: %s", w, q)
		}
	}
	if f.callCount("bulk-update") != 0 {
		t.Fatal("sent before the confirmation")
	}
	h.keys("y")
	rep, ok := h.top().(*reportScreen)
	if !ok {
		t.Fatalf("top = %T, want the report", h.top())
	}
	view := rep.View()
	for _, w := range []string{"2 extended, 1 changed by someone else, 0 refused, 0 not found", "valid till 2030-06-30", "conflict"} {
		if !strings.Contains(view, w) {
			t.Errorf("report lacks %q:\n%s", w, view)
		}
	}
	h.keys("esc")
	for _, cc := range m.Creds() {
		if cc.Name == "CI deployer" && date(cc.ValidTill) != "2030-06-30" {
			t.Errorf("the row shows the new Valid Till without a reload: %s", date(cc.ValidTill))
		}
	}
}

func TestBulkExtendRefusesAPastDateBeforeAsking(t *testing.T) {
	h, m, f := loadedScreen(t, testCommon(), usageFixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("space", "V")
	for range 10 {
		h.keys("backspace")
	}
	h.typeText("2001-01-01")
	h.keys("enter")
	if _, ok := h.top().(*extendScreen); !ok || !strings.Contains(h.top().View(), "in the past") || f.callCount("bulk-update") != 0 {
		t.Fatalf("a past date stays on the form with why: %T\n%s", h.top(), h.top().View())
	}
}

func TestExportWritesTheRowsShownToCSV(t *testing.T) {
	c := testCommon()
	c.ExportDir = t.TempDir()
	h, m, _ := loadedScreen(t, c, usageFixtures())
	h.keys("x", "E")
	files, _ := filepath.Glob(filepath.Join(c.ExportDir, "pamconsole-client-credentials-*.csv"))
	if len(files) != 1 {
		t.Fatalf("E wrote %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "Client Name,Valid Till") || !strings.HasPrefix(lines[1], "CI deployer,") ||
		!strings.Contains(lines[2], "Old backup job") || !strings.Contains(string(b), client.MaskedSecret) {
		t.Fatalf("the two rows x shows, as on screen:\n%s", b)
	}
	if toast := h.lastToast(); !strings.Contains(toast.Text, "Wrote 2 client credentials to "+files[0]) {
		t.Fatalf("the toast says where: %+v", toast)
	}
	if st, _ := os.Stat(files[0]); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode())
	}
	if !m.keys.list.Export.Enabled() {
		t.Fatal("E is not offered in a local session")
	}
}

func TestExportIsNotOfferedWithoutALocalDirectory(t *testing.T) {
	h, m, _ := loadedScreen(t, testCommon(), usageFixtures()) // ExportDir "": an SSH session
	if m.keys.list.Export.Enabled() {
		t.Fatal("E is offered (help would show it) without a local directory")
	}
	h.keys("E")
	if toast := h.lastToast(); toast.Text != "" {
		t.Fatalf("E did something: %+v", toast)
	}
}

// A Valid Till in the right form that names no day says so (it said "use
// YYYY-MM-DD" to a tester who had typed 2026-02-30); it is not sent.
func TestBulkExtendNamesADayThatDoesNotExist(t *testing.T) {
	h, m, f := loadedScreen(t, testCommon(), usageFixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("space", "V")
	for range 10 {
		h.keys("backspace")
	}
	h.typeText("2030-02-30")
	h.keys("enter")
	if _, ok := h.top().(*extendScreen); !ok || !strings.Contains(h.top().View(), "does not exist") || f.callCount("bulk-update") != 0 {
		t.Fatalf("a day that does not exist stays on the form with why: %T\n%s", h.top(), h.top().View())
	}
}
