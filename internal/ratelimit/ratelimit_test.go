package ratelimit

import (
	"strconv"
	"testing"
	"time"
)

func TestBucketRefillsAndSaysHowLongToWait(t *testing.T) {
	now := time.Unix(1e9, 0)
	l := New[string](2, 3, 100) // 2/s, burst 3
	for i := range 3 {
		if ok, _ := l.Allow("a", now); !ok {
			t.Fatalf("request %d within the burst refused", i+1)
		}
	}
	ok, wait := l.Allow("a", now)
	if ok || wait <= 0 || wait > 500*time.Millisecond {
		t.Fatalf("past the burst: ok=%v wait=%v, want refused with wait ≤ 0.5 s", ok, wait)
	}
	if ok, _ := l.Allow("b", now); !ok {
		t.Fatal("key b refused because key a is exhausted")
	}
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.Allow("a", now); !ok {
		t.Fatal("a token refilled after 0.5 s at 2/s was refused")
	}
	if ok, _ := l.Allow("a", now.Add(100*time.Millisecond)); ok {
		t.Fatal("refill faster than the rate")
	}
	now = now.Add(time.Hour)
	for range 3 {
		l.Allow("a", now)
	}
	if ok, _ := l.Allow("a", now); ok {
		t.Fatal("a bucket refilled beyond its burst")
	}
}

func TestNilLimiterAllowsEverything(t *testing.T) {
	l := New[string](-1, 0, 0)
	if l != nil {
		t.Fatal("a rate ≤ 0 should disable the limiter")
	}
	for range 100 {
		if ok, _ := l.Allow("a", time.Unix(0, 0)); !ok {
			t.Fatal("a nil limiter refused")
		}
	}
}

func TestLimiterKeepsAtMostMaxKeys(t *testing.T) {
	now := time.Unix(1e9, 0)
	l := New[string](1, 2, 50)
	l.Allow("hot", now)
	l.Allow("hot", now)
	for i := range 1000 {
		now = now.Add(time.Millisecond)
		l.Allow("k"+strconv.Itoa(i), now)
		if l.Len() > 50 {
			t.Fatalf("%d keys kept, bound is 50", l.Len())
		}
	}
	// Buckets that refilled completely are dropped first; a still-drained
	// bucket is kept while there are refilled ones to drop instead.
	l = New[string](1, 2, 3)
	l.Allow("drained", now)
	l.Allow("drained", now)
	l.Allow("idle", now)
	now = now.Add(1500 * time.Millisecond) // idle has refilled, drained has 1.5 tokens
	l.Allow("x", now)                      // 3 keys: no eviction yet
	l.Allow("y", now)                      // full: idle goes
	if !l.Remembers("drained") {
		t.Fatal("a drained bucket was evicted while a refilled one could go")
	}
	if l.Remembers("idle") {
		t.Fatal("the refilled bucket was kept")
	}
	// With nothing refilled, the least recently seen key makes room.
	l = New[string](1, 5, 2)
	l.Allow("old", now)
	l.Allow("new", now.Add(time.Millisecond))
	l.Allow("newest", now.Add(2*time.Millisecond))
	if l.Remembers("old") || !l.Remembers("new") {
		t.Fatal("the least recently seen key was not the one evicted")
	}
}
