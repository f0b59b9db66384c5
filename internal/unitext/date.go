package unitext

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// DayLayout is the date form every date field takes: YYYY-MM-DD.
const DayLayout = "2006-01-02"

var dayShape = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// ParseDay reads a YYYY-MM-DD date (spaces around it ignored), in UTC. Its
// error is a message for a person: a value in that form that names no day
// (2026-02-30, 2026-13-01) says the date does not exist, anything else says
// which form to use.
func ParseDay(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	t, err := time.Parse(DayLayout, v)
	if err == nil {
		return t, nil
	}
	if !dayShape.MatchString(v) {
		return time.Time{}, fmt.Errorf("must be a date as YYYY-MM-DD")
	}
	var y, m, d int
	fmt.Sscanf(v, "%d-%d-%d", &y, &m, &d)
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("%s does not exist: there is no month %d", v, m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Time{}, fmt.Errorf("%s does not exist: %s %d has %d days", v, time.Month(m), y, last)
}
