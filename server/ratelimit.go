package server

import (
	"bytes"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rateLimiter is a token bucket per key (client id or client IP), with a
// bounded number of keys. One key's exhaustion never affects another key.
type rateLimiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	maxKeys int
	now     func() time.Time
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(rate float64, burst, maxKeys int, now func() time.Time) *rateLimiter {
	return &rateLimiter{rate: rate, burst: float64(burst), maxKeys: maxKeys, now: now, buckets: map[string]*bucket{}}
}

// allow takes one token for key; when none is left it returns how long to
// wait for the next one.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.evict(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	l.refill(b, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

func (l *rateLimiter) refill(b *bucket, now time.Time) {
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(l.burst, b.tokens+elapsed*l.rate)
	}
	b.last = now
}

// evict makes room for a new key: it drops every bucket that has refilled
// to its burst (forgetting it changes nothing), or else the stalest one.
func (l *rateLimiter) evict(now time.Time) {
	var stalest string
	var at time.Time
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
			continue
		}
		if stalest == "" || b.last.Before(at) {
			stalest, at = k, b.last
		}
	}
	if len(l.buckets) >= l.maxKeys {
		delete(l.buckets, stalest)
	}
}

// maxLimiterKeys bounds the memory of each limiter.
const maxLimiterKeys = 10000

// tokenLimits are the per-client-id and per-IP budgets shared by every
// token endpoint (so alternating endpoints gives no extra budget).
type tokenLimits struct {
	perClient, perIP *rateLimiter
}

// newTokenLimits gives each IP twice a client's budget, so one client
// hammering from an address can use at most half of that address's budget.
func newTokenLimits(rate float64, burst int, now func() time.Time) *tokenLimits {
	if rate <= 0 {
		rate, burst = 10, 30
	}
	return &tokenLimits{
		perClient: newRateLimiter(rate, burst, maxLimiterKeys, now),
		perIP:     newRateLimiter(rate*2, burst*2, maxLimiterKeys, now),
	}
}

// wrap refuses token requests beyond the budgets with 429 and Retry-After.
// The client id's budget is checked first and a request refused there does
// not spend the IP's budget: one client retrying in a loop cannot lock out
// other clients behind the same address.
func (t *tokenLimits) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cid := requestClientID(r); cid != "" {
			if ok, wait := t.perClient.allow(cid); !ok {
				tooMany(w, wait)
				return
			}
		}
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		if ok, wait := t.perIP.allow(ip); !ok {
			tooMany(w, wait)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func tooMany(w http.ResponseWriter, wait time.Duration) {
	secs := strconv.Itoa(max(int(math.Ceil(wait.Seconds())), 1))
	w.Header().Set("Retry-After", secs)
	oauthError(w, http.StatusTooManyRequests, "slow_down", "too many token requests: retry after "+secs+"s")
}

// requestClientID is the client id of a token request: HTTP Basic, else
// the form or JSON body.
func requestClientID(r *http.Request) string {
	if id, _, ok := basicAuth(r); ok {
		return id
	}
	return peekClientID(r)
}

// peekClientID reads the client id from a token request body and puts the
// body back for the handler (a read error, such as 413, is replayed to it).
func peekClientID(r *http.Request) string {
	raw, err := io.ReadAll(r.Body)
	var rest io.Reader = bytes.NewReader(raw)
	if err != nil {
		rest = io.MultiReader(rest, errReader{err})
	}
	r.Body = io.NopCloser(rest)
	if err != nil {
		return ""
	}
	clone := r.Clone(r.Context())
	clone.Body = io.NopCloser(bytes.NewReader(raw))
	var req tokenRequest
	if decodeBody(clone, &req) != nil {
		return ""
	}
	return req.ClientID
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
