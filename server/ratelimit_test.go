package server

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestBucketRefillsAndSaysHowLongToWait(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	l := newRateLimiter(2, 3, 100, clk.now) // 2/s, burst 3
	for i := range 3 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d within the burst refused", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait <= 0 || wait > 500*time.Millisecond {
		t.Fatalf("past the burst: ok=%v wait=%v, want refused with wait ≤ 0.5 s", ok, wait)
	}
	if ok, _ := l.allow("b"); !ok {
		t.Fatal("key b refused because key a is exhausted")
	}
	clk.advance(500 * time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Fatal("a token refilled after 0.5 s at 2/s was refused")
	}
	clk.advance(time.Hour)
	for range 3 {
		l.allow("a")
	}
	if ok, _ := l.allow("a"); ok {
		t.Fatal("a bucket refilled beyond its burst")
	}
}

func TestLimiterKeepsAtMostMaxKeys(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	l := newRateLimiter(1, 2, 50, clk.now)
	l.allow("hot")
	l.allow("hot")
	for i := range 1000 {
		clk.advance(time.Millisecond)
		l.allow("k" + strconv.Itoa(i))
		if len(l.buckets) > 50 {
			t.Fatalf("%d keys kept, bound is 50", len(l.buckets))
		}
	}
	// Buckets that refilled completely are dropped first; a still-drained
	// bucket is kept while there are refilled ones to drop instead.
	l = newRateLimiter(1, 2, 3, clk.now)
	l.allow("drained")
	l.allow("drained")
	l.allow("idle")
	clk.advance(1500 * time.Millisecond) // idle has refilled, drained has 1.5 tokens
	l.allow("x")                         // 3 keys: no eviction yet
	l.allow("y")                         // full: idle goes
	if _, ok := l.buckets["drained"]; !ok {
		t.Fatal("a drained bucket was evicted while a refilled one could go")
	}
	if _, ok := l.buckets["idle"]; ok {
		t.Fatal("the refilled bucket was kept")
	}
}

// One client id hammering the token endpoint is limited, and never spends
// its address's whole budget: another client behind the same address keeps
// getting tokens.
func TestTokenLimitsPerClientAndPerIP(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	limits := newTokenLimits(10, 5, clk.now) // per IP: 20/s, burst 10
	h := limits.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requestClientID(r) == "" && r.ContentLength > 0 {
			t.Error("the handler lost the request body")
		}
		w.WriteHeader(http.StatusOK)
	}))
	post := func(ip, cid string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/iso/oauth2/token", strings.NewReader("grant_type=client_credentials&client_id="+cid+"&client_secret=s"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = ip + ":40000"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	limited := 0
	for range 100 {
		if rec := post("10.0.0.1", "cc_hammer"); rec.Code == http.StatusTooManyRequests {
			limited++
			if rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "slow_down") {
				t.Fatalf("429 without Retry-After or RFC 6749 body: %v %s", rec.Header(), rec.Body)
			}
		}
	}
	if limited != 95 {
		t.Fatalf("%d of 100 requests limited, want 95 (burst 5)", limited)
	}
	for i := range 5 {
		if rec := post("10.0.0.1", "cc_other"); rec.Code != http.StatusOK {
			t.Fatalf("another client on the same address was locked out at request %d: %d", i+1, rec.Code)
		}
	}
	// Many client ids from one address: the address's budget stops them.
	refused := 0
	for i := range 20 {
		if post("10.0.0.2", "cc_spray"+strconv.Itoa(i)).Code == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused != 10 {
		t.Fatalf("spraying client ids: %d of 20 refused, want 10 (IP burst 10)", refused)
	}
	if rec := post("10.0.0.3", "cc_spray0"); rec.Code != http.StatusOK {
		t.Fatalf("another address was locked out: %d", rec.Code)
	}
}
