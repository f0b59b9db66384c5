package credentials

import (
	"cmp"
	"net/netip"

	"github.com/pamconsole/pamconsole/ui/list"
)

// sortable lists the columns `o` cycles through, after the server's order.
var sortable = []int{colID, colIdentifier, colUsername, colHostname, colIP, colType, colDevice,
	colChange, colView, colExpiration, colAuto, colCustody, colFlag}

// sorts are the list's orders: one per sortable column, titled as its
// column ("Status" for the flag).
func sorts() []list.Sort[row] {
	cols := columns()
	out := make([]list.Sort[row], len(sortable))
	for i, col := range sortable {
		title := cols[col].Title
		if col == colFlag {
			title = "Status"
		}
		out[i] = list.Sort[row]{Title: title, Compare: comparator(col)}
	}
	return out
}

// comparator compares two rows by column col: dates, numbers and flags by
// value, text case-insensitively.
func comparator(col int) func(a, b row) int {
	switch col {
	case colFlag:
		return func(a, b row) int { return cmp.Compare(a.rec.state, b.rec.state) }
	case colID:
		return func(a, b row) int {
			if c := cmp.Compare(a.rec.idNum, b.rec.idNum); c != 0 {
				return c
			}
			return foldCompare(a.id(), b.id())
		}
	case colChange:
		return func(a, b row) int { return cmp.Compare(a.rec.change, b.rec.change) }
	case colView:
		return func(a, b row) int { return cmp.Compare(a.rec.view, b.rec.view) }
	case colExpiration:
		return func(a, b row) int { return compareExpiration(a.rec.expiration, b.rec.expiration) }
	case colAuto:
		return func(a, b row) int { return cmpBool(a.rec.auto, b.rec.auto) }
	case colCustody:
		return func(a, b row) int { return cmp.Compare(a.rec.custody, b.rec.custody) }
	case colIP:
		return func(a, b row) int { return compareIP(a.field(fIP), b.field(fIP)) }
	}
	return func(a, b row) int { return foldCompare(a.cell(col), b.cell(col)) }
}

// compareIP orders addresses numerically (IPv4 before IPv6, so 10.0.0.9
// before 10.0.0.10), then host names (real data holds them, seed 003) as
// text. Parsing an address allocates nothing; an IP sort parses per compare
// rather than widen every row's record.
func compareIP(a, b string) int {
	pa, errA := netip.ParseAddr(a)
	pb, errB := netip.ParseAddr(b)
	switch {
	case errA == nil && errB == nil:
		return pa.Compare(pb)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return foldCompare(a, b)
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
