package filter

import (
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable/vtabletest"
)

// TestTableHighlightsFilterMatches runs the path a screen takes: rows →
// haystacks → filter command → Apply → table view, and checks that the table
// highlights exactly the query's characters on every shown row.
func TestTableHighlightsFilterMatches(t *testing.T) {
	rows := vtabletest.CredentialRows(500)
	cols := make([]vtable.Column, len(vtabletest.CredentialColumns))
	for i, c := range vtabletest.CredentialColumns {
		cols[i] = vtable.Column{Title: c.Title} // flexible: nothing truncated at 250
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	st := vtable.DefaultStyles(r, lipgloss.Color("5"))
	st.Match = r.NewStyle().Underline(true) // the only underline: easy to find
	st.Selected = r.NewStyle().Bold(true)
	st.Blurred = r.NewStyle().Bold(true)
	table := vtable.New(cols, st)
	table.SetRows(rows, nil)
	table.SetMatchColumns(vtabletest.SearchColumns)
	table.SetSize(250, 12)

	var f Filter
	b := NewBuilder()
	for _, row := range rows {
		b.AddCells(row, vtabletest.SearchColumns)
	}
	f.SetSnapshot(b.Snapshot())
	res := f.SetQuery("dbsp")().(Result)
	if !f.Apply(res) || len(res.Indices) == 0 {
		t.Fatalf("no current result: %d rows", len(res.Indices))
	}
	table.SetViewFunc(res.Indices, res.Highlight)
	for i, line := range strings.Split(table.View(), "\n")[1:] {
		got := underlined(line)
		if want := visibleMatches(rows[res.Indices[i]], res.Highlight(res.Indices[i], nil)); got != want || got == "" {
			t.Fatalf("row %d highlights %q, want %q in %q", i, got, want, line)
		}
	}
}

var sgrSeq = regexp.MustCompile(`^\x1b\[([0-9;]*)m`)

// underlined returns the characters of line printed with SGR 4 (underline).
func underlined(line string) string {
	var b strings.Builder
	on := false
	for i := 0; i < len(line); {
		if m := sgrSeq.FindStringSubmatch(line[i:]); m != nil {
			on = slices.Contains(strings.Split(m[1], ";"), "4")
			i += len(m[0])
			continue
		}
		if on {
			b.WriteByte(line[i])
		}
		i++
	}
	return b.String()
}

// visibleMatches is the matched characters of a row, separators excluded.
func visibleMatches(row []string, offsets []int) string {
	hay := vtable.JoinCells(row, vtabletest.SearchColumns)
	var b strings.Builder
	for _, o := range offsets {
		if hay[o] != vtable.MatchSep[0] {
			b.WriteByte(hay[o])
		}
	}
	return b.String()
}
