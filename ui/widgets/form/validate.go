package form

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// DateLayout is the date format every form field for a date uses.
const DateLayout = "2006-01-02"

// Required returns a validator refusing a blank value.
func Required(label string) func(string) string {
	return func(v string) string {
		if strings.TrimSpace(v) == "" {
			return label + " is required"
		}
		return ""
	}
}

// MaxLen returns a validator refusing more than n characters after trimming.
func MaxLen(label string, n int) func(string) string {
	return func(v string) string {
		if utf8.RuneCountInString(strings.TrimSpace(v)) > n {
			return fmt.Sprintf("%s must be at most %d characters", label, n)
		}
		return ""
	}
}

// Date returns a validator requiring YYYY-MM-DD (spaces around it are
// ignored; a date that does not exist, such as 2026-02-30, is named).
func Date(label string) func(string) string {
	return func(v string) string {
		if _, err := unitext.ParseDay(v); err != nil {
			if msg := err.Error(); strings.HasPrefix(msg, "must") {
				return label + " " + msg
			}
			return label + ": " + err.Error()
		}
		return ""
	}
}

// Host returns a validator requiring an IPv4/IPv6 address or a DNS host
// name, the server's own check (unitext.ValidHost), so the form refuses
// "300.1.2.3" before sending it.
func Host(label string) func(string) string {
	return func(v string) string {
		if v = strings.TrimSpace(v); v != "" && !unitext.ValidHost(v) {
			return label + " must be an IPv4 or IPv6 address or a host name"
		}
		return ""
	}
}

// All chains validators; the first message wins.
func All(fns ...func(string) string) func(string) string {
	return func(v string) string {
		for _, fn := range fns {
			if fn == nil {
				continue
			}
			if msg := fn(v); msg != "" {
				return msg
			}
		}
		return ""
	}
}

func padRight(s string, w int) string {
	if d := w - ansi.StringWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
