package vtable

// Pointer support: the list marks the whole table as one click zone and
// asks the table what is drawn at a position inside it.

// PosAt returns the view position of the row drawn on line y of View
// (line 0 is the header); ok is false for the header and blank lines.
func (m Model) PosAt(y int) (pos int, ok bool) {
	if y < 1 || y > m.bodyHeight() {
		return 0, false
	}
	p := m.offset + y - 1
	return p, p < m.ViewLen()
}

// OnMark reports whether cell x of a row line is in the mark column.
func (m Model) OnMark(x int) bool {
	return m.markW > 0 && x >= m.gutterW && x < m.gutterW+m.markW-colGap
}

// FocusPos puts the cursor on view position p (clamped), scrolling just
// enough to show it.
func (m *Model) FocusPos(p int) { m.moveTo(p) }
