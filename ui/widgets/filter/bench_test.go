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
// (non-incremental) query — ours through Search on a snapshot built once per
// data change, the stock bubbles list through list.DefaultFilter, which is
// what its filter command runs, over the same haystacks (the items'
// FilterValue).
func BenchmarkFilter(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"10k", 10_000}, {"100k", 100_000}} {
		hay := haystacks(vtabletest.CredentialRows(size.n))
		b.Run("pamconsole/"+size.name, func(b *testing.B) {
			snap := NewSnapshot(hay)
			snap.build() // once per data change, off the UI thread: see BenchmarkSnapshot
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

// BenchmarkSnapshot is the one-off cost per data change that Search relies on.
func BenchmarkSnapshot(b *testing.B) {
	hay := haystacks(vtabletest.CredentialRows(100_000))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		NewSnapshot(hay).build()
	}
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
	rows := vtabletest.CredentialRows(10_000)
	idx := NewBuilder()
	for _, row := range rows {
		idx.AddCells(row, vtabletest.SearchColumns)
	}
	res := Search(idx.Snapshot(), benchQuery)
	buf := make([]int, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range res.Indices[:35] {
			buf = res.Highlight(r, buf)
		}
	}
}
