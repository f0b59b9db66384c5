package vtable

// ToggleMark marks or unmarks the cursor row.
func (m *Model) ToggleMark() {
	r := m.Cursor()
	if r < 0 {
		return
	}
	m.setMark(r, !m.marked[r], true)
}

// MarkAllInView marks every row the view shows. O(view).
func (m *Model) MarkAllInView() {
	for p := range m.ViewLen() {
		m.setMark(m.rowAt(p), true, true)
	}
}

// ClearMarks unmarks every row.
func (m *Model) ClearMarks() {
	clear(m.marked)
	m.markCount, m.markedInView = 0, 0
}

// SetMarked marks or unmarks row r (an index into the rows).
func (m *Model) SetMarked(r int, on bool) {
	if r < 0 || r >= m.n || m.marked[r] == on {
		return
	}
	m.setMark(r, on, m.viewPos(r) >= 0)
}

// IsMarked reports whether row r is marked.
func (m Model) IsMarked(r int) bool { return r >= 0 && r < len(m.marked) && m.marked[r] }

// MarkedCount is the number of marked rows. O(1).
func (m Model) MarkedCount() int { return m.markCount }

// HiddenMarkedCount is the number of marked rows the current view hides. O(1).
func (m Model) HiddenMarkedCount() int { return m.markCount - m.markedInView }

// MarkedRows returns the marked rows' indices in row order. O(rows).
func (m Model) MarkedRows() []int {
	out := make([]int, 0, m.markCount)
	for r, on := range m.marked {
		if on {
			out = append(out, r)
		}
	}
	return out
}

// Marked returns the marked rows' keys in row order. O(rows).
func (m Model) Marked() []string {
	out := make([]string, 0, m.markCount)
	for r, on := range m.marked {
		if on {
			out = append(out, m.key(r))
		}
	}
	return out
}

func (m *Model) setMark(r int, on, inView bool) {
	if m.marked[r] == on {
		return
	}
	m.marked[r] = on
	d := 1
	if !on {
		d = -1
	}
	m.markCount += d
	if inView {
		m.markedInView += d
	}
}

func (m Model) countMarkedInView() int {
	if m.markCount == 0 {
		return 0
	}
	if m.view == nil {
		return m.markCount
	}
	n := 0
	for _, r := range m.view {
		if m.marked[r] {
			n++
		}
	}
	return n
}

// markedKeySet returns the keys of the marked rows, or nil when none are.
func (m Model) markedKeySet() map[string]bool {
	if m.markCount == 0 {
		return nil
	}
	set := make(map[string]bool, m.markCount)
	for r, on := range m.marked {
		if on {
			set[m.key(r)] = true
		}
	}
	return set
}
