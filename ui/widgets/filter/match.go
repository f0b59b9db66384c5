package filter

import (
	"bytes"

	"github.com/sahilm/fuzzy"
)

// Scoring constants of sahilm/fuzzy v0.1.3, which this file ports to bytes.
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15
)

// matcher is one query, ready to test rows of a block.
type matcher struct {
	query string
	pat   []byte // lowercased query bytes
	fast  bool   // ASCII query without NUL: the byte-level path applies
	none  bool   // the query holds a NUL: nothing matches (fuzzy cuts fields there)
	runes int    // runes in query: offsets per match
}

func newMatcher(query string) *matcher {
	m := &matcher{query: query, pat: []byte(query), runes: len([]rune(query))}
	for i := range m.pat {
		m.pat[i] = lowerASCII(m.pat[i])
	}
	m.none = bytes.IndexByte(m.pat, 0) >= 0
	m.fast = isASCII(query) && !m.none
	return m
}

// rowScore returns the score of row r of b: its best field's score, or
// ok=false when no field matches. field is the best field's index and
// [fs, fe) its bounds in b.text; out (may be nil) receives the best field's
// matched offsets, relative to fs, when it is not nil.
func (m *matcher) rowScore(b *block, r int, out []int) (score int, ok bool, field, fs int, offs []int) {
	if m.none {
		return 0, false, 0, 0, out
	}
	start, end := b.row(r)
	wide := b.isWide(r)
	best, bestField, bestStart := 0, -1, 0
	var scratch []int
	if out != nil {
		scratch = make([]int, 0, m.runes)
	}
	for k, from := 0, start; from < end; k++ {
		fe := from + bytes.IndexByte(b.text[from:end], fieldEnd)
		var s int
		var hit bool
		if wide && !isASCIIBytes(b.text[from:fe]) || !m.fast {
			s, hit, scratch = m.slowField(b, from, fe, scratch)
		} else if p := seek(b.text, from, m.pat[0]); b.text[p] != fieldEnd {
			scratch, s, _, hit = scoreField(b, from, p, m.pat, scratch)
		}
		if hit && (bestField < 0 || s > best) {
			best, bestField, bestStart = s, k, from
			if out != nil {
				out = append(out[:0], scratch...)
			}
		}
		if scratch != nil {
			scratch = scratch[:0]
		}
		from = fe + 1
	}
	return best, bestField >= 0, bestField, bestStart, out
}

// slowField runs sahilm/fuzzy itself on one field (non-ASCII text or query).
func (m *matcher) slowField(b *block, fs, fe int, out []int) (int, bool, []int) {
	hay := b.original(fs, fe)
	ms := fuzzy.FindFromIterNoSort(m.query, func(yield func(string) bool) { yield(hay) })
	if len(ms) == 0 {
		return 0, false, out
	}
	if out != nil {
		out = append(out, ms[0].MatchedIndexes...)
	}
	return ms[0].Score, true, out
}

// scanRange finds the matching ASCII rows of b that have a byte in
// text[lo:hi) (lo at the start of row first), in row order, for a fast
// query. It jumps
// with IndexByte to each occurrence of the query's first byte; only the
// field holding it is tested (the subsequence test restarted per field: a
// field's first occurrence is its best chance) and, when it holds the query,
// scored. A row's score is its best field's (the first best, as rowScore).
// Rows with non-ASCII text, and rows not in set (when set is not nil), are
// left out: the caller handles those.
func (m *matcher) scanRange(b *block, base, first, lo, hi int, set rowSet, hits []hit) []hit {
	text, c := b.text[:hi], m.pat[0]
	w := rowWalk{b: b, base: base, set: set, r: first - 1, rowEnd: lo, hits: hits}
	for from := lo; from < hi; {
		i := bytes.IndexByte(text[from:], c)
		if i < 0 {
			break
		}
		p := from + i
		if p >= w.rowEnd && !w.enter(p) {
			from = w.rowEnd
			continue
		}
		// Does the rest of the field hold the rest of pat (a plain loop:
		// fields are short)? Only then is it scored.
		pi, fe := 1, p+1
		for ; pi < len(m.pat); pi++ {
			fe = seek(text, fe, m.pat[pi])
			if text[fe] == fieldEnd {
				break
			}
			fe++
		}
		fe = seek(text, fe, fieldEnd)
		from = fe + 1
		if pi < len(m.pat) {
			continue
		}
		_, s, _, _ := scoreField(b, w.fieldStart(p), p, m.pat, nil)
		w.score(s)
	}
	return w.done()
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// rarest returns the index of the query byte that occurs least in b (the
// first of them on a tie): scanning for it visits the fewest fields.
func (m *matcher) rarest(b *block) int {
	k := 0
	for i, c := range m.pat {
		if b.count[c] < b.count[m.pat[k]] {
			k = i
		}
	}
	return k
}

// scanAnchor is scanRange over the whole block jumping to pat[k] (k > 0, a
// rarer byte than pat[0]) instead: each field holding it is tested whole
// (greedy subsequence from its start) and, when it holds the query, scored.
func (m *matcher) scanAnchor(b *block, base, k int, set rowSet, hits []hit) []hit {
	text, c := b.text, m.pat[k]
	w := rowWalk{b: b, base: base, set: set, r: -1, hits: hits}
	for from := 0; from < len(text); {
		i := bytes.IndexByte(text[from:], c)
		if i < 0 {
			break
		}
		p := from + i
		if p >= w.rowEnd && !w.enter(p) {
			from = w.rowEnd
			continue
		}
		fs := w.fieldStart(p)
		from = seek(text, p, fieldEnd) + 1
		if !holds(text, fs, m.pat) {
			continue
		}
		_, s, _, _ := scoreField(b, fs, seek(text, fs, m.pat[0]), m.pat, nil)
		w.score(s)
	}
	return w.done()
}

// rowWalk follows a scan of a block's text through its rows, for
// scanRange and scanAnchor: it keeps the current row's bounds and best
// field score, and appends a hit for each row that had one.
type rowWalk struct {
	b        *block
	base     int
	set      rowSet // rows to visit; nil: all
	r        int    // current row
	rowStart int
	rowEnd   int
	best     int
	have     bool
	hits     []hit
}

// enter moves the walk to the row holding text offset p (p ≥ rowEnd: the
// callers test that inline, it is the hot path) and reports whether that
// row is to be scanned; when not (a row with non-ASCII text, or one outside
// set) the scan goes on at rowEnd.
func (w *rowWalk) enter(p int) bool {
	w.flush()
	for w.r++; int(w.b.ends[w.r]) <= p; w.r++ {
	}
	w.rowStart, w.rowEnd = w.b.row(w.r)
	return !w.b.isWide(w.r) && (w.set == nil || w.set.has(w.base+w.r))
}

// fieldStart is the start of the field holding p in the current row.
func (w *rowWalk) fieldStart(p int) int {
	fs := p
	for fs > w.rowStart && w.b.text[fs-1] != fieldEnd {
		fs--
	}
	return fs
}

// score records a matching field's score; a row's score is its best.
func (w *rowWalk) score(s int) {
	if !w.have || s > w.best {
		w.best, w.have = s, true
	}
}

func (w *rowWalk) flush() {
	if w.have {
		w.hits = append(w.hits, hit{score: w.best, row: w.base + w.r})
		w.have = false
	}
}

// done ends the walk and returns the hits.
func (w *rowWalk) done() []hit {
	w.flush()
	return w.hits
}

// holds reports whether the field starting at fs holds pat in order.
func holds(text []byte, fs int, pat []byte) bool {
	for _, c := range pat {
		if fs = seek(text, fs, c); text[fs] == fieldEnd {
			return false
		}
		fs++
	}
	return true
}

// scoreField is fuzzy.FindFromIterNoSort's loop for the ASCII field
// starting at fs in b.text (pat lowercased), byte for byte, quirks included,
// so scores and membership are identical; the original's case comes from b's
// upper bits. It appends the matched byte offsets (relative to fs) to out
// (when not nil) and returns the score, the field's end and whether the
// field matches. It starts at from: the first occurrence of pat[0] in the
// field, or fs (before the first pat[0] the original changes nothing).
// Fields are short (cells), so a plain loop beats jumping with IndexByte.
func scoreField(b *block, fs, from int, pat []byte, out []int) (_ []int, score, fe int, ok bool) {
	lw := b.text[fs:] // up to the field's end (NUL): lw[j+1] == NUL means j is the last byte
	total, matched := 0, 0
	patternIndex, bestScore, matchedIndex := 0, -1, -1
	currAdjacentMatchBonus, lastMatch := 0, -1
	p0, p1 := pat[0], nextPat(pat, 0)
	j := from - fs
	for ; lw[j] != fieldEnd; j++ {
		j = nextEvent(lw, j, p0, p1)
		c, next := lw[j], lw[j+1]
		if c == p0 {
			score := 0
			if j == 0 {
				score += firstCharMatchBonus
			} else {
				if b.isUpper(fs+j) && isLower(lw[j-1]) && !b.isUpper(fs+j-1) {
					score += camelCaseMatchBonus
				}
				if isSeparator(lw[j-1]) {
					score += matchFollowingSeparatorBonus
				}
			}
			if matched > 0 {
				bonus := 0
				if j-1 == lastMatch {
					bonus = currAdjacentMatchBonus*2 + adjacentMatchBonus
				}
				score += bonus
				currAdjacentMatchBonus += bonus
			}
			if score > bestScore {
				bestScore, matchedIndex = score, j
			}
		}
		// Commit when the next pattern byte comes next, or at the end.
		if (next == fieldEnd || patternIndex < len(pat)-1 && next == p1) && matchedIndex > -1 {
			if matched == 0 {
				bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			total += bestScore
			if out != nil {
				out = append(out, matchedIndex)
			}
			matched++
			lastMatch = matchedIndex
			bestScore = -1
			patternIndex++
			if patternIndex == len(pat) {
				j++ // only reachable at the last byte of the field
				break
			}
			p0, p1 = pat[patternIndex], nextPat(pat, patternIndex)
		}
	}
	return out, total + matched - j, fs + j, patternIndex == len(pat)
}

// nextEvent returns the first k ≥ j where scoreField's loop body does
// anything: lw[k] is p0, or lw[k+1] is p1 or the field's end. A small loop
// of its own so its few variables stay in registers. lw[j] is not NUL.
func nextEvent(lw []byte, j int, p0, p1 byte) int {
	for j+9 <= len(lw) && hasByte(word(lw, j), p0)|hasByte(word(lw, j+1), p1)|hasZero(word(lw, j+1)) == 0 {
		j += 8
	}
	for {
		next := lw[j+1]
		if lw[j] == p0 || next == p1 || next == fieldEnd {
			return j
		}
		j++
	}
}

// seek returns the first k ≥ i where text[k] is c or the field's end.
func seek(text []byte, i int, c byte) int {
	for i+8 <= len(text) && hasByte(word(text, i), c)|hasZero(word(text, i)) == 0 {
		i += 8
	}
	for text[i] != c && text[i] != fieldEnd {
		i++
	}
	return i
}

// nextPat is the pattern byte after pi, or fieldEnd after the last (which
// then only "comes next" at the end of the field, as in the original).
func nextPat(pat []byte, pi int) byte {
	if pi+1 < len(pat) {
		return pat[pi+1]
	}
	return fieldEnd
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

func isSeparator(c byte) bool {
	switch c {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}
