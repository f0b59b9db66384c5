package info

import (
	"strings"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// safe makes a string from the server terminal-safe before any view: a
// control character (C0, DEL, C1: escape sequences, carriage returns) is
// shown as � — the same stand-in the table (ui/widgets/vtable) uses for
// cells.
func safe(s string) string {
	if strings.IndexFunc(s, unitext.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unitext.IsControl(r) {
			return '�'
		}
		return r
	}, s)
}

// safeLines is safe for a multi-line value: each line made safe (a line
// break is kept as a break, a \r\n as one).
func safeLines(s string) []string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = safe(l)
	}
	return lines
}
