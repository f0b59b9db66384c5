package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap breaks text into lines no wider than width at word boundaries; the
// first line starts with head and the others are indented to match.
func Wrap(head, text string, width int) []string {
	indent := ansi.StringWidth(head)
	avail := max(width-indent, 10)
	var out []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && ansi.StringWidth(line)+1+ansi.StringWidth(word) > avail {
			out = append(out, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	out = append(out, line)
	for i := range out {
		if i == 0 {
			out[i] = head + out[i]
		} else {
			out[i] = strings.Repeat(" ", indent) + out[i]
		}
	}
	return out
}

// DialogWidth is the width of a dialog box in a screen w wide.
func DialogWidth(w int) int { return max(min(w-2, 72), 24) }

// Dialog renders a bordered box: title, body lines (wrapped), then a line
// of keys.
func Dialog(c *Common, width int, title string, body []string, keys string) string {
	st := c.Styles
	inner := DialogWidth(width) - 4 // border and padding
	lines := []string{st.Title.Render(title), ""}
	for _, b := range body {
		if b == "" {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, Wrap("", b, inner)...)
	}
	lines = append(lines, "", st.Muted.Render(keys))
	return st.Dialog.Width(inner + 2).Render(strings.Join(lines, "\n"))
}
