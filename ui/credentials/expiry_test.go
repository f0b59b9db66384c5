package credentials

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestExpirySummaryAndPreset: the legend counts the expired and expiring
// credentials, X shows exactly those (and the info line names it), X again
// shows every row.
func TestExpirySummaryAndPreset(t *testing.T) {
	h, m := loadedHarness(t, 40)
	limit := testNow.Add(expiryWindow)
	var wantExpired, wantSoon int
	for _, r := range m.cells() {
		exp, err := time.Parse(dateLayout, r[colExpiration])
		if err != nil || r[colFlag] == flagInactive {
			continue
		}
		switch {
		case r[colFlag] == flagExpired:
			wantExpired++
		case exp.Before(limit):
			wantSoon++
		}
	}
	if wantExpired == 0 || wantSoon == 0 {
		t.Fatalf("fixtures without expired (%d) or expiring (%d) rows prove nothing", wantExpired, wantSoon)
	}
	want := fmt.Sprintf("%d expired · %d expire within 30 days (X)", wantExpired, wantSoon)
	if !strings.Contains(h.View(), want) {
		t.Fatalf("legend lacks %q:\n%s", want, h.View())
	}
	h.key("X")
	shown := m.list.Visible()
	if len(shown) != wantExpired+wantSoon || !strings.Contains(m.list.InfoLine(), presetExpiring) {
		t.Fatalf("X shows %d rows (want %d); info %q", len(shown), wantExpired+wantSoon, m.list.InfoLine())
	}
	for _, r := range shown {
		if r.cell(colFlag) == flagInactive || r.cell(colExpiration) == "" {
			t.Errorf("X shows %v", r.cells())
		}
	}
	h.key("X")
	if len(m.list.Visible()) != 40 {
		t.Fatalf("X again: %d rows", len(m.list.Visible()))
	}
}
