package store

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkSearchFold measures search= over 100,000 credentials: the
// Unicode-folding condition every list uses (searchCond) against SQLite's
// ASCII-only LIKE it replaced (issue 17 §4), as the baseline in the same
// run. Both count the rows matching a term over the same eight columns.
func BenchmarkSearchFold(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.SeedBulk(ctx, 100_000); err != nil {
		b.Fatal(err)
	}
	cols := []string{"c.identifier", "c.username", "d.hostname", "d.ip", "c.credential_type", "d.type", "d.vendor", "d.model"}
	from := ` FROM pam_credentials c JOIN pam_devices d ON d.id = c.device_id WHERE `
	count := func(b *testing.B, where string, args ...any) {
		var n int
		if err := st.read().QueryRowContext(ctx, `SELECT COUNT(*)`+from+where, args...).Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("like-ascii-baseline", func(b *testing.B) {
		where, args := "", []any{}
		for i, c := range cols {
			if i > 0 {
				where += " OR "
			}
			where += c + " LIKE ?"
			args = append(args, "%srv-0042%")
		}
		for b.Loop() {
			count(b, "("+where+")", args...)
		}
	})
	b.Run("fold-unicode", func(b *testing.B) {
		cond, args := searchCond("SRV-0042", cols...)
		for b.Loop() {
			count(b, cond, args...)
		}
	})
}
