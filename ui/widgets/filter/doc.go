// Package filter runs fuzzy filtering (sahilm/fuzzy semantics) off the UI
// thread so a keypress never waits for it.
//
// # Use from a screen
//
//	// on new data (once per load, not per keypress):
//	m.table.SetRows(rows, keys)
//	m.table.SetMatchColumns(searchCols)
//	snap := filter.NewSnapshotFunc(len(rows), func(i int) string {
//		return vtable.JoinCells(rows[i], searchCols) // runs in the first search's Cmd
//	})
//	cmd := m.filter.SetSnapshot(snap) // re-runs the query, if any
//
//	// on every edit of the filter input:
//	cmd := m.filter.SetQuery(m.input.Value())
//
//	// when the answer arrives:
//	case filter.Result:
//		if m.filter.Apply(msg) { // false: stale (an older query or snapshot) — dropped
//			m.table.SetView(msg.Indices, msg.Matches)
//		}
//
// A Filter is a small value meant to live in the screen's model (the zero
// value is ready). Each SetQuery / SetSnapshot takes a new sequence number,
// unique across every Filter of the process, so a Result can only be current
// for the Filter and the query that asked for it; Apply and IsCurrent compare
// it. A search whose query has been superseded stops early (Result.Canceled).
//
// # Results
//
// Result.Indices are the matching snapshot indices, best first, ranked
// exactly as fuzzy.Find ranks them (score descending, ties in index order).
// Result.Matches[i] are the matched byte offsets of Indices[i] in its
// haystack, exactly fuzzy's MatchedIndexes. An empty query means every row:
// Indices and Matches are nil (vtable.SetView(nil, nil) shows every row).
//
// # Speed
//
//   - Narrowing: when the new query extends the last applied one (same
//     snapshot), only the previous result set is searched. A fuzzy match is a
//     case-folded subsequence match, so every match of the longer query is a
//     match of the shorter one; searching those in index order then ranking
//     gives exactly the full search's result (tested).
//   - Exact-search fast path: for an ASCII query, each ASCII haystack is
//     checked with memchr-speed strings.IndexByte over a lowercased copy made
//     once per snapshot. That exact search decides membership with the same
//     answer as fuzzy (a subsequence test; for a one-character query it is an
//     exact-substring test), so most non-matching rows cost a few IndexByte
//     calls. Only survivors are scored, by a byte-level port of fuzzy's
//     scoring that yields the same scores and offsets (tested against
//     fuzzy.Find). Haystacks or queries with non-ASCII text go through
//     sahilm/fuzzy itself, so their ranking is fuzzy's by construction.
//     A plain substring test is not used as the membership test for longer
//     queries: it would drop fuzzy matches and change the result.
//
// A Snapshot costs nothing to create: its haystacks (NewSnapshotFunc) and
// the lowercased index are built once, by the first search, inside its
// command (about 20 ms for 100,000 credential rows on a slow core).
//
// Search and Narrow are the synchronous forms, for tests and for callers
// that already run off the UI thread.
package filter
