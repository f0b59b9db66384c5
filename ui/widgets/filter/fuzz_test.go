package filter

import (
	"strings"
	"testing"
)

// FuzzSearchEqualsFuzzy checks the byte-level scan and scoring (word-at-a-
// time skips included) against sahilm/fuzzy: rows are the lines of hay,
// one field each, and again as the fields of one row split at tabs.
func FuzzSearchEqualsFuzzy(f *testing.F) {
	f.Add("web01 root\nDB01 admin\nwebWeb.db\n", "wdb")
	f.Add("root@cache0001.sp.corp.example\tcache0001\tLocal", "corp")
	f.Add("aaaaaaaaaaaaaaaaaaaaaab\tAbAbAbAbAbAbAbAbAb", "ab")
	f.Add("x\x00y\tÜnïcode K\tkk", "k")
	f.Fuzz(func(t *testing.T, hay, q string) {
		if len(q) == 0 || len(q) > 16 || len(hay) > 4096 {
			return
		}
		lines := strings.Split(hay, "\n")
		assertSame(t, "lines", Search(NewSnapshot(lines), q), reference(lines, q))
		rows := make([][]string, len(lines))
		for i, l := range lines {
			rows[i] = strings.Split(l, "\t")
		}
		assertSame(t, "fields", Search(build(rows), q), fieldReference(rows, q))
	})
}
