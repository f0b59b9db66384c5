package filter

import (
	"fmt"
	"slices"
	"testing"
)

// streamRows is a list arriving page by page: a Builder and its rows.
func streamRows(n int) (*Builder, [][]string) {
	b := NewBuilder()
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("web%05d", i), []string{"root", "admin", "db01"}[i%3]}
	}
	return b, rows
}

// A query typed while a list loads: every page extends the snapshot and
// re-runs the query. The first result, for the rows loaded when it was
// asked, was dropped as stale (and its search canceled) because a newer page
// had come, so nothing was shown until pages stopped. It is now applied:
// exact for the rows it covers.
func TestResultOnAShorterPrefixIsApplied(t *testing.T) {
	b, rows := streamRows(3 * blockRows)
	for _, r := range rows[:blockRows] {
		b.Add(r...)
	}
	var f Filter
	f.SetSnapshot(b.Snapshot())
	first := f.SetQuery("db01")
	for _, r := range rows[blockRows:] {
		b.Add(r...)
	}
	second := f.SetSnapshot(b.Snapshot()) // a page came before the first result
	r1 := first().(Result)
	if r1.Canceled {
		t.Fatal("the search on the shorter prefix was canceled by a page")
	}
	if !f.Apply(r1) {
		t.Fatal("the result for the current query on an earlier prefix was dropped")
	}
	assertSame(t, "first prefix", r1, fieldReference(rows[:blockRows], "db01"))
	if f.IsCurrent(r1) {
		t.Fatal("a result on an earlier prefix must not count as current (the header says filtering…)")
	}
	r2 := second().(Result)
	if !f.Apply(r2) || !f.IsCurrent(r2) {
		t.Fatal("the current result was refused")
	}
	assertSame(t, "whole", r2, fieldReference(rows, "db01"))
}

// A result on an earlier prefix never replaces a later one already applied,
// and the later applied one stays the narrowing base.
func TestOlderPrefixNeverReplacesNewerResult(t *testing.T) {
	b, rows := streamRows(300)
	add := func(from, to int) {
		for _, r := range rows[from:to] {
			b.Add(r...)
		}
	}
	add(0, 100)
	var f Filter
	f.SetSnapshot(b.Snapshot())
	c1 := f.SetQuery("db")
	add(100, 200)
	c2 := f.SetSnapshot(b.Snapshot())
	r2 := c2().(Result) // the later search answers first
	if !f.Apply(r2) {
		t.Fatal("the result on the second prefix was dropped")
	}
	if r1 := c1().(Result); f.Apply(r1) {
		t.Fatal("a result on a shorter prefix replaced a later one")
	}
	if f.applied.Seq != r2.Seq {
		t.Fatal("state changed by the older prefix")
	}
	add(200, 300)
	c3 := f.SetSnapshot(b.Snapshot())
	base, ok := f.narrowingBase("db0")
	if !ok || base.Seq != r2.Seq {
		t.Fatalf("the narrowing base is not the latest applied result (ok=%v)", ok)
	}
	r3 := c3().(Result)
	if !f.Apply(r3) {
		t.Fatal("the current result was refused")
	}
	assertSame(t, "narrowed from a prefix", r3, fieldReference(rows, "db"))
	n := f.SetQuery("db0")().(Result)
	if !f.Apply(n) {
		t.Fatal("narrowed result refused")
	}
	assertSame(t, "narrowed query", n, fieldReference(rows, "db0"))
}

// A result for an older query, or on rows of another Builder (a reload),
// stays dropped even when it would fit by length.
func TestPrefixResultOfOldQueryOrOtherBuilderDropped(t *testing.T) {
	b, rows := streamRows(200)
	for _, r := range rows[:100] {
		b.Add(r...)
	}
	var f Filter
	f.SetSnapshot(b.Snapshot())
	old := f.SetQuery("db")
	f.SetQuery("web")
	fresh := f.SetQuery("db") // the same text asked again: the first asking is over
	for _, r := range rows[100:] {
		b.Add(r...)
	}
	f.SetSnapshot(b.Snapshot())
	if r := old().(Result); f.Apply(r) {
		t.Fatal("a result asked before the query was replaced was applied")
	}
	other, _ := streamRows(0)
	for _, r := range rows {
		other.Add(r...)
	}
	f.SetSnapshot(other.Snapshot()) // a reload: another Builder
	if r := fresh().(Result); f.Apply(r) {
		t.Fatal("a result on rows of another Builder was applied")
	}
	if !slices.Equal(f.applied.Indices, nil) {
		t.Fatalf("state changed: %+v", f.applied)
	}
}

// Pages may come faster than a search of a million rows: the latest search
// and one earlier one (the runner) go on, the ones in between stop, and
// when the runner returns the next earlier search takes its place.
func TestAtMostTwoSearchesRunWhilePagesCome(t *testing.T) {
	b, rows := streamRows(5 * 100)
	page := func(i int) *Snapshot {
		for _, r := range rows[i*100 : (i+1)*100] {
			b.Add(r...)
		}
		return b.Snapshot()
	}
	var f Filter
	f.SetSnapshot(page(0))
	c1 := f.SetQuery("web")
	c2 := f.SetSnapshot(page(1))
	c3 := f.SetSnapshot(page(2))
	if r := c2().(Result); !r.Canceled {
		t.Fatal("a search between the runner and the latest went on")
	}
	r1 := c1().(Result)
	if r1.Canceled || !f.Apply(r1) {
		t.Fatal("the runner was stopped or its result dropped")
	}
	c4 := f.SetSnapshot(page(3)) // c3 becomes the runner
	c5 := f.SetSnapshot(page(4))
	if r := c4().(Result); !r.Canceled {
		t.Fatal("a search between the runner and the latest went on")
	}
	r3 := c3().(Result)
	if r3.Canceled || !f.Apply(r3) {
		t.Fatal("the next runner was stopped or its result dropped")
	}
	assertSame(t, "third prefix", r3, fieldReference(rows[:300], "web"))
	r5 := c5().(Result)
	if !f.Apply(r5) || !f.IsCurrent(r5) {
		t.Fatal("the latest result was refused")
	}
	assertSame(t, "all", r5, fieldReference(rows, "web"))
}
