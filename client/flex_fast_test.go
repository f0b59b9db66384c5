package client

import (
	"testing"
	"time"
)

// checkParseDateFast compares parseDateFast with time.ParseInLocation of
// the layout the text has: the same time and zone offset when the fast
// path takes it, and never a time where ParseInLocation refuses.
func checkParseDateFast(t *testing.T, s string) {
	t.Helper()
	got, ok := parseDateFast([]byte(s), Zoneless)
	if !ok {
		return
	}
	layout := "2006-01-02 15:04:05"
	switch {
	case len(s) == 20:
		layout = time.RFC3339
	case s[10] == 'T':
		layout = "2006-01-02T15:04:05"
	}
	want, err := time.ParseInLocation(layout, s, Zoneless)
	_, gotOff := got.Zone()
	_, wantOff := want.Zone()
	if err != nil || !got.Equal(want) || gotOff != wantOff || got.Location().String() != want.Location().String() {
		t.Fatalf("%q: fast %v, ParseInLocation %v (%v)", s, got, want, err)
	}
}

var dateCases = []string{
	"2024-05-03 16:19:53", "2024-05-03T16:19:53", "2027-01-01T10:00:00Z", "2024-02-29 00:00:00", "2023-02-29 00:00:00",
	"2024-13-01 00:00:00", "2024-00-10 00:00:00", "0000-00-00 00:00:00", "2024-05-03 24:00:00", "2024-05-03 23:60:00",
	"2024-05-03 23:59:60", "2024-04-31 12:00:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-05-03 1a:19:53",
	"2024/05/03 16:19:53", "2024-05-03T16:19:53+00:00", "2024-05-03T16:19:53.5Z", "+024-05-03 16:19:53",
}

func TestParseDateFastMatchesParseInLocation(t *testing.T) {
	taken := 0
	for _, s := range dateCases {
		checkParseDateFast(t, s)
		if _, ok := parseDateFast([]byte(s), Zoneless); ok {
			taken++
		}
	}
	if taken != 6 { // the first three, the leap day and both ends of the years
		t.Fatalf("the fast path took %d of the cases, want 6", taken)
	}
}

func FuzzParseDateFast(f *testing.F) {
	for _, s := range dateCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkParseDateFast(t, s) })
}
