package vtable

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// countingSource is a Source over generated rows that counts the cells it
// was asked for.
type countingSource struct {
	rows  [][]string
	calls int
}

func newCountingSource(n int) *countingSource {
	s := &countingSource{}
	for i := range n {
		s.rows = append(s.rows, []string{fmt.Sprint(i), fmt.Sprintf("name-%d", i), "host"})
	}
	return s
}

func (s *countingSource) source() Source {
	return Source{
		Cells: func(r int) []string { s.calls++; return s.rows[r] },
		Key:   func(r int) string { return "k" + s.rows[r][0] },
	}
}

// Issue 18: a table of a million rows must not hold their cells; with a
// Source it asks for the rows on screen only, at each frame.
func TestSourceAsksOnlyForVisibleRows(t *testing.T) {
	s := newCountingSource(100_000)
	m := New(smallCols, asciiStyles())
	m.SetSource(len(s.rows), s.source(), Measure(3, 0, len(s.rows), func(r int) []string { return s.rows[r] }))
	m.SetSize(40, 6)
	m.Focus()
	if s.calls != 0 {
		t.Fatalf("SetSource with widths asked for %d rows' cells", s.calls)
	}
	m = press(m, runes("G"))
	got := lines(t, m)
	if s.calls != 5 || !strings.Contains(got[5], "99999") {
		t.Fatalf("a frame of 5 rows asked for %d rows; last line %q", s.calls, got[5])
	}
	if k, _ := m.CursorKey(); k != "k99999" {
		t.Fatalf("cursor key %q", k)
	}
}

// Widths come from Measure (or the rows when nil) and grow with Grow.
func TestSourceWidthsAndGrow(t *testing.T) {
	s := newCountingSource(3)
	m := New(smallCols, asciiStyles())
	m.SetSource(3, s.source(), nil) // measured here
	m.SetSize(40, 6)
	if s.calls != 3 || m.contentW[1] != len("name-0") {
		t.Fatalf("nil widths: %d calls, name width %d", s.calls, m.contentW[1])
	}
	s.rows = append(s.rows, []string{"3", "a-much-longer-name", "h"})
	m.Grow(1, Measure(3, 3, 4, func(r int) []string { return s.rows[r] }))
	if m.Len() != 4 || m.ViewLen() != 4 || m.contentW[1] != len("a-much-longer-name") {
		t.Fatalf("after Grow: len %d view %d name width %d", m.Len(), m.ViewLen(), m.contentW[1])
	}
	if !strings.Contains(m.View(), "a-much-longer-name") {
		t.Fatalf("grown row not shown in full:\n%s", m.View())
	}
}

// The cursor and the marks stay on their keys from SetRows to SetSource
// and from one source to the next.
func TestSourceKeepsCursorAndMarksByKey(t *testing.T) {
	s := newCountingSource(10)
	m := New(smallCols, asciiStyles())
	m.SetMarking(true)
	m.SetSource(10, s.source(), nil)
	m.SetSize(40, 6)
	m.Focus()
	m = press(m, keyDown, keySpace, keyDown) // marks k1, cursor on k2
	reversed := &countingSource{rows: slices.Clone(s.rows)}
	slices.Reverse(reversed.rows)
	m.SetSource(10, reversed.source(), nil)
	if k, _ := m.CursorKey(); k != "k2" {
		t.Fatalf("cursor on %q after a new source", k)
	}
	if got := m.Marked(); !slices.Equal(got, []string{"k1"}) || m.Cursor() != 7 {
		t.Fatalf("marked %v, cursor row %d", got, m.Cursor())
	}
}
