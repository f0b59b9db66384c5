package vtable

import (
	"slices"
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Model is the table. Use New; the zero value is not ready.
//
// Model is a value like every Bubble Tea model, but the rows, the view and
// the marks are slices shared between copies: keep using the copy Update
// returns.
type Model struct {
	// Keys are the table's bindings; screens may rebind them or show them in
	// help. SetMarking enables or disables ToggleMark and MarkAll.
	Keys KeyMap

	cols      []Column
	styles    Styles
	sgr       compiled
	tone      func(row int) Tone
	emptyText string
	noMatch   string

	n        int        // rows
	rows     [][]string // the rows' cells (SetRows); nil with a Source
	src      Source     // the rows' cells and keys on demand (SetSource)
	keys     []string   // nil: the row index is the key (SetRows)
	contentW []int      // widest cell of each column over all rows

	view      []int                          // view position → row; nil = every row in order
	matches   [][]int                        // view position → matched byte offsets in the haystack
	highlight func(row int, buf []int) []int // row → offsets, on demand (SetViewFunc)
	hlBuf     []int                          // highlight's buffer, shared by copies (UI thread only)
	matchCols []int                          // columns joined (by MatchSep) into the filter haystack

	width, height int
	widths        []int  // per column, 0 = hidden; computed by relayout
	colOffset     int    // columns scrolled out after the first, which stays (← →)
	header        string // rendered header line; computed by relayout
	gutterW       int    // pointer glyph + one blank
	markW         int    // mark column + one blank; 0 when marking is off

	cursor, offset int // view positions: cursor row, first visible row
	focused        bool

	marking      bool
	marked       []bool // per row
	markCount    int
	markedInView int
}

// New returns a table with the given columns and styles, no rows, blurred.
// Call SetSize before the first View.
func New(cols []Column, styles Styles) Model {
	m := Model{
		Keys:      DefaultKeyMap(),
		emptyText: "No rows",
		noMatch:   "No rows match the filter",
	}
	m.SetStyles(styles)
	m.SetColumns(cols)
	return m
}

// SetColumns replaces the columns; rows must have one cell per column.
func (m *Model) SetColumns(cols []Column) {
	m.cols = cols
	m.contentW = make([]int, len(cols))
	m.measureRows(0, m.n)
	m.relayout()
}

// SetColumnTitle renames column i (e.g. to show a sort arrow) without
// re-measuring the rows: it only recomputes the layout.
func (m *Model) SetColumnTitle(i int, title string) {
	if i < 0 || i >= len(m.cols) {
		return
	}
	cols := slices.Clone(m.cols) // the caller's slice stays untouched
	cols[i].Title = title
	m.cols = cols
	m.relayout()
}

// SetStyles replaces the styles and compiles them.
func (m *Model) SetStyles(s Styles) {
	m.styles = s
	m.sgr = compile(s)
	m.gutterW = 0
	if pw := ansi.StringWidth(s.Pointer); pw > 0 {
		m.gutterW = pw + colGap
	}
	m.updateMarkWidth()
	m.relayout()
}

// SetSize sets the table's outer size: View returns height lines (the header
// and height-1 rows) of exactly width cells.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.relayout()
	m.clampOffset()
}

// Width and Height return the size given to SetSize.
func (m Model) Width() int  { return m.width }
func (m Model) Height() int { return m.height }

// SetEmptyText sets the line shown when there are no rows at all.
func (m *Model) SetEmptyText(s string) { m.emptyText = s }

// SetNoMatchText sets the line shown when the view hides every row.
func (m *Model) SetNoMatchText(s string) { m.noMatch = s }

// SetToneFunc sets the per-row tone, called once per visible row per View
// with the row index; nil means ToneNormal for every row. Keep it cheap.
func (m *Model) SetToneFunc(f func(row int) Tone) { m.tone = f }

// SetMatchColumns names the columns whose cells, joined by MatchSep, form the
// haystack the view's match offsets refer to (see JoinCells).
func (m *Model) SetMatchColumns(cols []int) { m.matchCols = cols }

// SetMarking shows or hides the mark column and enables or disables the mark
// keys. Existing marks are kept.
func (m *Model) SetMarking(on bool) {
	m.marking = on
	m.Keys.ToggleMark.SetEnabled(on)
	m.Keys.MarkAll.SetEnabled(on)
	m.updateMarkWidth()
	m.relayout()
}

// Focus and Blur decide whether Update handles keys; the cursor row is drawn
// with Styles.Selected when focused and Styles.Blurred otherwise.
func (m *Model) Focus()       { m.focused = true }
func (m *Model) Blur()        { m.focused = false }
func (m Model) Focused() bool { return m.focused }

// SetRows replaces the rows (kept, not copied: do not mutate them afterwards)
// and their keys (nil: the row index is the key; otherwise one per row, and a
// keys slice of another length is ignored). The view is reset to every row;
// the cursor and the marks stay on the same keys. O(rows × columns): it
// measures the cells for the column widths.
func (m *Model) SetRows(rows [][]string, keys []string) {
	if keys != nil && len(keys) != len(rows) {
		keys = nil
	}
	m.reset(len(rows), func(m *Model) { m.rows, m.keys, m.src = rows, keys, Source{} })
	m.measureRows(0, m.n)
	m.relayout()
	m.clampOffset()
}

// Source gives the table its rows without the table holding their cells:
// a list of a million records keeps the records, not 13 strings per row.
type Source struct {
	// Cells returns the cells of row r, one per column. It is called for
	// the rows on screen at each View (keep it cheap: substrings, no
	// formatting of what could be kept), and by SetSource and Grow for the
	// rows whose widths are not given.
	Cells func(r int) []string
	// Key returns the key of row r (its record id); nil: the row index.
	Key func(r int) string
}

// SetSource replaces the rows by n rows of src, like SetRows. widths, when
// not nil, is the widest cell of each column over those rows (Measure,
// computed off the UI thread); nil: the rows are measured here, O(n).
func (m *Model) SetSource(n int, src Source, widths []int) {
	m.reset(n, func(m *Model) { m.rows, m.keys, m.src = nil, nil, src })
	m.takeWidths(0, n, widths)
	m.relayout()
	m.clampOffset()
}

// Grow tells a table built by SetSource that its source now has n more
// rows, after the current ones (a page or a streamed batch); widths as for
// SetSource, over the new rows only. Like AppendRows for SetRows.
func (m *Model) Grow(n int, widths []int) {
	from := m.n
	m.n += n
	m.marked = append(m.marked, make([]bool, n)...)
	before := slices.Clone(m.contentW)
	m.takeWidths(from, m.n, widths)
	if !slices.Equal(before, m.contentW) {
		m.relayout()
	}
	m.clampOffset()
}

// Measure returns the widest cell of each of ncols columns over rows
// from..to of cells: what SetSource and Grow take, computed where the rows
// are made.
func Measure(ncols, from, to int, cells func(r int) []string) []int {
	w := make([]int, ncols)
	for r := from; r < to; r++ {
		widen(w, cells(r))
	}
	return w
}

// reset replaces the rows (set installs them) keeping the cursor and the
// marks on the same keys.
func (m *Model) reset(n int, set func(*Model)) {
	curKey, hadCursor := m.CursorKey()
	kept := m.markedKeySet()
	set(m)
	m.n = n
	m.view, m.matches, m.highlight = nil, nil, nil
	m.marked = make([]bool, n)
	m.markCount = 0
	for r := range n {
		if kept != nil && kept[m.key(r)] {
			m.marked[r] = true
			m.markCount++
		}
	}
	m.markedInView = m.markCount
	clear(m.contentW)
	m.cursor = 0
	if hadCursor {
		m.SetCursorByKey(curKey)
	}
}

// AppendRows adds rows (and their keys, one per row, when the table has
// keys) after the current ones, for results that arrive in pages or from a
// streaming decode. It appends to the slice given to SetRows (a table built
// by SetSource takes Grow instead). Appended rows join a nil (every-row)
// view; a filtered view is left as is until the next SetView. O(appended
// rows).
func (m *Model) AppendRows(rows [][]string, keys []string) {
	if m.src.Cells != nil {
		return
	}
	if m.keys != nil {
		for i := range rows {
			if i < len(keys) {
				m.keys = append(m.keys, keys[i])
			} else { // a missing key: the row index stands in
				m.keys = append(m.keys, strconv.Itoa(len(m.rows)+i))
			}
		}
	}
	m.rows = append(m.rows, rows...)
	m.Grow(len(rows), nil)
}

// Len is the number of rows; ViewLen the number the view shows.
func (m Model) Len() int { return m.n }

// ViewLen is the number of rows the current view shows.
func (m Model) ViewLen() int {
	if m.view == nil {
		return m.n
	}
	return len(m.view)
}

// Row returns the cells of row i (an index into the rows given to SetRows
// or SetSource).
func (m Model) Row(i int) []string {
	if m.src.Cells != nil {
		return m.src.Cells(i)
	}
	return m.rows[i]
}

// Key returns the key of row i: keys[i], or the index when there are no keys.
func (m Model) Key(i int) string { return m.key(i) }

func (m Model) key(r int) string {
	switch {
	case m.src.Key != nil:
		return m.src.Key(r)
	case m.keys == nil:
		return strconv.Itoa(r)
	}
	return m.keys[r]
}

// SetView shows rows indices in that order (nil: every row), with optional
// per-row matched byte offsets for highlighting (nil, or len(matches) ==
// len(indices); see the package doc). Both are kept, not copied. The cursor
// stays on the same row when it is still shown, else it goes to the top.
// O(view). Indices out of range (a result computed for other rows) are
// dropped, with their matches.
func (m *Model) SetView(indices []int, matches [][]int) {
	oldRow, screenLine := m.Cursor(), m.cursor-m.offset
	indices, matches = m.validView(indices, matches)
	m.view, m.matches, m.highlight = indices, matches, nil
	m.cursor = max(m.viewPos(oldRow), 0)
	m.offset = m.cursor - screenLine
	m.clampOffset()
	m.markedInView = m.countMarkedInView()
}

// SetViewFunc is SetView with the matched offsets computed on demand:
// highlight(row, buf) returns row's offsets (as in SetView, reusing buf) and
// is called only for the rows drawn, so a view of a million matches keeps
// nothing per row (filter.Result.Highlight is such a function). nil: no
// highlight.
func (m *Model) SetViewFunc(indices []int, highlight func(row int, buf []int) []int) {
	m.SetView(indices, nil)
	m.highlight = highlight
	if m.hlBuf == nil {
		m.hlBuf = make([]int, 0, 64)
	}
}

// validView returns indices and matches without out-of-range rows, copying
// only when there are some.
func (m Model) validView(indices []int, matches [][]int) ([]int, [][]int) {
	if matches != nil && len(matches) != len(indices) {
		matches = nil
	}
	bad := slices.ContainsFunc(indices, func(r int) bool { return r < 0 || r >= m.n })
	if !bad {
		return indices, matches
	}
	keptIdx := make([]int, 0, len(indices))
	var keptMatch [][]int
	for p, r := range indices {
		if r < 0 || r >= m.n {
			continue
		}
		keptIdx = append(keptIdx, r)
		if matches != nil {
			keptMatch = append(keptMatch, matches[p])
		}
	}
	return keptIdx, keptMatch
}

// ClearView shows every row again.
func (m *Model) ClearView() { m.SetView(nil, nil) }

// viewPos returns the view position of row r, or -1. O(view).
func (m Model) viewPos(r int) int {
	if r < 0 || r >= m.n {
		return -1
	}
	if m.view == nil {
		return r
	}
	for p, row := range m.view {
		if row == r {
			return p
		}
	}
	return -1
}

// RowAt returns the row shown at view position p, or -1 outside the view.
func (m Model) RowAt(p int) int {
	if p < 0 || p >= m.ViewLen() {
		return -1
	}
	return m.rowAt(p)
}

// rowAt returns the row shown at view position p.
func (m Model) rowAt(p int) int {
	if m.view == nil {
		return p
	}
	return m.view[p]
}

// Cursor returns the row under the cursor (an index into the rows given to
// SetRows), or -1 when the view is empty.
func (m Model) Cursor() int {
	if m.ViewLen() == 0 {
		return -1
	}
	return m.rowAt(m.cursor)
}

// CursorKey returns the key of the row under the cursor; ok is false when the
// view is empty.
func (m Model) CursorKey() (key string, ok bool) {
	r := m.Cursor()
	if r < 0 {
		return "", false
	}
	return m.key(r), true
}

// CursorPos returns the cursor's position within the view (0 = top).
func (m Model) CursorPos() int { return m.cursor }

// SetCursor moves the cursor to row r if the view shows it. O(view).
func (m *Model) SetCursor(r int) bool {
	p := m.viewPos(r)
	if p < 0 {
		return false
	}
	m.moveTo(p)
	return true
}

// SetCursorByKey moves the cursor to the row with that key if the view shows
// it. O(rows).
func (m *Model) SetCursorByKey(k string) bool {
	if m.keys == nil && m.src.Key == nil {
		r, err := strconv.Atoi(k)
		return err == nil && m.SetCursor(r)
	}
	for r := range m.n {
		if m.key(r) == k {
			return m.SetCursor(r)
		}
	}
	return false
}

// Update handles the table's keys while focused. It never returns a command.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused {
		return m, nil
	}
	page := max(m.bodyHeight(), 1)
	switch {
	case key.Matches(km, m.Keys.Down):
		m.MoveDown(1)
	case key.Matches(km, m.Keys.Up):
		m.MoveUp(1)
	case key.Matches(km, m.Keys.PageDown):
		m.MoveDown(page)
	case key.Matches(km, m.Keys.PageUp):
		m.MoveUp(page)
	case key.Matches(km, m.Keys.HalfDown):
		m.MoveDown(max(page/2, 1))
	case key.Matches(km, m.Keys.HalfUp):
		m.MoveUp(max(page/2, 1))
	case key.Matches(km, m.Keys.Home):
		m.GotoTop()
	case key.Matches(km, m.Keys.End):
		m.GotoBottom()
	case key.Matches(km, m.Keys.ToggleMark):
		m.ToggleMark()
	case key.Matches(km, m.Keys.MarkAll):
		m.MarkAllInView()
	case key.Matches(km, m.Keys.Left):
		m.ScrollColumns(-1)
	case key.Matches(km, m.Keys.Right):
		m.ScrollColumns(1)
	}
	return m, nil
}

// MoveDown and MoveUp move the cursor by n rows, stopping at the ends.
func (m *Model) MoveDown(n int) { m.moveTo(m.cursor + n) }

// MoveUp moves the cursor up by n rows, stopping at the top.
func (m *Model) MoveUp(n int) { m.moveTo(m.cursor - n) }

// GotoTop and GotoBottom move the cursor to the first or last row.
func (m *Model) GotoTop() { m.moveTo(0) }

// GotoBottom moves the cursor to the last row of the view.
func (m *Model) GotoBottom() { m.moveTo(m.ViewLen() - 1) }

// moveTo puts the cursor on view position p (clamped) and scrolls just
// enough to keep it visible.
func (m *Model) moveTo(p int) {
	m.cursor = max(min(p, m.ViewLen()-1), 0)
	body := max(m.bodyHeight(), 1)
	if m.cursor < m.offset {
		m.offset = m.cursor
	} else if m.cursor >= m.offset+body {
		m.offset = m.cursor - body + 1
	}
	m.clampOffset()
}

// clampOffset keeps the window inside the view and the cursor inside the
// window, without leaving blank rows at the bottom when rows could fill them.
func (m *Model) clampOffset() {
	n, body := m.ViewLen(), max(m.bodyHeight(), 1)
	m.cursor = max(min(m.cursor, n-1), 0)
	m.offset = max(min(m.offset, n-body), 0)
	if m.cursor < m.offset {
		m.offset = m.cursor
	} else if m.cursor >= m.offset+body {
		m.offset = m.cursor - body + 1
	}
}

func (m Model) bodyHeight() int { return m.height - 1 }

// measureRows raises contentW to the widest cell of rows from..to.
func (m *Model) measureRows(from, to int) {
	for r := from; r < to; r++ {
		widen(m.contentW, m.cells(r))
	}
}

// takeWidths raises contentW to widths, or measures rows from..to when nil.
func (m *Model) takeWidths(from, to int, widths []int) {
	if widths == nil {
		m.measureRows(from, to)
		return
	}
	for c := 0; c < len(widths) && c < len(m.contentW); c++ {
		m.contentW[c] = max(m.contentW[c], widths[c])
	}
}

// ContentWidths returns the widest cell of each column over the rows (a
// copy): the widths to pass SetSource when the rows change by a few.
func (m Model) ContentWidths() []int { return slices.Clone(m.contentW) }

// Widen raises w to the display width of each cell of row: Measure one row
// at a time (the columns beyond len(w) are not measured).
func Widen(w []int, row []string) { widen(w, row) }

// widen raises w to the display width of each cell of row.
func widen(w []int, row []string) {
	for c := 0; c < len(row) && c < len(w); c++ {
		if cw := displayWidth(row[c]); cw > w[c] {
			w[c] = cw
		}
	}
}

// cells returns the cells of row r.
func (m Model) cells(r int) []string {
	if m.src.Cells != nil {
		return m.src.Cells(r)
	}
	return m.rows[r]
}

func (m *Model) updateMarkWidth() {
	m.markW = 0
	if m.marking {
		m.markW = max(ansi.StringWidth(m.styles.MarkOn), ansi.StringWidth(m.styles.MarkOff)) + colGap
	}
}

// relayout computes the column widths and the header line: once per data
// change or resize, never per frame.
func (m *Model) relayout() {
	if m.contentW == nil {
		return
	}
	m.colOffset = max(min(m.colOffset, m.maxColOffset()), 0)
	m.widths = m.layoutAt(m.colOffset)
	m.header = m.renderHeader()
	m.updateScrollKeys()
}
