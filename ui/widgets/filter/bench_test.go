package filter

import (
	"testing"

	"github.com/charmbracelet/bubbles/list"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable/vtabletest"
)

// benchQuery is a typical host fragment a user types.
const benchQuery = "db01"

// BenchmarkFilter: one op filters the whole row set with a fresh
// (non-incremental) query — ours through Search on the index a screen builds
// as its rows arrive (the six searched columns as fields), the stock bubbles
// list through list.DefaultFilter, which is what its filter command runs,
// over the same cells joined (the items' FilterValue).
func BenchmarkFilter(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"10k", 10_000}, {"100k", 100_000}} {
		rows := vtabletest.CredentialRows(size.n)
		hay := haystacks(rows)
		b.Run("pamconsole/"+size.name, func(b *testing.B) {
			snap := index(rows).Snapshot() // built as the rows arrive: see BenchmarkSnapshot
			b.ReportAllocs()
			b.ResetTimer()
			var n int
			for range b.N {
				n = len(Search(snap, benchQuery).Indices)
			}
			b.ReportMetric(float64(n), "matches")
		})
		b.Run("bubbles-list/"+size.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for range b.N {
				n = len(list.DefaultFilter(benchQuery, hay))
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// BenchmarkSnapshot is the cost of indexing 100,000 rows (a screen pays it
// page by page as the rows arrive, in the pages' commands).
func BenchmarkSnapshot(b *testing.B) {
	rows := vtabletest.CredentialRows(100_000)
	b.ReportAllocs()
	for b.Loop() {
		index(rows)
	}
}

func index(rows [][]string) *Builder {
	idx := NewBuilder()
	for _, row := range rows {
		idx.AddCells(row, vtabletest.SearchColumns)
	}
	return idx
}

func haystacks(rows [][]string) []string {
	hay := make([]string, len(rows))
	for i, row := range rows {
		hay[i] = vtable.JoinCells(row, vtabletest.SearchColumns)
	}
	return hay
}

// BenchmarkHighlight is what a frame of 35 filtered rows costs the table:
// the matched offsets of each drawn row, computed on demand.
func BenchmarkHighlight(b *testing.B) {
	res := Search(index(vtabletest.CredentialRows(10_000)).Snapshot(), benchQuery)
	buf := make([]int, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range res.Indices[:35] {
			buf = res.Highlight(r, buf)
		}
	}
}
