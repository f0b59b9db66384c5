package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// A real senhasegura server sends ids as strings or numbers, booleans as
// false or "0", and dates as RFC 3339, "YYYY-MM-DD hh:mm:ss", a zoneless
// "YYYY-MM-DDThh:mm:ss" or null. These types accept all of them.

// FlexString is a string that may arrive as a JSON number, string or null.
type FlexString string

// plainJSONString returns the contents of b when b is a JSON string without
// escapes (the common case, read without a second decoder: a list of a
// million rows decodes several of these per row).
func plainJSONString(b []byte) ([]byte, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	in := b[1 : len(b)-1]
	for _, c := range in {
		if c == '\\' || c == '"' || c < 0x20 {
			return nil, false
		}
	}
	return in, true
}

// UnmarshalJSON accepts "12", 12 and null.
func (s *FlexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if in, ok := plainJSONString(b); ok {
		*s = FlexString(in)
		return nil
	}
	switch {
	case bytes.Equal(b, []byte("null")):
		*s = ""
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = FlexString(v)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want string or number, got %s", truncateJSON(b))
		}
		*s = FlexString(n.String())
	}
	return nil
}

// String returns the value.
func (s FlexString) String() string { return string(s) }

// FlexBool is a boolean that may arrive as true/false, "0"/"1", "true"/"false", 0/1 or null.
type FlexBool bool

// UnmarshalJSON accepts the forms listed on FlexBool.
func (f *FlexBool) UnmarshalJSON(b []byte) error {
	switch string(b) { // no allocation: the compiler compares in place
	case "true", `"1"`, "1":
		*f = true
		return nil
	case "false", `"0"`, "0", "null":
		*f = false
		return nil
	}
	v := strings.ToLower(strings.Trim(string(bytes.TrimSpace(b)), `"`))
	switch v {
	case "true", "1", "yes", "y", "t":
		*f = true
	case "false", "0", "no", "n", "f", "", "null":
		*f = false
	default:
		return fmt.Errorf("want a boolean, got %s", truncateJSON(b))
	}
	return nil
}

// timeLayouts are tried in order when parsing a PAM Core date.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// Zoneless is the location of a time the server sent without a zone, such
// as seed 003's change and view ("2024-05-03 16:19:53", the server's local
// time). The wire does not say which zone that is, so such a time keeps the
// server's wall clock: Client.ServerTime places it in the profile's
// server_time_zone when one is set, and DisplayTime shows it as given
// otherwise (never shifted by a guessed offset).
var Zoneless = time.FixedZone("server time", 0)

// ParseFlexTime parses any of the date forms a PAM Core server sends.
// Zoneless forms are read in loc (Zoneless when nil).
func ParseFlexTime(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = Zoneless
	}
	s = strings.TrimSpace(s)
	if layout := likelyLayout(s); layout != "" {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}

// likelyLayout picks the layout of s by its shape, so the usual forms
// parse at the first try (each failed try allocates its error).
func likelyLayout(s string) string {
	switch {
	case len(s) == 19 && s[10] == ' ':
		return "2006-01-02 15:04:05"
	case len(s) == 19 && s[10] == 'T':
		return "2006-01-02T15:04:05"
	case len(s) > 19 && s[10] == 'T':
		return time.RFC3339Nano
	case len(s) == 10:
		return "2006-01-02"
	}
	return ""
}

func unmarshalFlexTime(b []byte) (time.Time, bool, error) {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return time.Time{}, false, nil
	}
	var s string
	if in, ok := plainJSONString(b); ok {
		if t, ok := parseDateFast(in, Zoneless); ok {
			return t, true, nil
		}
		if layout := likelyLayout(string(in)); layout != "" {
			// Parsed in place: a time keeps nothing of its text, and the
			// text is copied below only when this try fails.
			if t, err := time.ParseInLocation(layout, unsafe.String(unsafe.SliceData(in), len(in)), Zoneless); err == nil {
				return t, true, nil
			}
		}
		s = string(in)
	} else if v, err := unquoteJSON(b); err != nil {
		return time.Time{}, false, fmt.Errorf("want a date string, got %s", truncateJSON(b))
	} else {
		s = v
	}
	if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "0000-00-00") {
		return time.Time{}, false, nil
	}
	t, err := ParseFlexTime(s, nil)
	if err != nil {
		return time.Time{}, false, err
	}
	return t, true, nil
}

// parseDateFast parses the two forms our server writes, "YYYY-MM-DD
// hh:mm:ss" (in loc; "T" as separator too) and "YYYY-MM-DDThh:mm:ssZ"
// (UTC), by hand: time.ParseInLocation gives the same time for them
// (TestParseDateFastMatchesParseInLocation, FuzzParseDateFast) several
// times slower, three times per row of a million. Anything else, a field
// out of range included, is false and left to ParseInLocation.
func parseDateFast(s []byte, loc *time.Location) (time.Time, bool) {
	switch {
	case len(s) == 20 && s[10] == 'T' && s[19] == 'Z':
		loc = time.UTC
	case len(s) == 19 && (s[10] == ' ' || s[10] == 'T'):
	default:
		return time.Time{}, false
	}
	if s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	var v [6]int
	for i, f := range [6][2]int{{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}} {
		for _, c := range s[f[0] : f[0]+f[1]] {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			v[i] = v[i]*10 + int(c-'0')
		}
	}
	year, month, day := v[0], time.Month(v[1]), v[2]
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || v[3] > 23 || v[4] > 59 || v[5] > 59 {
		return time.Time{}, false
	}
	return time.Date(year, month, day, v[3], v[4], v[5], 0, loc), true
}

// daysIn is the number of days of month in year.
func daysIn(month time.Month, year int) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// unquoteJSON decodes a JSON string. Apart so that its result, whose
// address json.Unmarshal takes, is not moved to the heap on every call of
// unmarshalFlexTime, which rarely needs it.
func unquoteJSON(b []byte) (string, error) {
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

// DateTime is a PAM Core time that our server writes as "YYYY-MM-DD hh:mm:ss"
// (the change/view columns of seed 003; our server's are UTC) and reads in
// any form; zero is null. A zoneless value is in Zoneless.
type DateTime struct{ time.Time }

// UnmarshalJSON accepts every form of ParseFlexTime and null.
func (d *DateTime) UnmarshalJSON(b []byte) error {
	t, _, err := unmarshalFlexTime(b)
	d.Time = t
	return err
}

// MarshalJSON writes "YYYY-MM-DD hh:mm:ss" (UTC) or null.
func (d DateTime) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.UTC().Format("2006-01-02 15:04:05") + `"`), nil
}

// ISOTime is a PAM Core time that our server writes as RFC 3339 (the
// expiration column of seed 003) and reads in any form; zero is null.
type ISOTime struct{ time.Time }

// UnmarshalJSON accepts every form of ParseFlexTime and null.
func (d *ISOTime) UnmarshalJSON(b []byte) error {
	t, _, err := unmarshalFlexTime(b)
	d.Time = t
	return err
}

// MarshalJSON writes RFC 3339 or null.
func (d ISOTime) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.Format(time.RFC3339) + `"`), nil
}

// Seconds is a token lifetime (RFC 6749 §5.1 expires_in) in whole seconds.
// Servers send it as a number, a float or a numeric string (as
// golang.org/x/oauth2 accepts); anything else, or a value out of range,
// decodes as 0, which callers read as "unknown: use the default life".
type Seconds int64

// maxSeconds bounds a lifetime to what time.Duration holds (~292 years).
const maxSeconds = int64(math.MaxInt64 / int64(time.Second))

// UnmarshalJSON accepts 3600, 3600.0, "3600" and "3600.5"; any other value
// (null, "", "soon", true, negative) is 0 and not an error, so a sloppy
// lifetime never costs the token it came with.
func (s *Seconds) UnmarshalJSON(b []byte) error {
	v := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f <= 0 || math.IsNaN(f) || f > float64(maxSeconds) {
		*s = 0
		return nil
	}
	*s = Seconds(f)
	return nil
}

// Duration is the lifetime as a time.Duration (0 when unknown).
func (s Seconds) Duration() time.Duration { return time.Duration(s) * time.Second }

// Int64 returns the FlexString as a number, or an error naming the value.
func (s FlexString) Int64() (int64, error) {
	n, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("id %q is not a number", string(s))
	}
	return n, nil
}

func truncateJSON(b []byte) string { return unitext.Cut(string(b), 40) }

// FlexList is a comma-separated list that may arrive as a string
// ("tag1,tag2") or an array of strings (["tag1","tag2"], the 3.32 SSH-key
// example); it is held and written as the string.
type FlexList string

// UnmarshalJSON accepts a string, an array of strings or null.
func (l *FlexList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var items []string
		if err := json.Unmarshal(b, &items); err != nil {
			return fmt.Errorf("want a list of strings, got %s", truncateJSON(b))
		}
		*l = FlexList(strings.Join(items, ","))
		return nil
	}
	var s FlexString
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	*l = FlexList(s)
	return nil
}
