package vtable

// Column scrolling: columns that do not fit are reached with ← →; the
// leading pinned columns (Column.Pin; the first one when none is) stay, so a
// scrolled row can still be told apart.

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

// pinned is how many leading columns stay when scrolling: those marked Pin,
// else the first.
func (m Model) pinned() int {
	n := 0
	for n < len(m.cols) && m.cols[n].Pin {
		n++
	}
	return max(n, min(1, len(m.cols)))
}

// maxColOffset is the smallest offset at which the last column is shown.
func (m Model) maxColOffset() int {
	p := m.pinned()
	for off := 0; off < len(m.cols)-p; off++ {
		if w := m.layoutAt(off); w[len(w)-1] > 0 {
			return off
		}
	}
	return max(len(m.cols)-p-1, 0)
}

// layoutAt is the column widths with off columns scrolled out after the
// pinned ones.
func (m Model) layoutAt(off int) []int {
	widths := make([]int, len(m.cols))
	avail := m.width - m.gutterW - m.markW
	p := m.pinned()
	if off == 0 || len(m.cols) <= p {
		copy(widths, layoutColumns(m.cols, m.contentW, avail))
		return widths
	}
	cols := append(append([]Column(nil), m.cols[:p]...), m.cols[p+off:]...)
	content := append(append([]int(nil), m.contentW[:p]...), m.contentW[p+off:]...)
	w := layoutColumns(cols, content, avail)
	copy(widths, w[:p])
	copy(widths[p+off:], w[p:])
	return widths
}

// updateScrollKeys enables ← → only when there is somewhere to scroll, so
// help and footer never offer a key that does nothing.
func (m *Model) updateScrollKeys() {
	left, right := m.HiddenColumns()
	m.Keys.Left.SetEnabled(left > 0)
	m.Keys.Right.SetEnabled(right > 0)
}
