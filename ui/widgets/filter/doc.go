// Package filter runs fuzzy filtering (sahilm/fuzzy semantics, per field)
// off the UI thread so a keypress never waits for it.
//
// # Use from a screen
//
//	// on new data: a Builder, rows appended as pages arrive (on the UI
//	// thread or in a Cmd: it is safe for concurrent use):
//	m.index = filter.NewBuilder()
//	for _, row := range page {
//		m.index.AddCells(row, searchCols) // searchCols as given to vtable.SetMatchColumns
//	}
//	cmd := m.filter.SetSnapshot(m.index.Snapshot()) // re-runs the query, if any
//
//	// on every edit of the filter input:
//	cmd := m.filter.SetQuery(m.input.Value())
//
//	// when the answer arrives:
//	case filter.Result:
//		if m.filter.Apply(msg) { // false: stale (an older query, older rows or newer result shown) — dropped
//			m.table.SetViewFunc(msg.Indices, msg.Highlight)
//		}
//
// A Filter is a small value meant to live in the screen's model (the zero
// value is ready). Each SetQuery / SetSnapshot takes a new sequence number,
// unique across every Filter of the process, so a Result can only be current
// for the Filter and the query that asked for it; Apply and IsCurrent compare
// it. A search whose query has been superseded stops early (Result.Canceled).
//
// While a list loads, each page extends the snapshot (same Builder) and
// re-runs the query; the latest search and one earlier search still running
// on a shorter snapshot go on (the ones in between stop, so however fast
// pages come at most two run), and Apply takes a result on a shorter
// snapshot if no result asked later is shown yet: exact for the rows it
// covers, so matches stream in during the load while IsCurrent stays false
// until the latest rows are answered.
//
// # Matching and results
//
// A row is one or more fields (the cells of the searched columns). A query
// matches a row when it matches one of its fields as sahilm/fuzzy matches a
// string — never across two fields, so "leg" does not match a row whose name
// ends in "…ble" and whose client id holds a "g". The row's score is its best
// field's fuzzy score.
//
// Result.Indices are the matching rows, best first (score descending, ties in
// row order, as fuzzy.Find ranks). A Result keeps nothing per match: the
// matched positions of a row are computed on demand for the rows drawn
// (Result.Highlight, Result.Positions) — exactly fuzzy's MatchedIndexes for
// the best field. An empty query means every row: Indices is nil.
//
// # Speed
//
//   - Index: a Builder keeps every field in one lowercased byte buffer per
//     block of 4096 rows, each field ended by a NUL (fields are searched up
//     to their first NUL, as fuzzy does), plus one bit per byte for the
//     original case. A Snapshot is a view of the first n rows sharing those
//     buffers, so building it never lands on a keystroke.
//   - Scan: for an ASCII query each block is searched with memchr-speed
//     bytes.IndexByte over the whole block for the query's rarest byte in
//     that block (a byte count per block), so rows without it cost nothing;
//     only the fields holding it are tested (a subsequence test, the same
//     membership as fuzzy's, eight bytes at a time where nothing can match)
//     and only matching fields are scored, by a byte-level port of fuzzy's
//     scoring that yields the same scores and offsets (tested and fuzzed
//     against fuzzy.Find). Fields or queries with non-ASCII text go through
//     sahilm/fuzzy itself. Blocks are split over GOMAXPROCS goroutines.
//   - Ranking: a stable radix sort on the score's distance from the best
//     score (one or two byte passes in practice).
//   - Narrowing: when the new query extends the last applied one and the
//     snapshot holds its rows (the same snapshot, or a longer one from the
//     same Builder), only the previous matches and the rows added since are
//     checked: as a bitmap, rows outside it skipped. Every fuzzy match of the
//     longer query is a match of the shorter one (tested equal to a full
//     search). When the previous result holds most rows, the plain scan
//     runs: the bitmap would skip almost nothing.
//
// Scale benchmarks (100k and 1M rows, fresh and narrowed keystrokes, a
// selective and a match-everything query, the stock bubbles/list filter as
// the baseline, held memory after one and ten filters):
//
//	go test -tags scale -run '^$' -bench 'Scale' -benchmem -timeout 60m ./ui/widgets/filter/
//
// Search and Narrow are the synchronous forms, for tests and for callers
// that already run off the UI thread.
package filter
