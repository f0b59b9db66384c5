package vtable

import "github.com/charmbracelet/x/ansi"

// Column describes one table column.
//
// A column with Width > 0 is fixed: it is always exactly Width cells wide.
// Any other column is flexible: it wants the width of its widest cell (or its
// title), at least Min, and flexible columns share what is left of the
// table's width. When there is room for every want, no cell is cut — Max
// does not apply — and the extra goes to the columns below their Max in
// proportion to Grow (0 counts as 1). When there is less, columns are first
// held to their Max (a long free-text column gives way before a short one is
// cut), then the widest shrink first, never below Min (default: the smaller
// of 3 and what the column wants). When even the minimums do not fit, columns
// are hidden from the right; the table scrolls to them (ScrollColumns).
type Column struct {
	Title string
	Width int // fixed width in cells; 0 = flexible
	Min   int // flexible: lower bound in cells
	Max   int // flexible: upper bound in cells; 0 = none
	Grow  int // flexible: share of extra room; 0 = 1
	// Pin keeps a leading column in view when the columns are scrolled
	// (← →): the columns that name a row. None pinned: the first stays.
	Pin bool
}

const (
	colGap     = 1 // blank cells between two columns
	defaultMin = 3
)

// minWidth is the width a flexible column never shrinks below.
func (c Column) minWidth(want int) int {
	if c.Min > 0 {
		return c.Min
	}
	return min(defaultMin, want)
}

// want is the width a flexible column asks for given its widest cell.
func (c Column) want(content int) int {
	w := max(content, ansi.StringWidth(c.Title), 1)
	if c.Min > 0 {
		w = max(w, c.Min)
	}
	return w
}

// capped is want held to Max, the width a column gives up to first.
func (c Column) capped(content int) int {
	w := c.want(content)
	if c.Max > 0 {
		w = max(min(w, c.Max), c.minWidth(w))
	}
	return w
}

func (c Column) grow() int {
	return max(c.Grow, 1)
}

// layoutColumns returns each column's width in cells (0 = hidden) for a
// table body of avail cells, not counting gutter and mark column. content is
// the widest cell of each column.
func layoutColumns(cols []Column, content []int, avail int) []int {
	widths := make([]int, len(cols))
	visible := len(cols)
	for visible > 0 && minTotal(cols, content, visible) > avail {
		visible--
	}
	if visible == 0 {
		return widths
	}
	room := avail - colGap*(visible-1)
	var wants, mins []int
	flexWant := 0
	for i, c := range cols[:visible] {
		if c.Width > 0 {
			widths[i] = c.Width
			room -= c.Width
			continue
		}
		w := c.want(content[i])
		widths[i] = w
		flexWant += w
		wants = append(wants, i)
		mins = append(mins, c.minWidth(w))
	}
	switch {
	case flexWant > room:
		flexWant = 0
		for _, i := range wants {
			widths[i] = cols[i].capped(content[i])
			flexWant += widths[i]
		}
		if flexWant > room {
			shrink(widths, wants, mins, room)
		} else {
			growToWant(cols, content, widths, wants, room-flexWant)
		}
	case flexWant < room:
		grow(cols, widths, wants, room-flexWant)
	}
	return widths
}

// growToWant gives cells back to the columns held to their Max, up to what
// they want, evenly, while room is left.
func growToWant(cols []Column, content, widths, idx []int, extra int) {
	for extra > 0 {
		given := 0
		for _, i := range idx {
			if extra == given {
				break
			}
			if widths[i] < cols[i].want(content[i]) {
				widths[i]++
				given++
			}
		}
		if given == 0 {
			return
		}
		extra -= given
	}
}

// minTotal is the narrowest the first n columns can be, gaps included.
func minTotal(cols []Column, content []int, n int) int {
	total := colGap * (n - 1)
	for i, c := range cols[:n] {
		if c.Width > 0 {
			total += c.Width
		} else {
			total += c.minWidth(c.want(content[i]))
		}
	}
	return total
}

// shrink lowers the widest flexible columns first (water filling) until they
// fit in room, never below their minimum.
func shrink(widths, idx, mins []int, room int) {
	fits := func(level int) bool {
		total := 0
		for k, i := range idx {
			total += max(min(widths[i], level), mins[k])
		}
		return total <= room
	}
	lo, hi := 0, 0
	for _, i := range idx {
		hi = max(hi, widths[i])
	}
	for lo < hi { // largest level that fits
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	used := 0
	cut := make([]bool, len(idx))
	for k, i := range idx {
		cut[k] = widths[i] > lo && lo >= mins[k]
		widths[i] = max(min(widths[i], lo), mins[k])
		used += widths[i]
	}
	// Hand the rounding remainder, one cell each, to the columns cut at the
	// level: level lo+1 did not fit, so there are more of them than cells left.
	for k := 0; used < room && k < len(idx); k++ {
		if cut[k] {
			widths[idx[k]]++
			used++
		}
	}
}

// grow spreads extra cells over the flexible columns by Grow weight, up to Max.
func grow(cols []Column, widths, idx []int, extra int) {
	for extra > 0 {
		weight := 0
		for _, i := range idx {
			if cols[i].Max == 0 || widths[i] < cols[i].Max {
				weight += cols[i].grow()
			}
		}
		if weight == 0 {
			return
		}
		given := 0
		for _, i := range idx {
			c := cols[i]
			if c.Max != 0 && widths[i] >= c.Max {
				continue
			}
			add := max(extra*c.grow()/weight, 1)
			if c.Max != 0 {
				add = min(add, c.Max-widths[i])
			}
			add = min(add, extra-given)
			widths[i] += add
			given += add
			if given == extra {
				break
			}
		}
		extra -= given
	}
}
