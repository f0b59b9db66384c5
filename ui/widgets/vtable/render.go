package vtable

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

const (
	ellipsis    = "…"
	replacement = "�" // shown for control characters in cells
)

// View renders the header and the visible rows: exactly Height lines of
// exactly Width cells. O(visible rows); the only allocation is the output.
func (m Model) View() string {
	if m.height <= 0 || m.width <= 0 {
		return ""
	}
	var b strings.Builder
	b.Grow((m.width + 48) * m.height)
	if m.width <= m.gutterW+m.markW {
		return m.blank(&b) // too narrow to show any column
	}
	b.WriteString(m.header)
	body := m.bodyHeight()
	if m.ViewLen() == 0 {
		m.writeEmpty(&b, body)
		return b.String()
	}
	end := min(m.offset+body, m.ViewLen())
	for p := m.offset; p < end; p++ {
		b.WriteByte('\n')
		m.writeRow(&b, p)
	}
	for range body - (end - m.offset) {
		b.WriteByte('\n')
		writeSpaces(&b, m.width)
	}
	return b.String()
}

func (m Model) blank(b *strings.Builder) string {
	for i := range m.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeSpaces(b, m.width)
	}
	return b.String()
}

func (m Model) writeEmpty(b *strings.Builder, body int) {
	text := m.emptyText
	if m.n > 0 {
		text = m.noMatch
	}
	var line strings.Builder
	writeText(&line, m.gutterW+m.markW, "")
	writeText(&line, m.width-m.gutterW-m.markW, text)
	for i := range body {
		b.WriteByte('\n')
		if i == 0 {
			b.WriteString(textOnly(m.styles.Empty).Render(line.String()))
		} else {
			writeSpaces(b, m.width)
		}
	}
}

// renderHeader builds the header line once per layout.
func (m Model) renderHeader() string {
	if m.width <= 0 {
		return ""
	}
	var b strings.Builder
	writeSpaces(&b, m.gutterW+m.markW)
	used := m.gutterW + m.markW
	first := true
	for c, w := range m.widths {
		if w == 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
			used += colGap
		}
		first = false
		writeText(&b, w, m.cols[c].Title)
		used += w
	}
	writeSpaces(&b, m.width-used)
	return textOnly(m.styles.Header).Render(b.String())
}

// writeRow writes view position p as one styled line.
func (m Model) writeRow(b *strings.Builder, p int) {
	r := m.rowAt(p)
	state := rowPlain
	if p == m.cursor {
		state = rowBlurred
		if m.focused {
			state = rowSelected
		}
	}
	tone := ToneNormal
	if m.tone != nil {
		if tone = m.tone(r); tone >= numTones {
			tone = ToneNormal
		}
	}
	w := runWriter{b: b, text: m.sgr.text[tone][state], match: m.sgr.match[tone][state]}
	w.use(w.text)
	used := m.writeGutter(&w, r, state)
	var hl []int
	if m.matches != nil {
		hl = m.matches[p]
	} else if m.highlight != nil {
		hl = m.highlight(r, m.hlBuf[:0])
	}
	var starts [16]int
	cells := m.cells(r)
	matchStart := m.matchStarts(cells, hl, starts[:0])
	first := true
	for c, cw := range m.widths {
		if cw == 0 {
			continue
		}
		if !first {
			w.b.WriteByte(' ')
			used += colGap
		}
		first = false
		cell, base := "", -1
		if c < len(cells) {
			cell = cells[c]
		}
		if matchStart != nil {
			base = matchStart[c]
		}
		w.cell(cell, cw, hl, base)
		used += cw
	}
	writeSpaces(w.b, m.width-used)
	w.use(sgr{})
}

// writeGutter writes the pointer and mark columns; it returns their width.
func (m Model) writeGutter(w *runWriter, r int, state rowState) int {
	if m.gutterW > 0 {
		if state == rowPlain {
			writeSpaces(w.b, m.gutterW)
		} else {
			writeText(w.b, m.gutterW, m.styles.Pointer)
		}
	}
	if m.markW > 0 {
		if m.marked[r] {
			w.use(m.sgr.marked[state])
			writeText(w.b, m.markW-colGap, m.styles.MarkOn)
			w.use(w.text)
		} else {
			writeText(w.b, m.markW-colGap, m.styles.MarkOff)
		}
		w.b.WriteByte(' ')
	}
	return m.gutterW + m.markW
}

// matchStarts returns, per column, the byte offset of its cell in the row's
// haystack (JoinCells(row, matchCols)), or -1 for columns not in it; nil when
// the row has no matches to show.
func (m Model) matchStarts(cells []string, hl []int, buf []int) []int {
	if len(hl) == 0 || len(m.matchCols) == 0 {
		return nil
	}
	for range m.cols {
		buf = append(buf, -1)
	}
	off := 0
	for _, c := range m.matchCols {
		if c < 0 || c >= len(cells) {
			continue
		}
		if c < len(buf) {
			buf[c] = off
		}
		off += len(cells[c]) + len(MatchSep)
	}
	return buf
}

// runWriter writes text in runs of one style, emitting escape sequences only
// when the style changes.
type runWriter struct {
	b           *strings.Builder
	cur         sgr
	text, match sgr
}

func (w *runWriter) use(s sgr) {
	if s == w.cur {
		return
	}
	w.b.WriteString(w.cur.off)
	w.b.WriteString(s.on)
	w.cur = s
}

// cell writes s in exactly width cells: truncated with an ellipsis when too
// wide, padded with blanks when too narrow, with the characters whose byte
// offset (relative to base) is in hl highlighted. base < 0: no highlight.
func (w *runWriter) cell(s string, width int, hl []int, base int) {
	if base < 0 {
		hl = nil
	}
	for len(hl) > 0 && hl[0] < base {
		hl = hl[1:]
	}
	if !isPlainASCII(s) {
		w.cellSlow(s, width, hl, base)
		return
	}
	cut := len(s) > width
	vis := s
	if cut {
		vis = s[:width-1]
	}
	if len(hl) == 0 || hl[0] >= base+len(vis) {
		w.b.WriteString(vis)
	} else {
		w.highlighted(vis, hl, base)
	}
	if cut {
		w.b.WriteString(ellipsis)
		return
	}
	writeSpaces(w.b, width-len(vis))
}

// highlighted writes ASCII text vis with matched bytes in the match style.
func (w *runWriter) highlighted(vis string, hl []int, base int) {
	from := 0
	for _, pos := range hl {
		i := pos - base
		if i >= len(vis) {
			break
		}
		w.b.WriteString(vis[from:i])
		w.use(w.match)
		w.b.WriteByte(vis[i])
		w.use(w.text)
		from = i + 1
	}
	w.b.WriteString(vis[from:])
}

// cellSlow handles cells with wide characters, combining marks or control
// characters, one grapheme cluster at a time.
func (w *runWriter) cellSlow(s string, width int, hl []int, base int) {
	total := displayWidth(s)
	limit := width
	if total > width {
		limit = width - 1 // room for the ellipsis
	}
	used := 0
	for i := 0; i < len(s); {
		cluster, size, cw := graphemeAt(s, i)
		if used+cw > limit {
			break
		}
		for len(hl) > 0 && hl[0]-base < i {
			hl = hl[1:]
		}
		matched := len(hl) > 0 && hl[0]-base < i+size
		if matched {
			w.use(w.match)
		}
		w.b.WriteString(cluster)
		if matched {
			w.use(w.text)
		}
		used += cw
		i += size
	}
	if total > width {
		w.b.WriteString(ellipsis)
		used++
	}
	writeSpaces(w.b, width-used)
}

// graphemeAt returns the grapheme cluster of s starting at byte i as it is to
// be printed (a control character is replaced), its length in s and its width
// in cells.
func graphemeAt(s string, i int) (print string, size, width int) {
	cluster, cw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
	if len(cluster) == 0 {
		cluster = s[i : i+1] // never loop forever on malformed input
	}
	if hasControl(cluster) {
		return replacement, len(cluster), 1
	}
	return cluster, len(cluster), cw
}

// writeText writes s truncated or padded to exactly width cells, unstyled.
func writeText(b *strings.Builder, width int, s string) {
	if width <= 0 {
		return
	}
	w := runWriter{b: b}
	w.cell(s, width, nil, -1)
}

const spaces = "                                                                                                                                "

func writeSpaces(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(spaces))
		b.WriteString(spaces[:k])
		n -= k
	}
}

// isPlainASCII reports whether s is printable ASCII only: one byte, one cell.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// hasControl reports whether s holds a C0, DEL or C1 control character.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// displayWidth is the width of s in cells as View prints it.
func displayWidth(s string) int {
	if isPlainASCII(s) {
		return len(s)
	}
	n := 0
	for i := 0; i < len(s); {
		_, size, cw := graphemeAt(s, i)
		n += cw
		i += size
	}
	return n
}
