//go:build scale

package filter

// Scale benchmarks of issue 18 (goal 3). Run with
//
//	go test -tags scale -run '^$' -bench 'Scale' -benchmem -timeout 60m ./ui/widgets/filter/
//
// Rows are vtabletest.CredentialRows (the demo's shape: identifier, user
// name, host name, IP, type, device), one index per size shared by every
// sub-benchmark of the run.

import (
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable/vtabletest"
)

type scaleData struct {
	snap *Snapshot
	hay  []string // the stock list's FilterValue per row: the searched cells joined
}

var (
	scaleOnce  [2]sync.Once
	scaleCache [2]*scaleData
)

var scaleSizes = []struct {
	name string
	n    int
}{{"100k", 100_000}, {"1M", 1_000_000}}

// scaleFixture builds size k's data once per package run.
func scaleFixture(k int) *scaleData {
	scaleOnce[k].Do(func() {
		rows := vtabletest.CredentialRows(scaleSizes[k].n)
		d := &scaleData{hay: make([]string, len(rows))}
		b := NewBuilder()
		for i, row := range rows {
			b.AddCells(row, vtabletest.SearchColumns)
			d.hay[i] = vtable.JoinCells(row, vtabletest.SearchColumns)
		}
		d.snap = b.Snapshot()
		scaleCache[k] = d
		runtime.GC()
	})
	return scaleCache[k]
}

// scaleQueries: a selective host fragment and one every row matches (each
// host name ends in .corp.example), typed one key at a time.
var scaleQueries = []struct{ name, query string }{{"selective", "db01"}, {"broad", "corp"}}

// cpuTime is the CPU time (user + system) of the process so far: on a
// shared machine, ns/op also counts the time other processes hold the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs op b.N times and reports the CPU milliseconds per op (all
// goroutines) and the matches of the last op.
func loop(b *testing.B, op func() int) {
	var n int
	start := cpuTime()
	for b.Loop() {
		n = op()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkScaleFilter: one op answers one keystroke of the query; the
// sub-benchmarks are <size>/<query kind>/<query so far>/<how>:
//
//   - fresh: a search of every row (the query typed at once, or pasted);
//   - narrow: the keystroke that makes the query, narrowing the previous
//     keystroke's result (computed outside the timer) — never slower than
//     fresh for the same query;
//   - bubbles-list: the stock list.DefaultFilter over the same rows joined,
//     for the whole query (it has no narrowing: every keystroke is a fresh
//     search of every row).
func BenchmarkScaleFilter(b *testing.B) {
	for k, size := range scaleSizes {
		for _, q := range scaleQueries {
			for i := 1; i <= len(q.query); i++ {
				typed := q.query[:i]
				name := fmt.Sprintf("%s/%s/%s/", size.name, q.name, typed)
				b.Run(name+"fresh", func(b *testing.B) {
					d := scaleFixture(k)
					loop(b, func() int { return len(Search(d.snap, typed).Indices) })
				})
				if i == 1 {
					continue
				}
				b.Run(name+"narrow", func(b *testing.B) {
					d := scaleFixture(k)
					base := Search(d.snap, q.query[:1])
					for j := 2; j < i; j++ {
						base = Narrow(d.snap, q.query[:j], base)
					}
					loop(b, func() int { return len(Narrow(d.snap, typed, base).Indices) })
				})
			}
			b.Run(fmt.Sprintf("%s/%s/%s/bubbles-list", size.name, q.name, q.query), func(b *testing.B) {
				d := scaleFixture(k)
				loop(b, func() int { return len(list.DefaultFilter(q.query, d.hay)) })
			})
		}
	}
}

// BenchmarkScaleFilterMemory: the heap in use (HeapInuse after a GC) that a
// Filter holds beyond its snapshot — after one filter (db01), and after ten
// more (nine others, then db01 again), each replacing the last as a screen
// does: equal when nothing is kept from one filter to the next (db01's
// result is its indices: 8 bytes per match). heap-before-MB is the heap with
// no result held (both sizes' rows and the stock list's joined rows);
// index-MB the index itself (B/row per row).
func BenchmarkScaleFilterMemory(b *testing.B) {
	queries := []string{"db01", "corp", "root", "web0", "10.1", "orcl", "sp", "admin", "ssh", "fra9"}
	for k, size := range scaleSizes {
		b.Run(size.name, func(b *testing.B) {
			d := scaleFixture(k)
			heap := func() uint64 {
				runtime.GC()
				runtime.GC() // the second also frees sync.Pool's victims
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				return ms.HeapInuse
			}
			var f Filter
			f.SetSnapshot(d.snap)
			apply := func(q string) {
				if r := f.SetQuery(q)().(Result); !f.Apply(r) {
					b.Fatalf("%s not applied", q)
				}
			}
			var before, one, ten uint64
			for b.Loop() {
				f.SetQuery("")
				f.Apply(Result{}) // nothing held
				before = heap()
				apply(queries[0])
				one = heap()
				for _, q := range queries[1:] {
					apply(q)
				}
				apply(queries[0]) // the same result held as at "one"
				ten = heap()
			}
			idx := d.snap.memory()
			b.ReportMetric(float64(int64(one)-int64(before))/(1<<10), "held-after-1-KB")
			b.ReportMetric(float64(int64(ten)-int64(before))/(1<<10), "held-after-10-KB")
			b.ReportMetric(float64(before)/(1<<20), "heap-before-MB")
			b.ReportMetric(float64(idx)/(1<<20), "index-MB")
			b.ReportMetric(float64(idx)/float64(d.snap.Len()), "B/row")
		})
	}
}

// memory is the bytes the snapshot's index holds.
func (s *Snapshot) memory() int {
	n := 0
	for _, b := range s.blocks {
		n += cap(b.text) + 8*cap(b.upper) + 4*cap(b.ends) + 8*cap(b.wide) + len(b.count)*4
	}
	return n
}
