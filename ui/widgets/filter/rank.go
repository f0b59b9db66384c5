package filter

import (
	"math/bits"
	"slices"
)

// rankParts ranks the concatenation of parts (each in row order, parts in
// row order).
func rankParts(parts [][]hit) []int {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	all := slices.Grow(getHits(), n)
	for _, p := range parts {
		all = append(all, p...)
	}
	defer putHits(all)
	return rank(all)
}

// rank returns the rows of hits (given in row order; used as scratch) best
// first: score descending, ties in row order — the order of fuzzy.Find's
// stable sort.
// A least-significant-digit radix sort on the score's distance from the best
// score: stable, so ties keep row order, and O(hits) per byte of the score
// range (usually one or two bytes).
func rank(hits []hit) []int {
	out := make([]int, len(hits))
	if len(hits) == 0 {
		return out
	}
	hi, lo := hits[0].score, hits[0].score
	for _, h := range hits {
		hi, lo = max(hi, h.score), min(lo, h.score)
	}
	span := uint64(hi) - uint64(lo)
	if span == 0 {
		for i, h := range hits {
			out[i] = h.row
		}
		return out
	}
	if len(hits) < 256 {
		slices.SortStableFunc(hits, func(a, b hit) int {
			switch {
			case a.score > b.score:
				return -1
			case a.score < b.score:
				return 1
			}
			return 0
		})
		for i, h := range hits {
			out[i] = h.row
		}
		return out
	}
	dst := slices.Grow(getHits(), len(hits))[:len(hits)]
	defer putHits(dst)
	src := hits
	for shift := 0; shift < bits.Len64(span); shift += 8 {
		var count [257]int
		for _, h := range src {
			count[(uint64(hi)-uint64(h.score))>>shift&0xff+1]++
		}
		for d := 1; d < 257; d++ {
			count[d] += count[d-1]
		}
		for _, h := range src {
			d := (uint64(hi) - uint64(h.score)) >> shift & 0xff
			dst[count[d]] = h
			count[d]++
		}
		src, dst = dst, src
	}
	for i, h := range src {
		out[i] = h.row
	}
	return out
}
