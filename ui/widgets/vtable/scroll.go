package vtable

// Column scrolling: columns that do not fit are reached with ← →; the first
// column (the row's name) stays.

// ScrollColumns scrolls the columns by n (negative: back to the left), so
// columns that do not fit can be reached; it stops once the last column is
// in view.
func (m *Model) ScrollColumns(n int) {
	m.colOffset = max(min(m.colOffset+n, m.maxColOffset()), 0)
	m.relayout()
	m.updateScrollKeys()
}

// HiddenColumns says how many columns are scrolled out on the left and how
// many do not fit on the right (for a "◀ 2 · 3 ▶" hint).
func (m Model) HiddenColumns() (left, right int) {
	if m.widths == nil {
		return 0, 0
	}
	last := -1
	for i, w := range m.widths {
		if w > 0 {
			last = i
		}
	}
	if last < 0 {
		return m.colOffset, max(len(m.cols)-m.colOffset, 0)
	}
	return m.colOffset, len(m.cols) - 1 - last
}

// maxColOffset is the smallest offset at which the last column is shown.
func (m Model) maxColOffset() int {
	for off := 0; off < len(m.cols)-1; off++ {
		if w := m.layoutAt(off); w[len(w)-1] > 0 {
			return off
		}
	}
	return max(len(m.cols)-2, 0)
}

// layoutAt is the column widths with off columns scrolled out after the
// first: the first column (the row's name) stays, so a scrolled row can
// still be told apart.
func (m Model) layoutAt(off int) []int {
	widths := make([]int, len(m.cols))
	avail := m.width - m.gutterW - m.markW
	if off == 0 || len(m.cols) < 2 {
		copy(widths, layoutColumns(m.cols, m.contentW, avail))
		return widths
	}
	cols := append([]Column{m.cols[0]}, m.cols[1+off:]...)
	content := append([]int{m.contentW[0]}, m.contentW[1+off:]...)
	w := layoutColumns(cols, content, avail)
	widths[0] = w[0]
	copy(widths[1+off:], w[1:])
	return widths
}

// updateScrollKeys enables ← → only when there is somewhere to scroll, so
// help and footer never offer a key that does nothing.
func (m *Model) updateScrollKeys() {
	left, right := m.HiddenColumns()
	m.Keys.Left.SetEnabled(left > 0)
	m.Keys.Right.SetEnabled(right > 0)
}
