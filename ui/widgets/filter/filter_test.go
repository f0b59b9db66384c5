package filter

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"
)

// answer is what a search answers: rows best first, and the matched
// offsets of each (in the row's joined fields).
type answer struct {
	Indices []int
	Matches [][]int
}

// reference is what sahilm/fuzzy answers for one field per row.
func reference(hay []string, q string) answer {
	r := answer{Indices: []int{}, Matches: [][]int{}}
	for _, m := range fuzzy.Find(q, hay) {
		r.Indices = append(r.Indices, m.Index)
		r.Matches = append(r.Matches, m.MatchedIndexes)
	}
	return r
}

// drawn is a Result with its highlights computed, as the table draws them.
func drawn(r Result) answer {
	a := answer{Indices: r.Indices}
	for _, row := range r.Indices {
		a.Matches = append(a.Matches, r.Highlight(row, nil))
	}
	return a
}

func assertSame(t *testing.T, what string, res Result, want answer) {
	t.Helper()
	got := drawn(res)
	if len(got.Indices) != len(want.Indices) {
		t.Fatalf("%s: %d results, want %d", what, len(got.Indices), len(want.Indices))
	}
	for i := range want.Indices {
		if got.Indices[i] != want.Indices[i] {
			t.Fatalf("%s: result %d is row %d, want row %d", what, i, got.Indices[i], want.Indices[i])
		}
	}
	for i := range want.Matches {
		if !slices.Equal(got.Matches[i], want.Matches[i]) {
			t.Fatalf("%s: matches of row %d: got %v want %v", what, got.Indices[i], got.Matches[i], want.Matches[i])
		}
	}
}

// randomHaystacks mixes camelCase, separators, repeats, upper case and some
// non-ASCII text so every scoring rule and both paths are exercised.
func randomHaystacks(rng *rand.Rand, n int) []string {
	parts := []string{"web", "Web", "DB", "db", "sql", "srv", "-", "_", ".", " ", "/", "\\", "0", "1", "2",
		"prod", "ProdSql", "root", "admin", "é", "Ünïcode", "K", "x", "aaa", "bab", "ß", "日本"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		out[i] = b.String()
	}
	return out
}

func TestSearchEqualsFuzzyFind(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	hay := randomHaystacks(rng, 4000)
	hay = append(hay, "", "a\x00web", "WEB-db", "wEbDb", "webweb.db")
	s := NewSnapshot(hay)
	queries := []string{"w", "W", "web", "wdb", "db", "s-0", "pq", "ab", "aa", "a a", "ro", "é", "k", "ünï",
		"日", "xyz", "PSql", "b.b", "1/2", `\`, "dbdb"}
	for range 40 {
		h := hay[rng.IntN(len(hay))]
		if len(h) > 2 {
			queries = append(queries, h[:1+rng.IntN(min(len(h), 5)-1)])
		}
	}
	for _, q := range queries {
		assertSame(t, fmt.Sprintf("query %q", q), Search(s, q), reference(hay, q))
	}
}

// TestSearchEqualsFuzzyFindSmallAlphabet uses few letters so repeats,
// adjacency chains, camel case and separators collide as often as possible.
func TestSearchEqualsFuzzyFindSmallAlphabet(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const alphabet = "aabAB -_."
	gen := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	hay := make([]string, 3000)
	for i := range hay {
		hay[i] = gen(rng.IntN(14))
	}
	s := NewSnapshot(hay)
	for range 120 {
		q := gen(1 + rng.IntN(4))
		assertSame(t, fmt.Sprintf("query %q", q), Search(s, q), reference(hay, q))
	}
}

func TestNarrowEqualsFullSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	hay := randomHaystacks(rng, 5000)
	s := NewSnapshot(hay)
	for _, chain := range [][]string{{"w", "we", "web", "web1"}, {"d", "db", "dbs"}, {"p", "pr", "prS", "prSq"}, {"é", "éK"}} {
		prev := Search(s, chain[0])
		for _, q := range chain[1:] {
			got := Narrow(s, q, prev)
			want := Search(s, q)
			assertSame(t, "narrow "+q, got, drawn(want))
			assertSame(t, "fuzzy "+q, got, reference(hay, q))
			prev = got
		}
	}
}

func TestSnapshotFuncBuildsLazily(t *testing.T) {
	hay := []string{"web01 root", "db01 admin", "Web02 oracle"}
	calls := 0
	s := NewSnapshotFunc(len(hay), func(i int) string { calls++; return hay[i] })
	if s.Len() != 3 || calls != 0 {
		t.Fatalf("len %d, %d haystacks built before any search", s.Len(), calls)
	}
	assertSame(t, "lazy", Search(s, "w0"), reference(hay, "w0"))
	Search(s, "db")
	if calls != len(hay) {
		t.Fatalf("haystacks built %d times, want once each", calls)
	}
}

func TestEmptyQueryMeansAllRows(t *testing.T) {
	var f Filter
	f.SetSnapshot(NewSnapshot([]string{"a", "b"}))
	res := f.SetQuery("")().(Result)
	if !f.Apply(res) || !res.All() || res.Indices != nil {
		t.Fatalf("empty query: %+v", res)
	}
	res = f.SetQuery("zz")().(Result)
	if !f.Apply(res) || res.All() || res.Indices == nil || len(res.Indices) != 0 {
		t.Fatalf("no match must be an empty, non-nil view: %+v", res)
	}
}

func TestStaleResultNeverReplacesNewer(t *testing.T) {
	var f Filter
	f.SetSnapshot(NewSnapshot([]string{"alpha", "beta", "gamma", "delta"}))
	oldCmd := f.SetQuery("a")
	newCmd := f.SetQuery("ta")
	newer := newCmd().(Result)
	older := oldCmd().(Result) // arrives last, as a slow search would
	if !f.Apply(newer) {
		t.Fatal("the newest result was refused")
	}
	if f.IsCurrent(older) || f.Apply(older) {
		t.Fatal("a stale result was accepted")
	}
	if f.applied.Query != "ta" || !slices.Equal(f.applied.Indices, newer.Indices) {
		t.Fatalf("state changed by a stale result: %+v", f.applied)
	}
	// A result for the right query but an older snapshot is stale too.
	again := f.SetQuery("ta")
	f.SetSnapshot(NewSnapshot([]string{"theta"}))
	if f.Apply(again().(Result)) {
		t.Fatal("a result computed for the old snapshot was accepted")
	}
}

// TestConcurrentSearchesShareSnapshot runs commands the way Bubble Tea does,
// on their own goroutines, racing to build the same lazy snapshot.
func TestConcurrentSearchesShareSnapshot(t *testing.T) {
	hay := randomHaystacks(rand.New(rand.NewPCG(7, 8)), 2000)
	var a, b Filter
	snap := NewSnapshotFunc(len(hay), func(i int) string { return hay[i] })
	a.SetSnapshot(snap)
	b.SetSnapshot(snap)
	cmds := []tea.Cmd{a.SetQuery("web"), b.SetQuery("db")}
	results := make([]Result, len(cmds))
	var wg sync.WaitGroup
	for i, c := range cmds {
		wg.Go(func() { results[i] = c().(Result) })
	}
	wg.Wait()
	if !a.Apply(results[0]) || !b.Apply(results[1]) {
		t.Fatal("current results refused")
	}
	assertSame(t, "web", results[0], reference(hay, "web"))
	assertSame(t, "db", results[1], reference(hay, "db"))
}

func TestSeqUniqueAcrossFilters(t *testing.T) {
	var a, b Filter
	snap := NewSnapshot([]string{"x"})
	a.SetSnapshot(snap)
	b.SetSnapshot(snap)
	ra := a.SetQuery("x")().(Result)
	if b.IsCurrent(ra) {
		t.Fatal("a result of one filter is current for another")
	}
}

func TestSupersededSearchStops(t *testing.T) {
	hay := make([]string, 3*blockRows)
	for i := range hay {
		hay[i] = "web server"
	}
	var f Filter
	f.SetSnapshot(NewSnapshot(hay))
	cmd := f.SetQuery("web")
	f.SetQuery("webs")
	res := cmd().(Result)
	if !res.Canceled || res.Indices != nil {
		t.Fatalf("superseded search ran to the end: canceled=%v n=%d", res.Canceled, len(res.Indices))
	}
	if f.Apply(res) {
		t.Fatal("canceled result applied")
	}
}

func TestFilterNarrowsOnlyFromAppliedPrefix(t *testing.T) {
	var f Filter
	hay := []string{"web1", "web2", "db1", "wxeb"}
	f.SetSnapshot(NewSnapshot(hay))
	apply := func(c tea.Cmd) Result {
		r := c().(Result)
		if !f.Apply(r) {
			t.Fatalf("result for %q refused", r.Query)
		}
		return r
	}
	apply(f.SetQuery("w"))
	if _, ok := f.narrowingBase("we"); !ok {
		t.Fatal("no narrowing for an extended query")
	}
	if _, ok := f.narrowingBase("d"); ok {
		t.Fatal("narrowing for an unrelated query")
	}
	r := apply(f.SetQuery("we"))
	assertSame(t, "we", r, reference(hay, "we"))
	r = apply(f.SetQuery("d")) // shorter/unrelated: full search
	assertSame(t, "d", r, reference(hay, "d"))
}
