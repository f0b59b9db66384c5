package unitext

import (
	"strings"
	"testing"
)

// Issue 17 §5: 2026-02-30 was told "must be a date as YYYY-MM-DD" although
// it is in that form.
func TestParseDaySaysWhichDayDoesNotExist(t *testing.T) {
	for in, want := range map[string]string{
		"2026-02-30": "2026-02-30 does not exist: February 2026 has 28 days",
		"2024-02-30": "February 2024 has 29 days",
		"2026-04-31": "April 2026 has 30 days",
		"2026-13-01": "there is no month 13",
		"30.02.2026": "must be a date as YYYY-MM-DD",
	} {
		if _, err := ParseDay(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDay(%q) = %v, want %q", in, err, want)
		}
	}
	if d, err := ParseDay(" 2026-12-01 "); err != nil || d.Format(DayLayout) != "2026-12-01" {
		t.Errorf("spaces around a date: %v %v", d, err)
	}
}
