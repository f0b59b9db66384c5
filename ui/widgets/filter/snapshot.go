package filter

import (
	"slices"
	"strings"
	"sync"
)

// blockRows is how many rows one block of the index holds: the unit of
// parallel work and of cancellation checks.
const blockRows = 4096

// fieldEnd ends every field in a block's text. Fields are searched up to
// their first NUL (as sahilm/fuzzy does), so it never occurs inside one and a
// match can never span two fields.
const fieldEnd = 0

// block holds the text of up to blockRows consecutive rows. Bytes below a
// reader's len are never written again: a Snapshot keeps copies of these
// slice headers and reads them while the Builder appends after them.
type block struct {
	text  []byte       // each row's fields, each followed by fieldEnd; ASCII letters lowercased
	upper []uint64     // bit j: text[j] was an upper-case ASCII letter (so the original is recoverable)
	ends  []uint32     // ends[i]: end of row i in text; row i starts at ends[i-1] (0 for the first)
	wide  []uint64     // bit i: row i holds a byte ≥ 0x80; its non-ASCII fields go through sahilm/fuzzy
	count *[256]uint32 // occurrences of each (lowercased) byte: a scan jumps to the query's rarest
}

func (b *block) rows() int { return len(b.ends) }

// row returns the bounds of row i in b.text.
func (b *block) row(i int) (start, end int) {
	if i > 0 {
		start = int(b.ends[i-1])
	}
	return start, int(b.ends[i])
}

func (b *block) isUpper(j int) bool { return b.upper[j>>6]>>(j&63)&1 != 0 }
func (b *block) isWide(i int) bool  { return b.wide[i>>6]>>(i&63)&1 != 0 }

// original returns text[from:to] as it was appended (upper case restored).
func (b *block) original(from, to int) string {
	out := []byte(string(b.text[from:to]))
	for j := range out {
		if b.isUpper(from + j) {
			out[j] -= 'a' - 'A'
		}
	}
	return string(out)
}

// Builder is an append-only index of rows, each row one or more fields (the
// columns a filter searches). A match always lies within one field; a row's
// score is its best field's score.
//
// Append rows batch by batch while a list loads; Snapshot returns a
// read-only view of the rows appended so far. A Snapshot shares the
// Builder's buffers (nothing appended before is copied again) and stays
// valid and unchanged while more rows are appended, so searches on it may
// run concurrently with Add. Builder methods are safe for concurrent use.
// When rows are appended ahead of the ones shown (in a page's command),
// Snapshot().Prefix(shown) searches only those shown.
//
//	// once per load:
//	b := filter.NewBuilder()
//	// per page, as it arrives (the cells of the searched columns, in order):
//	for _, row := range page {
//		b.AddCells(row, searchCols) // same columns as vtable.SetMatchColumns
//	}
//	cmd := m.filter.SetSnapshot(b.Snapshot()) // re-runs the query, if any
//
// Memory: the text once (lowercased), plus one bit per byte, 4 bytes per
// row and one bit per row. A row is at most 4 GiB of text.
type Builder struct {
	mu     sync.Mutex
	blocks []block
	n      int
	cells  []string // scratch of AddCells
}

// NewBuilder returns an empty index.
func NewBuilder() *Builder { return &Builder{} }

// Add appends one row whose searchable fields are fields, in order.
func (b *Builder) Add(fields ...string) {
	b.mu.Lock()
	b.add(fields)
	b.mu.Unlock()
}

// AddCells appends one row whose fields are row[c] for c in cols (columns
// out of range are skipped, as vtable.JoinCells skips them).
func (b *Builder) AddCells(row []string, cols []int) {
	b.mu.Lock()
	b.addCells(row, cols)
	b.mu.Unlock()
}

func (b *Builder) addCells(row []string, cols []int) {
	b.cells = b.cells[:0]
	for _, c := range cols {
		if c >= 0 && c < len(row) {
			b.cells = append(b.cells, row[c])
		}
	}
	b.add(b.cells)
}

// Len is the number of rows appended so far.
func (b *Builder) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

// Snapshot returns a read-only view of the rows appended so far, in
// O(rows/4096) plus a copy of the last block's bitmaps (at most 4096 rows').
func (b *Builder) Snapshot() *Snapshot {
	b.mu.Lock()
	defer b.mu.Unlock()
	blocks := slices.Clone(b.blocks)
	if k := len(blocks) - 1; k >= 0 {
		// Text and row ends are only ever written past what this snapshot
		// reads; bitmap words are shared with the next rows, so copy them.
		blocks[k].upper = slices.Clone(blocks[k].upper)
		blocks[k].wide = slices.Clone(blocks[k].wide)
		count := *blocks[k].count
		blocks[k].count = &count
	}
	return &Snapshot{n: b.n, blocks: blocks, origin: b}
}

func (b *Builder) add(fields []string) {
	if len(b.blocks) == 0 || b.blocks[len(b.blocks)-1].rows() == blockRows {
		b.blocks = append(b.blocks, b.newBlock())
	}
	blk := &b.blocks[len(b.blocks)-1]
	blk.addRow(fields)
	b.n++
}

// newBlock sizes the next block's text like the previous one's, so full
// blocks hold little spare capacity (growing by doubling would waste up to
// half of it).
func (b *Builder) newBlock() block {
	nb := block{ends: make([]uint32, 0, blockRows), wide: make([]uint64, blockRows/64), count: new([256]uint32)}
	if k := len(b.blocks); k > 0 {
		size := len(b.blocks[k-1].text)
		size += size / 16
		nb.text = make([]byte, 0, size)
		nb.upper = make([]uint64, 0, (size+63)/64)
	}
	return nb
}

func (blk *block) addRow(fields []string) {
	i := blk.rows()
	for _, full := range fields {
		f := cutNUL(full)
		start := len(blk.text)
		blk.text = append(blk.text, f...)
		// From a NUL on, a field is not searched (as sahilm/fuzzy); NULs in
		// its place keep every later offset where vtable.JoinCells puts it.
		for range len(full) - len(f) {
			blk.text = append(blk.text, fieldEnd)
		}
		blk.text = append(blk.text, fieldEnd)
		for len(blk.upper)*64 < len(blk.text) {
			blk.upper = append(blk.upper, 0)
		}
		wide := blk.fold(start, start+len(f))
		if wide {
			blk.wide[i>>6] |= 1 << (i & 63)
		}
	}
	blk.ends = append(blk.ends, uint32(len(blk.text)))
}

// fold lowercases text[from:to] (ASCII letters; their bits in upper), counts
// its bytes and reports whether it holds a byte ≥ 0x80.
func (blk *block) fold(from, to int) (wide bool) {
	text, upper, count := blk.text[from:to], blk.upper, blk.count
	for k, c := range text {
		if c-'A' < 26 {
			c += 'a' - 'A'
			text[k] = c
			j := from + k
			upper[j>>6] |= 1 << (j & 63)
		}
		wide = wide || c >= 0x80
		count[c]++
	}
	return wide
}

// Snapshot is an immutable set of searchable rows. Safe for concurrent
// searches. Build one with a Builder (incrementally) or NewSnapshot /
// NewSnapshotFunc (one field per row, indexed by the first search).
type Snapshot struct {
	n      int
	blocks []block
	origin *Builder // the Builder it is a prefix of; nil for NewSnapshot

	once sync.Once
	fill func(b *Builder) // deferred rows (NewSnapshotFunc, NewSnapshotCells); nil when built
}

// NewSnapshot is a snapshot of one field per row: haystacks[i] is row i.
func NewSnapshot(haystacks []string) *Snapshot {
	return NewSnapshotFunc(len(haystacks), func(i int) string { return haystacks[i] })
}

// NewSnapshotFunc defers building the n one-field rows to the first search,
// off the UI thread: hay(i) is called once per row from that search's
// goroutine, so it must only read data nobody modifies any more.
func NewSnapshotFunc(n int, hay func(i int) string) *Snapshot {
	return &Snapshot{n: n, fill: func(b *Builder) {
		for i := range n {
			b.add([]string{hay(i)})
		}
	}}
}

// NewSnapshotCells is a snapshot of rows whose fields are the cells of cols
// (as Builder.AddCells), indexed by the first search, off the UI thread:
// for a screen that replaces its rows at once (an edit of one row of a
// million) instead of appending. rows must not be modified afterwards.
func NewSnapshotCells(rows [][]string, cols []int) *Snapshot {
	return &Snapshot{n: len(rows), fill: func(b *Builder) {
		for _, row := range rows {
			b.addCells(row, cols)
		}
	}}
}

// Len is the number of rows.
func (s *Snapshot) Len() int { return s.n }

// Prefix returns the view of s's first n rows (all of them when n ≥ Len):
// for a screen whose Builder runs ahead of the rows it shows (pages indexed
// in their command before they are applied). It shares s's buffers.
func (s *Snapshot) Prefix(n int) *Snapshot {
	s.build()
	if n >= s.n {
		return s
	}
	n = max(n, 0)
	k := (n + blockRows - 1) / blockRows
	blocks := slices.Clone(s.blocks[:k])
	if r := n - (k-1)*blockRows; k > 0 && r < blocks[k-1].rows() {
		last := &blocks[k-1]
		last.ends = last.ends[:r]
		last.text = last.text[:last.ends[r-1]]
	}
	return &Snapshot{n: n, blocks: blocks, origin: s.origin}
}

// extends reports whether old's rows are s's first rows: the same snapshot,
// or an earlier snapshot of the same Builder.
func (s *Snapshot) extends(old *Snapshot) bool {
	return s != nil && old != nil && (s == old || s.origin != nil && s.origin == old.origin && old.n <= s.n)
}

// build indexes the deferred rows, once.
func (s *Snapshot) build() {
	s.once.Do(func() {
		if s.fill == nil {
			return
		}
		var b Builder
		s.fill(&b)
		s.blocks, s.fill = b.blocks, nil
	})
}

// at returns the block of row i and i's index in it.
func (s *Snapshot) at(i int) (*block, int) {
	return &s.blocks[i/blockRows], i % blockRows
}

// Fields returns row i's fields as searched: each up to its first NUL. (A
// field holding a NUL — never one from the server, which refuses control
// characters — counts as several, the rest of them empty.)
func (s *Snapshot) Fields(i int) []string {
	s.build()
	b, r := s.at(i)
	start, end := b.row(r)
	var out []string
	for start < end {
		e := start + strings.IndexByte(string(b.text[start:end]), fieldEnd)
		out = append(out, b.original(start, e))
		start = e + 1
	}
	return out
}

// cutNUL limits s to its first NUL, as sahilm/fuzzy does.
func cutNUL(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
