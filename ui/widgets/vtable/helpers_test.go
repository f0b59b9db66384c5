package vtable

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// asciiStyles are DefaultStyles on a colourless renderer: View is plain text.
func asciiStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return DefaultStyles(r, lipgloss.Color("6"))
}

// ansiStyles render escape sequences, to check highlight placement.
func ansiStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	return DefaultStyles(r, lipgloss.Color("6"))
}

func lines(t *testing.T, m Model) []string {
	t.Helper()
	out := strings.Split(m.View(), "\n")
	if len(out) != m.Height() {
		t.Fatalf("View has %d lines, want %d", len(out), m.Height())
	}
	for i, l := range out {
		if w := lipgloss.Width(l); w != m.Width() {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, w, m.Width(), l)
		}
	}
	return out
}

func assertLines(t *testing.T, m Model, want ...string) {
	t.Helper()
	got := lines(t, m)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	if len(want) != len(got) {
		t.Errorf("checked %d of %d lines", len(want), len(got))
	}
}
