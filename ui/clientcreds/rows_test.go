package clientcreds

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/uitest"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

func TestStatusText(t *testing.T) {
	want := map[int64]string{
		1: "active",
		2: "protected",
		3: "expires in 3d",
		4: "expired",
		5: "not yet valid",
		6: "active",
	}
	for _, cc := range fixtures() {
		if got := statusText(cc, now); got != want[cc.ID] {
			t.Errorf("%s: status %q, want %q", cc.Name, got, want[cc.ID])
		}
	}
}

func TestStatusBoundaries(t *testing.T) {
	cc := client.ClientCredential{ValidFrom: now.Add(-time.Hour), ValidTill: now.Add(7 * 24 * time.Hour)}
	if got := statusText(cc, now); got != "expires in 7d" {
		t.Errorf("exactly 7 days left: %q", got)
	}
	cc.ValidTill = now.Add(7*24*time.Hour + time.Minute)
	if got := statusText(cc, now); got != "active" {
		t.Errorf("just over 7 days: %q", got)
	}
	cc.ValidTill = now.Add(90 * time.Minute)
	if got := statusText(cc, now); got != "expires in 2h" {
		t.Errorf("under a day: %q", got)
	}
	cc.ValidTill = now
	if got := statusText(cc, now); got != "expired" {
		t.Errorf("at Valid Till: %q", got)
	}
	cc.ValidFrom = now.Add(time.Second)
	cc.ValidTill = now.Add(time.Hour)
	if got := statusText(cc, now); got != "not yet valid" {
		t.Errorf("before Valid From: %q", got)
	}
}

func TestCellsMaskSecretsAndPresentClientIDs(t *testing.T) {
	c := uitest.NewCommon(nil)
	f := fixtures()
	if row := cells(c, f[0], now); row[colSecret] != client.MaskedSecret || keyOf(f[0].ID) != "1" {
		t.Fatalf("row 0 = %v", row)
	}
	if row := cells(c, f[2], now); row[colValidTill] != "2026-03-17" || row[colValidFrom] != "2026-03-04" {
		t.Fatalf("dates = %s %s", row[colValidTill], row[colValidFrom])
	}
	c.Presentation = true
	if got := cells(c, f[0], now)[colClientID]; got != "cc_de••••" || strings.Contains(got, "default0") {
		t.Fatalf("presentation client id = %q", got)
	}
}

func TestCountdown(t *testing.T) {
	f := fixtures()
	if got := countdown(f[2], now); got != "expires in 2d 23h" {
		t.Errorf("countdown = %q", got)
	}
	if got := countdown(f[3], now); got != "expired 2d 0h ago" {
		t.Errorf("countdown = %q", got)
	}
	if got := countdown(f[4], now); got != "becomes valid in 20d 0h" {
		t.Errorf("countdown = %q", got)
	}
}

// Issue 17 §5: valid_till 9999-12-31 showed "expires in 106751d 23h", the
// time.Duration limit, not the truth.
func TestCountdownBeyondTheDurationLimit(t *testing.T) {
	far := client.ClientCredential{ValidFrom: now.AddDate(-1, 0, 0), ValidTill: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)}
	if got := countdown(far, now); got != "expires in > 100 years" {
		t.Errorf("countdown to 9999-12-31 = %q", got)
	}
	old := client.ClientCredential{ValidFrom: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), ValidTill: time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC)}
	if got := countdown(old, now); got != "expired > 100 years ago" {
		t.Errorf("countdown since year 1 = %q", got)
	}
}

func TestInputFromKeepsUntouchedInstants(t *testing.T) {
	orig := client.ClientCredential{Name: "x", Version: 7,
		ValidFrom: time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC), ValidTill: time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC)}
	f := form.New(uitest.NewCommon(nil), credentialFields(" renamed ", "2026-01-02", "2027-01-31"))
	in := inputFrom(f, &orig)
	if in.Name != "renamed" || in.Version != 7 {
		t.Fatalf("input = %+v", in)
	}
	if in.ValidFrom != "2026-01-02T10:00:00Z" {
		t.Errorf("untouched Valid From should keep its instant, got %s", in.ValidFrom)
	}
	if in.ValidTill != "2027-01-31" {
		t.Errorf("edited Valid Till should be sent as typed, got %s", in.ValidTill)
	}
}

func TestValidateCredentialFromAfterTill(t *testing.T) {
	f := form.New(uitest.NewCommon(nil), credentialFields("n", "2026-05-01", "2026-04-30"))
	if validateCredential(&f) {
		t.Fatal("from after till passed")
	}
	if f.Errors()[fieldValidTill] == "" {
		t.Fatalf("errors = %v", f.Errors())
	}
	f.SetValue(fieldValidTill, "2026-05-01")
	if !validateCredential(&f) {
		t.Fatalf("from == till should pass: %v", f.Errors())
	}
}

// Before the first answer the header has no count: "0 client credentials"
// would be a claim about the server that nobody has made yet.
func TestNoCountBeforeTheFirstLoad(t *testing.T) {
	m := New(uitest.NewCommon(nil)).(*Model)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	v := m.View()
	if strings.Contains(v, "0 client credentials") || !strings.Contains(v, "Loading client credentials") {
		t.Fatalf("before the first load:\n%s", v)
	}
}
