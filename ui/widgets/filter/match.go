package filter

import (
	"bytes"
	"cmp"
	"slices"

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

// cancelEvery is how many rows a search checks between looks at stop.
const cancelEvery = 2048

// hit is one match before ranking; pos indexes the shared offsets slice.
type hit struct {
	score int
	index int
	pos   int
}

// search runs query over the rows candidates (nil: every row, in index
// order). stop (may be nil) reports that the answer is no longer wanted.
func search(s *Snapshot, query string, candidates []int, stop func() bool) Result {
	s.build()
	pat := []byte(query)
	fast := isASCII(query)
	for i := range pat {
		pat[i] = lowerASCII(pat[i])
	}
	n := len([]rune(query))
	var hits []hit
	var offsets []int
	var slow []int
	count := s.Len()
	if candidates != nil {
		count = len(candidates)
	}
	for k := range count {
		if k%cancelEvery == 0 && stop != nil && stop() {
			return Result{Query: query, Canceled: true}
		}
		i := k
		if candidates != nil {
			i = candidates[k]
		}
		if !fast || !s.ascii[i] {
			slow = append(slow, i)
			continue
		}
		lw := s.lowerAt(i)
		if !isSubsequence(lw, pat) {
			continue
		}
		start := len(offsets)
		var score int
		offsets, score = scoreASCII(s.hay[i], lw, pat, offsets)
		hits = append(hits, hit{score: score, index: i, pos: start})
	}
	hits, offsets = searchSlow(s, query, slow, hits, offsets)
	return rank(query, hits, offsets, n)
}

// narrow searches only base's rows: in index order, so ties rank as in a
// full search.
func narrow(s *Snapshot, query string, base []int, stop func() bool) Result {
	rows := slices.Clone(base)
	slices.Sort(rows)
	return search(s, query, rows, stop)
}

// searchSlow runs sahilm/fuzzy itself over the rows the fast path cannot take.
func searchSlow(s *Snapshot, query string, rows []int, hits []hit, offsets []int) ([]hit, []int) {
	if len(rows) == 0 {
		return hits, offsets
	}
	for _, m := range fuzzy.FindFromNoSort(query, subset{s, rows}) {
		hits = append(hits, hit{score: m.Score, index: rows[m.Index], pos: len(offsets)})
		offsets = append(offsets, m.MatchedIndexes...)
	}
	return hits, offsets
}

type subset struct {
	s    *Snapshot
	rows []int
}

func (u subset) String(i int) string { return u.s.hay[u.rows[i]] }
func (u subset) Len() int            { return len(u.rows) }

// rank orders hits as fuzzy.Find does (stable sort by score descending: ties
// keep index order) and lays them out as a Result.
func rank(query string, hits []hit, offsets []int, n int) Result {
	slices.SortFunc(hits, func(a, b hit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.index, b.index)
	})
	r := Result{Query: query, Indices: make([]int, len(hits)), Matches: make([][]int, len(hits))}
	for k, h := range hits {
		r.Indices[k] = h.index
		r.Matches[k] = offsets[h.pos : h.pos+n : h.pos+n]
	}
	return r
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

// scoreASCII is fuzzy.FindFromIterNoSort's loop for one ASCII haystack orig
// (lw is its lowercased copy, pat the lowercased pattern) known to match. It
// appends the matched byte offsets to out and returns the score.
//
// The body of the loop is the original's, quirks included, so scores are
// identical; but instead of visiting every byte it jumps (with IndexByte) to
// the next byte where the original does anything: a candidate for the current
// pattern byte, a byte followed by the next pattern byte (a commit), or the
// last byte. Between those the original only advances last and lastIndex,
// which are recomputed from j.
func scoreASCII(orig string, lw, pat []byte, out []int) ([]int, int) {
	total, matched := 0, 0
	patternIndex, bestScore, matchedIndex := 0, -1, -1
	currAdjacentMatchBonus, lastMatch := 0, -1
	for j := 0; j < len(lw); j++ {
		j = nextEvent(lw, pat, patternIndex, j)
		var last byte
		lastIndex := 0
		if j > 0 {
			last, lastIndex = orig[j-1], j-1
		}
		candidate := orig[j]
		if lw[j] == pat[patternIndex] {
			score := 0
			if j == 0 {
				score += firstCharMatchBonus
			}
			if isLower(last) && isUpper(candidate) {
				score += camelCaseMatchBonus
			}
			if j != 0 && isSeparator(last) {
				score += matchFollowingSeparatorBonus
			}
			if matched > 0 {
				bonus := 0
				if lastIndex == lastMatch {
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
				break // only reachable at the end of the haystack
			}
		}
	}
	return out, total + matched - len(lw)
}

// nextEvent returns the first position ≥ j where scoreASCII's loop body can
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
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func isSeparator(c byte) bool {
	switch c {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}
