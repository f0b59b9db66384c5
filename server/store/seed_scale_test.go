//go:build scale

package store

// Scale benchmarks of issue 18 at 100k and 1M credentials. They need the
// scale build tag (a 1M seed takes a minute and ~1 GB of disk):
//
//	go test -tags scale -run '^$' -bench . -benchtime 20x -timeout 60m ./server/store/

import (
	"context"
	flagpkg "flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var scaleSizes = []struct {
	name string
	n    int
}{{"100k", 100_000}, {"1M", 1_000_000}}

// sizesMatching are the sizes whose name the -bench pattern can select
// (a 1M store is seeded only when a benchmark wants it).
func sizesMatching(b *testing.B) []struct {
	name string
	n    int
} {
	pat := ""
	if f := flagpkg.Lookup("test.bench"); f != nil {
		pat = f.Value.String()
	}
	var out []struct {
		name string
		n    int
	}
	for _, s := range scaleSizes {
		if !strings.Contains(pat, "/") || strings.Contains(pat, s.name) {
			out = append(out, s)
		}
	}
	return out
}

var (
	scaleMu     sync.Mutex
	scaleStores = map[int]*Store{}
	scaleTemp   = map[*Store]bool{} // stores in a temporary directory, removed after the run
)

// TestMain removes the shared stores' temporary directories after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, st := range scaleStores {
		st.Close()
		if scaleTemp[st] {
			os.RemoveAll(filepath.Dir(st.Path()))
		}
	}
	os.Exit(code)
}

// scaleStore is a store seeded with the demo data of n credentials (40
// devices, as `pamconsole demo --credentials n`), shared by the benchmarks.
// With PAMCONSOLE_SCALE_CACHE=dir the fixture is kept in dir and reused by
// the next runs (seeding 1M takes minutes); without, it is temporary.
func scaleStore(b *testing.B, n int) *Store {
	scaleMu.Lock()
	defer scaleMu.Unlock()
	if st := scaleStores[n]; st != nil {
		return st
	}
	dir, keep := os.Getenv("PAMCONSOLE_SCALE_CACHE"), true
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "pamconsole-scale-"); err != nil {
			b.Fatal(err)
		}
		keep = false
	}
	path := filepath.Join(dir, fmt.Sprintf("pam-%d.db", n))
	_, statErr := os.Stat(path)
	start := time.Now()
	st, err := Open(context.Background(), path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if !keep {
		scaleTemp[st] = true
	}
	if statErr == nil && keep {
		// A kept fixture (of this or an older schema: Open migrated it).
		b.Logf("opened the kept %d-credential fixture %s in %v", n, path, time.Since(start).Round(time.Millisecond))
		scaleStores[n] = st
		return st
	}
	if err := st.SeedDemo(context.Background(), rand.New(rand.NewPCG(42, 42)), n, 40); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d credentials in %v", n, time.Since(start).Round(time.Millisecond))
	scaleStores[n] = st
	return st
}

// BenchmarkScaleStream is goal 4's streaming memory: the whole list read
// through StreamCredentials as GET credential sends it. Reported: the
// heap in use at the end of the stream above the start (flat in N).
func BenchmarkScaleStream(b *testing.B) {
	for _, size := range sizesMatching(b) {
		st := scaleStore(b, size.n)
		b.Run(size.name, func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				runtime.GC()
				var m0 runtime.MemStats
				runtime.ReadMemStats(&m0)
				rows := 0
				err := st.StreamCredentials(context.Background(), CredentialFilter{}, func(int, int) error { return nil },
					func(*Credential) error {
						if rows++; rows%100_000 == 0 {
							var m runtime.MemStats
							runtime.ReadMemStats(&m)
							peak = max(peak, m.HeapInuse-min(m.HeapInuse, m0.HeapInuse))
						}
						return nil
					})
				if err != nil || rows != size.n {
					b.Fatalf("stream: %d rows, %v", rows, err)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "MiB-heap-growth")
		})
	}
}
