package clientcreds

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fitLines cuts s to at most h lines of at most w cells, so a screen never
// draws outside the area the root gave it.
func fitLines(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}
