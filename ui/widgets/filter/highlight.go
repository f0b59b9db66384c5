package filter

// Positions returns where row (one of r.Indices) matches r.Query: the index
// of its best field (the first of the best, on a tie) and the matched byte
// offsets within that field, ascending — exactly sahilm/fuzzy's
// MatchedIndexes for that field alone (fields numbered as Snapshot.Fields
// numbers them). ok is false when row does not match
// (or r has no query). offsets reuses buf. O(length of the row): meant for
// the rows drawn, so a result keeps nothing per match.
func (r Result) Positions(row int, buf []int) (field int, offsets []int, ok bool) {
	if r.m == nil || r.snap == nil || row < 0 || row >= r.snap.Len() {
		return 0, buf[:0], false
	}
	b, i := r.snap.at(row)
	_, ok, field, _, offsets = r.m.rowScore(b, i, outBuf(buf, r.m.runes))
	return field, offsets, ok
}

// Highlight returns the matched byte offsets of row (one of r.Indices) in
// its fields joined by one separator byte — the haystack vtable.JoinCells
// builds from the same cells, so vtable can draw them — or nil when row
// does not match. offsets reuses buf. See Positions.
func (r Result) Highlight(row int, buf []int) []int {
	if r.m == nil || r.snap == nil || row < 0 || row >= r.snap.Len() {
		return nil
	}
	b, i := r.snap.at(row)
	_, ok, _, fs, offsets := r.m.rowScore(b, i, outBuf(buf, r.m.runes))
	if !ok {
		return nil
	}
	start, _ := b.row(i)
	for k := range offsets {
		offsets[k] += fs - start
	}
	return offsets
}

// outBuf is buf emptied, never nil (rowScore records offsets only then).
func outBuf(buf []int, n int) []int {
	if buf == nil {
		return make([]int, 0, n)
	}
	return buf[:0]
}
