package filter

import (
	"math/bits"
	"runtime"
	"sync"
)

// hit is one matching row before ranking.
type hit struct {
	score int
	row   int
}

// rowSet is a set of rows as a bitmap (one bit per snapshot row).
type rowSet []uint64

func newRowSet(n int, rows []int) rowSet {
	s := make(rowSet, (n+63)/64)
	for _, r := range rows {
		if r >= 0 && r < n {
			s[r>>6] |= 1 << (r & 63)
		}
	}
	return s
}

func (s rowSet) has(r int) bool { return s[r>>6]>>(r&63)&1 != 0 }

// count returns how many rows of [from, to) are in s.
func (s rowSet) count(from, to int) int {
	n := 0
	for r := from; r < to; {
		if r&63 == 0 && r+64 <= to {
			n += bits.OnesCount64(s[r>>6])
			r += 64
			continue
		}
		if s.has(r) {
			n++
		}
		r++
	}
	return n
}

// search runs the query over the snapshot's rows (within set when set is
// non-nil: narrowing). stop (may be nil) reports that the answer is no
// longer wanted; then it returns canceled. Blocks are split over the
// available cores; each worker keeps its hits in row order, so their
// concatenation is in row order and ties rank as fuzzy ranks them.
func search(s *Snapshot, query string, set rowSet, stop func() bool) ([]int, bool) {
	s.build()
	m := newMatcher(query)
	workers := min(runtime.GOMAXPROCS(0), len(s.blocks))
	if workers <= 1 {
		hits, ok := searchBlocks(s, m, set, 0, len(s.blocks), stop, getHits())
		defer putHits(hits)
		if !ok {
			return nil, false
		}
		return rank(hits), true
	}
	parts := make([][]hit, workers)
	canceled := make([]bool, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(s.blocks)/workers, (w+1)*len(s.blocks)/workers
		wg.Go(func() {
			var ok bool
			parts[w], ok = searchBlocks(s, m, set, lo, hi, stop, getHits())
			canceled[w] = !ok
		})
	}
	wg.Wait()
	defer func() {
		for _, p := range parts {
			putHits(p)
		}
	}()
	for _, c := range canceled {
		if c {
			return nil, false
		}
	}
	return rankParts(parts), true
}

// searchBlocks appends to hits the matching rows of blocks [lo, hi), in
// row order; false when stop said so.
func searchBlocks(s *Snapshot, m *matcher, set rowSet, lo, hi int, stop func() bool, hits []hit) ([]hit, bool) {
	for k := lo; k < hi; k++ {
		if stop != nil && stop() {
			return hits, false
		}
		b, base := &s.blocks[k], k*blockRows
		if set != nil && set.count(base, base+b.rows())*8 < b.rows() {
			hits = searchRows(b, base, m, set, hits)
			continue
		}
		hits = scanBlock(b, base, m, set, hits)
	}
	return hits, true
}

// searchRows checks only the rows of b in set (sparse narrowing).
func searchRows(b *block, base int, m *matcher, set rowSet, hits []hit) []hit {
	for r := range b.rows() {
		if !set.has(base + r) {
			continue
		}
		if m.fast && !b.isWide(r) {
			start, end := b.row(r)
			hits = m.scanRange(b, base, r, start, end, nil, hits)
			continue
		}
		if score, ok, _, _, _ := m.rowScore(b, r, nil); ok {
			hits = append(hits, hit{score: score, row: base + r})
		}
	}
	return hits
}

// scanBlock finds b's matching rows (in set, when set is non-nil). For a
// fast query it scans the whole block (scanRange), so rows without the
// query's first byte cost nothing; rows with non-ASCII text may match
// without that byte (fuzzy folds Unicode case) and are checked one by one.
func scanBlock(b *block, base int, m *matcher, set rowSet, hits []hit) []hit {
	if !m.fast {
		for r := range b.rows() {
			if set != nil && !set.has(base+r) {
				continue
			}
			if score, ok, _, _, _ := m.rowScore(b, r, nil); ok {
				hits = append(hits, hit{score: score, row: base + r})
			}
		}
		return hits
	}
	start := len(hits)
	if k := m.rarest(b); k > 0 {
		hits = m.scanAnchor(b, base, k, set, hits)
	} else {
		hits = m.scanRange(b, base, 0, 0, len(b.text), set, hits)
	}
	if hasWide(b) {
		hits = addWide(b, base, m, set, hits, start)
	}
	return hits
}

func hasWide(b *block) bool {
	for _, w := range b.wide {
		if w != 0 {
			return true
		}
	}
	return false
}

// addWide scores b's rows with non-ASCII text and merges them, in row
// order, into hits[start:].
func addWide(b *block, base int, m *matcher, set rowSet, hits []hit, start int) []hit {
	var extra []hit
	for r := range b.rows() {
		if !b.isWide(r) || set != nil && !set.has(base+r) {
			continue
		}
		if score, ok, _, _, _ := m.rowScore(b, r, nil); ok {
			extra = append(extra, hit{score: score, row: base + r})
		}
	}
	if len(extra) == 0 {
		return hits
	}
	merged := make([]hit, 0, len(hits)-start+len(extra))
	a := hits[start:]
	for len(a) > 0 || len(extra) > 0 {
		if len(extra) == 0 || len(a) > 0 && a[0].row < extra[0].row {
			merged, a = append(merged, a[0]), a[1:]
		} else {
			merged, extra = append(merged, extra[0]), extra[1:]
		}
	}
	return append(hits[:start], merged...)
}

var hitPool sync.Pool

func getHits() []hit {
	if p, ok := hitPool.Get().(*[]hit); ok {
		return (*p)[:0]
	}
	return nil
}

// putHits keeps a scratch slice for the next search (sync.Pool lets it go
// at the second garbage collection without a search, so memory stays flat).
func putHits(h []hit) {
	if cap(h) == 0 {
		return
	}
	h = h[:0]
	hitPool.Put(&h)
}
