package main

import (
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/server/store"
)

// The seed's progress line names each phase after the rows (the search
// index of a large seed takes longer than the rows), a shorter line covers
// the longer one before it, and the last one ends the line.
func TestSeedProgressSaysEachPhase(t *testing.T) {
	var out lockedBuffer
	report, stop := seedProgress(&out, 60_000, time.Hour)
	defer stop()
	for _, p := range []store.SeedProgress{
		{Phase: store.SeedRows, Total: 60_000}, {Phase: store.SeedRows, Done: 50_000, Total: 60_000},
		{Phase: store.SeedSearch, Done: 60_000, Total: 60_000}, {Phase: store.SeedIndexes, Done: 60_000, Total: 60_000},
		{Phase: store.SeedCommit, Done: 60_000, Total: 60_000}, {Phase: store.SeedDone, Done: 60_000, Total: 60_000},
	} {
		report(p)
	}
	lines := strings.Split(out.String(), "\r")
	want := []string{"", "seeding demo data: 0 / 60000 credentials (", "seeding demo data: 50000 / 60000 credentials (",
		"seeding demo data: 60000 / 60000 credentials, building the search index (",
		"seeding demo data: 60000 / 60000 credentials, building indexes (",
		"seeding demo data: 60000 / 60000 credentials, committing (", "seeded demo data: 60000 credentials in "}
	if len(lines) != len(want) {
		t.Fatalf("want %d reports, got %q", len(want)-1, out.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("report %d: want %q…, got %q", i, w, lines[i])
		}
		if i > 1 && len(lines[i]) < len(strings.TrimRight(lines[i-1], " \n")) {
			t.Errorf("report %d %q leaves the end of %q on screen", i, lines[i], lines[i-1])
		}
	}
	if !strings.HasSuffix(out.String(), "\n") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("want one newline, at the end: %q", out.String())
	}
}

// While a phase runs without reports (building the search index), the
// line is redrawn every tick, so its seconds keep counting; a seed that
// fails ends the line for its error; small seeds say nothing.
func TestSeedProgressTicksAndEnds(t *testing.T) {
	var out lockedBuffer
	report, stop := seedProgress(&out, 60_000, time.Millisecond)
	report(store.SeedProgress{Phase: store.SeedSearch, Done: 60_000, Total: 60_000})
	for deadline := time.Now().Add(10 * time.Second); strings.Count(out.String(), "search index") < 3; {
		if time.Now().After(deadline) {
			t.Fatalf("no ticks: %q", out.String())
		}
		time.Sleep(time.Millisecond)
	}
	stop()
	s := out.String()
	if !strings.HasSuffix(s, "\n") {
		t.Fatalf("a stopped report leaves the line open: %q", s)
	}
	time.Sleep(5 * time.Millisecond)
	if out.String() != s {
		t.Fatalf("ticks after stop: %q", out.String()[len(s):])
	}
	if r, stop := seedProgress(&out, 49_999, time.Millisecond); r != nil {
		stop()
		t.Fatal("a small seed reports progress")
	}
}
