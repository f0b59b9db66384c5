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
	for k, from := 0, start; from < end; k++ {
		fe := from + bytes.IndexByte(b.text[from:end], fieldEnd)
		var s int
		var hit bool
		if wide && !isASCIIBytes(b.text[from:fe]) || !m.fast {
			s, hit, scratch = m.slowField(b, from, fe, scratch[:0])
		} else if isSubsequence(b.text[from:fe], m.pat) {
			hit = true
			scratch, s = scoreField(b, from, fe, m.pat, scratch[:0])
		}
		if hit && (bestField < 0 || s > best) {
			best, bestField, bestStart = s, k, from
			if out != nil {
				out = append(out[:0], scratch...)
			}
		}
		from = fe + 1
	}
	return best, bestField >= 0, bestField, bestStart, out
}

// slowField runs sahilm/fuzzy itself on one field (non-ASCII text or query).
func (m *matcher) slowField(b *block, fs, fe int, out []int) (int, bool, []int) {
	hay := b.original(fs, fe)
	for _, mt := range fuzzy.FindFromIterNoSort(m.query, func(yield func(string) bool) { yield(hay) }) {
		return mt.Score, true, append(out, mt.MatchedIndexes...)
	}
	return 0, false, out
}

// anyField reports whether some field of row r holds pat: the greedy
// subsequence test restarted at each field a first pattern byte occurs in.
// Only for ASCII rows and fast queries.
func (m *matcher) anyField(b *block, r int) bool {
	start, end := b.row(r)
	text := b.text[:end]
	for from := start; from < end; {
		i := bytes.IndexByte(text[from:], m.pat[0])
		if i < 0 {
			return false
		}
		s := from + i
		fe := s + bytes.IndexByte(text[s:], fieldEnd)
		if isSubsequence(text[s+1:fe], m.pat[1:]) {
			return true
		}
		from = fe + 1
	}
	return false
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// isSubsequence reports whether pat occurs in lw in order: the membership
// test of fuzzy for lowercased ASCII, at memchr speed.
func isSubsequence(lw, pat []byte) bool {
	from := 0
	for _, c := range pat {
		i := bytes.IndexByte(lw[from:], c)
		if i < 0 {
			return false
		}
		from += i + 1
	}
	return true
}

// scoreField is fuzzy.FindFromIterNoSort's loop for one ASCII field
// b.text[fs:fe] known to hold pat (lowercased). It appends the matched byte
// offsets (relative to fs) to out and returns the score.
//
// The body of the loop is the original's, quirks included, so scores are
// identical; but instead of visiting every byte it jumps (with IndexByte) to
// the next byte where the original does anything: a candidate for the current
// pattern byte, a byte followed by the next pattern byte (a commit), or the
// last byte. Between those the original only advances last and lastIndex,
// which are recomputed from j. The original's case comes from b's upper bits.
func scoreField(b *block, fs, fe int, pat []byte, out []int) ([]int, int) {
	lw := b.text[fs:fe]
	total, matched := 0, 0
	patternIndex, bestScore, matchedIndex := 0, -1, -1
	currAdjacentMatchBonus, lastMatch := 0, -1
	for j := 0; j < len(lw); j++ {
		j = nextEvent(lw, pat, patternIndex, j)
		if lw[j] == pat[patternIndex] {
			score := 0
			if j == 0 {
				score += firstCharMatchBonus
			}
			if j > 0 && isLower(lw[j-1]) && !b.isUpper(fs+j-1) && b.isUpper(fs+j) {
				score += camelCaseMatchBonus
			}
			if j != 0 && isSeparator(lw[j-1]) {
				score += matchFollowingSeparatorBonus
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
		atEnd := j+1 == len(lw)
		nextMatches := !atEnd && patternIndex < len(pat)-1 && pat[patternIndex+1] == lw[j+1]
		if (nextMatches || atEnd) && matchedIndex > -1 {
			if matched == 0 {
				bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			total += bestScore
			out = append(out, matchedIndex)
			matched++
			lastMatch = matchedIndex
			bestScore = -1
			patternIndex++
			if patternIndex == len(pat) {
				break // only reachable at the end of the field
			}
		}
	}
	return out, total + matched - len(lw)
}

// nextEvent returns the first position ≥ j where scoreField's loop body can
// change its state: lw[e] is the current pattern byte, lw[e+1] is the next
// one, or e is the last position.
func nextEvent(lw, pat []byte, pi, j int) int {
	e := len(lw) - 1
	if i := bytes.IndexByte(lw[j:e], pat[pi]); i >= 0 {
		e = j + i
	}
	if pi+1 < len(pat) && j+1 <= e {
		if i := bytes.IndexByte(lw[j+1:e+1], pat[pi+1]); i >= 0 {
			e = j + i
		}
	}
	return e
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

func isSeparator(c byte) bool {
	switch c {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}
