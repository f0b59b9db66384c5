package filter

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sahilm/fuzzy"
)

// fieldReference is the per-field rule on top of sahilm/fuzzy: a row
// matches when one of its fields does, scores its best field's score (the
// first best field on a tie) and highlights that field's MatchedIndexes,
// shifted to the fields joined by one separator byte.
func fieldReference(rows [][]string, q string) answer {
	type scored struct {
		row, score int
		offs       []int
	}
	var all []scored
	for i, fields := range rows {
		best, found, at := scored{row: i}, false, 0
		for _, f := range fields {
			if ms := fuzzy.Find(q, []string{f}); len(ms) == 1 && (!found || ms[0].Score > best.score) {
				best.score, found = ms[0].Score, true
				best.offs = nil
				for _, o := range ms[0].MatchedIndexes {
					best.offs = append(best.offs, at+o)
				}
			}
			at += len(f) + 1
		}
		if found {
			all = append(all, best)
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int { return b.score - a.score })
	r := answer{Indices: []int{}, Matches: [][]int{}}
	for _, s := range all {
		r.Indices = append(r.Indices, s.row)
		r.Matches = append(r.Matches, s.offs)
	}
	return r
}

func randomRows(rng *rand.Rand, n int) [][]string {
	hay := randomHaystacks(rng, n*3)
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = hay[i*3 : i*3+1+rng.IntN(3)]
	}
	return rows
}

func build(rows [][]string) *Snapshot {
	b := NewBuilder()
	for _, r := range rows {
		b.Add(r...)
	}
	return b.Snapshot()
}

func TestBuilderMatchesWithinOneField(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	rows := randomRows(rng, 3*blockRows+17) // several blocks, both paths
	s := build(rows)
	for _, q := range []string{"w", "web", "wdb", "db", "s-0", "ab", "a a", "ro", "é", "k", "PSql", "b.b", "dbdb", "webdb", "rootadmin"} {
		assertSame(t, fmt.Sprintf("query %q", q), Search(s, q), fieldReference(rows, q))
	}
}

// TestMatchNeverSpansFields is the tester's case on Client Credentials:
// "leg" found "…ble" in the name and a "g" in the client id of the same row,
// so "/leg enter d" could act on a row the person did not mean.
func TestMatchNeverSpansFields(t *testing.T) {
	s := build([][]string{
		{"Ansible automation", "cli-7g3k2"},
		{"Legacy billing", "cli-0000"},
		{"Reporting", "cli-legx"},
	})
	r := Search(s, "leg")
	if !slices.Equal(r.Indices, []int{2, 1}) {
		t.Fatalf("leg matched rows %v, want [2 1] (never row 0: 'le' in its name, 'g' in its id)", r.Indices)
	}
	if f, offs, ok := r.Positions(2, nil); !ok || f != 1 || !slices.Equal(offs, []int{4, 5, 6}) {
		t.Fatalf("row 2: field %d offsets %v ok %v, want field 1 [4 5 6]", f, offs, ok)
	}
	if got := r.Highlight(2, nil); !slices.Equal(got, []int{14, 15, 16}) {
		t.Fatalf("row 2 highlight %v, want [14 15 16] in 'Reporting cli-legx'", got)
	}
	if got := r.Highlight(0, nil); got != nil {
		t.Fatalf("a row that does not match highlights %v", got)
	}
}

func TestBuilderSnapshotIsAStableView(t *testing.T) {
	b := NewBuilder()
	b.AddCells([]string{"x", "Web01", "root", "x"}, []int{1, 2, 9})
	s1 := b.Snapshot()
	for i := range blockRows + 5 {
		b.Add(fmt.Sprintf("web%d", i), "Admin")
	}
	s2 := b.Snapshot()
	if s1.Len() != 1 || s2.Len() != blockRows+6 || b.Len() != s2.Len() {
		t.Fatalf("lens %d %d %d", s1.Len(), s2.Len(), b.Len())
	}
	if got := s1.Fields(0); !slices.Equal(got, []string{"Web01", "root"}) {
		t.Fatalf("fields %q", got)
	}
	if got := Search(s1, "web"); !slices.Equal(got.Indices, []int{0}) {
		t.Fatalf("the first snapshot sees rows appended after it: %v", got.Indices)
	}
	if got := s2.Fields(blockRows + 5); !slices.Equal(got, []string{fmt.Sprintf("web%d", blockRows+4), "Admin"}) {
		t.Fatalf("fields %q", got)
	}
	// Narrowing from the older snapshot covers its matches and the new rows.
	base := Search(s1, "w")
	assertSame(t, "narrow over a longer snapshot", Narrow(s2, "web1", base), drawn(Search(s2, "web1")))
}

// TestAppendWhileSearching runs searches on snapshots while rows are
// appended, as a screen does while its list loads (go test -race).
func TestAppendWhileSearching(t *testing.T) {
	rows := randomRows(rand.New(rand.NewPCG(11, 12)), 2*blockRows+300)
	b := NewBuilder()
	snaps := make(chan *Snapshot, 64)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(snaps)
		for i, r := range rows {
			b.Add(r...)
			if i%499 == 0 {
				snaps <- b.Snapshot()
			}
		}
	})
	for range 2 {
		wg.Go(func() {
			for s := range snaps {
				n := s.Len()
				want := fieldReference(rows[:n], "db")
				assertSame(t, fmt.Sprintf("db over %d rows", n), Search(s, "db"), want)
			}
		})
	}
	wg.Wait()
}

func TestQueryWithNULMatchesNothing(t *testing.T) {
	s := build([][]string{{"a\x00b", "ab"}})
	if r := Search(s, "a\x00"); len(r.Indices) != 0 {
		t.Fatalf("a NUL in the query matched %v", r.Indices)
	}
	if got := s.Fields(0); !slices.Equal(got, []string{"a", "", "", "ab"}) || strings.Contains(got[0], "\x00") {
		t.Fatalf("fields %q: a field is searched up to its first NUL, its length kept", got)
	}
}

func TestSnapshotCellsEqualsBuilder(t *testing.T) {
	rows := [][]string{{"1", "Web01", "root", "x"}, {"2", "db01", "Admin"}, {"3"}}
	cols := []int{1, 2, 7}
	b := NewBuilder()
	for _, r := range rows {
		b.AddCells(r, cols)
	}
	lazy := NewSnapshotCells(rows, cols)
	for _, q := range []string{"w", "d1", "adm", "ro"} {
		assertSame(t, q, Search(lazy, q), drawn(Search(b.Snapshot(), q)))
	}
	if got := lazy.Fields(1); !slices.Equal(got, []string{"db01", "Admin"}) {
		t.Fatalf("fields %q", got)
	}
}

func TestPrefixIsTheFirstRows(t *testing.T) {
	rows := randomRows(rand.New(rand.NewPCG(13, 14)), blockRows+50)
	s := build(rows)
	for _, n := range []int{0, 1, 37, blockRows, blockRows + 1, blockRows + 50, blockRows + 99} {
		p := s.Prefix(n)
		want := min(n, len(rows))
		if p.Len() != want {
			t.Fatalf("prefix %d has %d rows", n, p.Len())
		}
		assertSame(t, fmt.Sprintf("db over the first %d rows", n), Search(p, "db"), fieldReference(rows[:want], "db"))
	}
	base := Search(s.Prefix(100), "d")
	assertSame(t, "narrowing from a prefix", Narrow(s, "db", base), fieldReference(rows, "db"))
}

// TestNarrowWithBitmapEqualsFullSearch covers both narrowing paths: a
// sparse previous result (rows checked one by one) and a denser one (blocks
// scanned, rows outside the result skipped).
func TestNarrowWithBitmapEqualsFullSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, share := range []int{8, 30} { // percent of rows holding "w"
		rows := make([][]string, 3*blockRows)
		for i := range rows {
			host := fmt.Sprintf("db%02d.example", rng.IntN(100))
			if rng.IntN(100) < share {
				host = fmt.Sprintf("Web%02d.example", rng.IntN(100))
			}
			rows[i] = []string{host, []string{"root", "admin", "oracle"}[rng.IntN(3)]}
		}
		s := build(rows)
		base := Search(s, "w")
		if len(base.Indices)*2 > s.Len() {
			t.Fatalf("%d%%: the base holds %d of %d rows: not a narrowing by bitmap", share, len(base.Indices), s.Len())
		}
		for _, q := range []string{"we", "web1", "wexa"} {
			assertSame(t, fmt.Sprintf("%d%% %s", share, q), Narrow(s, q, base), fieldReference(rows, q))
		}
	}
}
