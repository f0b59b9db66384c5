// Package vtable is a virtualized table for Bubble Tea list screens that may
// hold 100,000 rows and must stay instant.
//
// Only the visible window is rendered: Update and View do O(visible) work and
// allocate nothing proportional to the row count. Column widths are computed
// once per data change (SetRows, AppendRows, SetSource, Grow, SetColumns) or
// resize (SetSize), never per frame.
//
// # Building a table
//
//	st := vtable.DefaultStyles(common.Renderer, accent)
//	t := vtable.New([]vtable.Column{
//		{Title: "ID", Width: 6},               // fixed width
//		{Title: "Identifier", Min: 10, Grow: 2}, // flexible
//		{Title: "Hostname", Max: 30},            // flexible, capped
//	}, st)
//	t.SetRows(rows, keys) // rows [][]string are kept, not copied: do not mutate them
//	t.SetSize(width, height) // height includes the header line
//	t.SetEmptyText("No client credentials yet — press n to add one")
//	t.SetMarking(true)                 // adds the mark column, enables space / ctrl+a
//	t.SetToneFunc(func(row int) vtable.Tone { ... }) // e.g. ToneDim for expired rows
//	t.Focus()
//
// In the screen's Update: `m.table, cmd = m.table.Update(msg)` — only while
// no text input has focus, since j, k, g, G and space are table keys; in
// View: `m.table.View()` (always exactly height lines, each exactly width
// cells). A keypress plus a frame costs about 50 µs and 6 KB at 120×35,
// whatever the row count (BenchmarkKeypress).
//
// # Rows, keys and the cursor
//
// Rows are plain strings, one per column. Control characters in cells are shown
// as "�", so data from a server cannot inject terminal escape sequences. Keys
// (one string per row, e.g. the record id) keep the cursor and the marks on the
// same record across SetView and SetRows; when keys is nil, the row index is
// the key. Cursor returns the index into the rows passed to SetRows (-1 when
// the view is empty); CursorKey its key.
//
// # Rows on demand
//
// A list of a million records need not hold 13 strings per row: SetSource
// gives the table a Source whose Cells(r) makes row r's cells when asked —
// for the rows on screen, at each frame — and whose Key(r) is its key. The
// caller measures the columns where it makes the rows (Measure, off the UI
// thread) and passes the widths; Grow adds rows streamed in after the
// current ones:
//
//	t.SetSource(len(recs), vtable.Source{
//		Cells: func(r int) []string { return recs[r].cells() },
//		Key:   func(r int) string { return recs[r].id },
//	}, widths)
//	t.Grow(len(batch), batchWidths) // the source now has len(batch) more rows
//
// # Views and match highlighting
//
// SetView(indices, matches) shows a subset of rows in the given order; nil
// indices means every row in row order. The cursor stays on the same row key
// when that row is still in the view. SetViewFunc(indices, highlight) is the
// same with the matches computed only for the rows drawn (typically a
// filter.Result: SetViewFunc(res.Indices, res.Highlight)).
//
// matches[i] (optional, nil for no highlight), or highlight(row), lists the
// matched BYTE offsets, ascending, of a row within its haystack: the string
// JoinCells(row, matchCols) where matchCols were given to SetMatchColumns.
// That is the cells of those columns joined by MatchSep (one space). The table
// maps each offset back to its column and highlights that character; offsets
// that fall on a separator are ignored. filter.Result.Highlight gives exactly
// these offsets when the filter's rows were built from the same cells
// (filter.Builder.AddCells(row, matchCols)).
//
// # Marks
//
// With SetMarking(true), space toggles the mark on the cursor row and ctrl+a
// marks every row of the current view. Marked / MarkedRows list the marked
// rows (in row order), MarkedCount counts them and HiddenMarkedCount says how
// many of them the current view hides (O(1): kept up to date incrementally).
// Marks are kept by key: after SetRows, rows whose key is gone lose their mark.
//
// Package vtabletest generates realistic credential rows for tests, demos and
// benchmarks.
//
// # Keys and styles
//
// KeyMap (exported field Keys, satisfying help.KeyMap) lists the bindings:
// ↑/k ↓/j, pgup/pgdown, ctrl+u/ctrl+d, g/home, G/end, space, ctrl+a. The mark
// bindings are disabled while marking is off, so help never lies.
//
// Styles are built from the session's *lipgloss.Renderer (DefaultStyles). Only
// text attributes (colours, bold, faint, italic, underline, reverse,
// strikethrough) of the cell styles are used: they are compiled once to ANSI
// prefixes so rendering a frame never calls lipgloss. The cursor row also gets
// a Pointer glyph in the left gutter, so it stays visible without colour
// (NO_COLOR, ASCII profile).
package vtable
