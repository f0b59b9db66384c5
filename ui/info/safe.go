package info

import (
	"strings"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// safe is the console's one terminal-safety function (internal/termsafe).
// client/ already applies it to every decoded field but the secrets; the
// screen applies it again to what it draws, so a fake api or a field added
// later cannot put a control sequence on the terminal.
func safe(s string) string { return termsafe.String(s) }

// safeLines is safe for the content, a secret client/ leaves as sent: each
// line made safe, a line break kept as a break (a \r\n as one).
func safeLines(s string) []string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = safe(l)
	}
	return lines
}
