package filter

import (
	"strings"
	"sync"
)

// Snapshot is an immutable set of searchable strings (one haystack per row).
// Its search index (a lowercased copy for the fast path) is built once, by
// the first search, inside that search's command: creating a Snapshot costs
// nothing on the UI thread. Safe for concurrent searches.
type Snapshot struct {
	n    int
	src  func(i int) string // builds haystack i; nil when hay was given
	once sync.Once

	hay   []string
	lower []byte  // lowercased ASCII haystacks, concatenated
	offs  []int32 // haystack i is lower[offs[i]:offs[i+1]] when ascii[i]
	ascii []bool  // haystack i (up to its first NUL) is ASCII
}

// NewSnapshot takes ownership of haystacks: do not modify them afterwards.
func NewSnapshot(haystacks []string) *Snapshot {
	return &Snapshot{n: len(haystacks), hay: haystacks}
}

// NewSnapshotFunc defers building the n haystacks to the first search, off
// the UI thread: hay(i) is called once per row from that search's goroutine,
// so it must only read data nobody modifies any more (e.g. the rows given to
// vtable.SetRows):
//
//	filter.NewSnapshotFunc(len(rows), func(i int) string { return vtable.JoinCells(rows[i], cols) })
func NewSnapshotFunc(n int, hay func(i int) string) *Snapshot {
	return &Snapshot{n: n, src: hay}
}

// Len is the number of haystacks.
func (s *Snapshot) Len() int { return s.n }

// String returns haystack i.
func (s *Snapshot) String(i int) string {
	s.build()
	return s.hay[i]
}

// build makes the haystacks (when deferred) and the fast path's index.
func (s *Snapshot) build() {
	s.once.Do(func() {
		if s.src != nil {
			s.hay = make([]string, s.n)
			for i := range s.hay {
				s.hay[i] = s.src(i)
			}
			s.src = nil
		}
		s.index()
	})
}

func (s *Snapshot) index() {
	s.offs = make([]int32, s.n+1)
	s.ascii = make([]bool, s.n)
	total := 0
	for _, h := range s.hay {
		total += len(h)
	}
	buf := make([]byte, 0, total)
	for i, h := range s.hay {
		h = cutNUL(h)
		if isASCII(h) {
			s.ascii[i] = true
			start := len(buf)
			buf = append(buf, h...)
			lowerInPlace(buf[start:])
		}
		s.offs[i+1] = int32(len(buf))
	}
	s.lower = buf
}

// lowerAt returns the lowercased haystack i; only valid when ascii[i].
func (s *Snapshot) lowerAt(i int) []byte { return s.lower[s.offs[i]:s.offs[i+1]] }

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

func lowerInPlace(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
