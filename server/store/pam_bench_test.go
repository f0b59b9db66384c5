package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkListPage measures GET credential's store half: one page of 500
// (count + rows, one snapshot) at a random offset out of 100,000 rows.
// Goal (issue 7): ≤ 20 ms per page.
func BenchmarkListPage(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	const rows, page = 100_000, 500
	start := time.Now()
	if err := st.SeedBulk(ctx, rows); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d credentials in %v", rows, time.Since(start).Round(time.Millisecond))
	b.Run("100k", func(b *testing.B) {
		rnd := rand.New(rand.NewPCG(1, 2))
		b.ReportAllocs()
		for b.Loop() {
			got, total, err := st.ListCredentials(ctx, CredentialFilter{Limit: page, Offset: rnd.IntN(rows - page)})
			if err != nil || len(got) != page || total != rows {
				b.Fatalf("page: %d rows, total %d, err %v", len(got), total, err)
			}
		}
	})
}
