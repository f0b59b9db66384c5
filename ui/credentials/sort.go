package credentials

import (
	"cmp"
	"slices"
)

// sortSpec is the list's order: col < 0 means the server's order.
type sortSpec struct {
	col  int
	desc bool
}

// sortable lists the columns `o` cycles through, after the server's order.
var sortable = []int{colID, colIdentifier, colUsername, colHostname, colIP, colType, colDevice,
	colChange, colView, colExpiration, colAuto, colFlag}

// next returns the spec after pressing `o`: the next column, ascending; after
// the last one, back to the server's order.
func (s sortSpec) next() sortSpec {
	if s.col < 0 {
		return sortSpec{col: sortable[0]}
	}
	i := slices.Index(sortable, s.col)
	if i < 0 || i == len(sortable)-1 {
		return sortSpec{col: -1}
	}
	return sortSpec{col: sortable[i+1]}
}

// label describes the order for the info line.
func (s sortSpec) label() string {
	if s.col < 0 {
		if s.desc {
			return "server order, reversed"
		}
		return "server order"
	}
	title := columns()[s.col].Title
	if s.col == colFlag {
		title = "Status"
	}
	if s.desc {
		return title + " ↓"
	}
	return title + " ↑"
}

// sortPerm returns the row indices [0, len(recs)) in the order of s. It
// reads only its arguments, so it can run in a tea.Cmd on a snapshot; ties
// keep the server's order, so the result is deterministic.
func sortPerm(recs []record, rows [][]string, s sortSpec) []int {
	perm := make([]int, len(recs))
	for i := range perm {
		perm[i] = i
	}
	if s.col < 0 {
		if s.desc {
			slices.Reverse(perm)
		}
		return perm
	}
	less := comparator(recs, rows, s.col)
	slices.SortFunc(perm, func(a, b int) int {
		c := less(a, b)
		if s.desc {
			c = -c
		}
		if c == 0 {
			return cmp.Compare(a, b)
		}
		return c
	})
	return perm
}

// comparator compares two rows by column col.
func comparator(recs []record, rows [][]string, col int) func(a, b int) int {
	switch col {
	case colFlag:
		return func(a, b int) int { return cmp.Compare(recs[a].state, recs[b].state) }
	case colID:
		return func(a, b int) int {
			if c := cmp.Compare(recs[a].idNum, recs[b].idNum); c != 0 {
				return c
			}
			return foldCompare(rows[a][colID], rows[b][colID])
		}
	case colChange:
		return func(a, b int) int { return cmp.Compare(recs[a].change, recs[b].change) }
	case colView:
		return func(a, b int) int { return cmp.Compare(recs[a].view, recs[b].view) }
	case colExpiration:
		return func(a, b int) int { return compareExpiration(recs[a].expiration, recs[b].expiration) }
	case colAuto:
		return func(a, b int) int { return cmpBool(recs[a].auto, recs[b].auto) }
	}
	return func(a, b int) int { return foldCompare(rows[a][col], rows[b][col]) }
}

// compareExpiration puts "never expires" (0) after every date.
func compareExpiration(a, b int64) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// foldCompare compares ASCII case-insensitively without allocating (bytes
// above 0x7f compare as they are, which keeps UTF-8 order).
func foldCompare(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := lower(a[i]), lower(b[i])
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
	}
	return cmp.Compare(len(a), len(b))
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// orderBy sorts the filter's indices (and their matches, in step) by the
// position of each row in perm, for a filtered view under an explicit sort.
// pos[row] is the row's position in perm; rows beyond pos keep their order
// after every sorted row.
func orderBy(indices []int, matches [][]int, pos []int) ([]int, [][]int) {
	type pair struct {
		idx int
		m   []int
	}
	at := func(row int) int {
		if row < len(pos) {
			return pos[row]
		}
		return len(pos) + row
	}
	ps := make([]pair, len(indices))
	for i, idx := range indices {
		ps[i].idx = idx
		if matches != nil {
			ps[i].m = matches[i]
		}
	}
	slices.SortFunc(ps, func(a, b pair) int { return cmp.Compare(at(a.idx), at(b.idx)) })
	outI := make([]int, len(ps))
	var outM [][]int
	if matches != nil {
		outM = make([][]int, len(ps))
	}
	for i, p := range ps {
		outI[i] = p.idx
		if outM != nil {
			outM[i] = p.m
		}
	}
	return outI, outM
}

// positions inverts perm: pos[row] = where row sits in perm.
func positions(perm []int) []int {
	pos := make([]int, len(perm))
	for i, row := range perm {
		pos[row] = i
	}
	return pos
}
