package vtable

import "strings"

// MatchSep joins the cells of the match columns into a row's haystack.
//
// It is a space: fuzzy matching gives a character after it the same bonus as
// after a space inside a cell, so a match at the start of any column ranks
// like a word start. An offset that falls on a separator highlights nothing.
const MatchSep = " "

// JoinCells builds a row's haystack for the filter: the cells of cols, in
// that order, joined by MatchSep. The table maps match offsets in this string
// back to columns (SetMatchColumns must get the same cols).
func JoinCells(row []string, cols []int) string {
	n := 0
	for _, c := range cols {
		if c >= 0 && c < len(row) {
			n += len(row[c]) + len(MatchSep)
		}
	}
	var b strings.Builder
	b.Grow(n)
	first := true
	for _, c := range cols {
		if c < 0 || c >= len(row) {
			continue
		}
		if !first {
			b.WriteString(MatchSep)
		}
		first = false
		b.WriteString(row[c])
	}
	return b.String()
}
