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
// bounded number of keys: when full, the stalest bucket is evicted. One
// key's exhaustion never affects another key.
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

// allow takes one token for key; when none is left it returns how long to wait.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.evictStalest()
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

func (l *rateLimiter) evictStalest() {
	var stalest string
	var at time.Time
	for k, b := range l.buckets {
		if stalest == "" || b.last.Before(at) {
			stalest, at = k, b.last
		}
	}
	delete(l.buckets, stalest)
}

// limitTokens refuses token requests beyond the per-IP and per-client-id
// budgets with 429 and Retry-After.
func (s *Server) limitTokens(next http.Handler) http.Handler {
	perIP := newRateLimiter(20, 60, 10000, s.now)
	perClient := newRateLimiter(10, 30, 10000, s.now)
	if s.opts.TokenRate > 0 {
		perIP = newRateLimiter(s.opts.TokenRate*2, s.opts.TokenBurst*2, 10000, s.now)
		perClient = newRateLimiter(s.opts.TokenRate, s.opts.TokenBurst, 10000, s.now)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		if ok, wait := perIP.allow("ip:" + ip); !ok {
			tooMany(w, wait)
			return
		}
		cid := r.URL.Query().Get("client_id") // cheap pre-check; the body is read by the handler
		if id, _, ok := r.BasicAuth(); ok {
			cid = id
		}
		if cid == "" {
			cid = peekClientID(r)
		}
		if cid != "" {
			if ok, wait := perClient.allow("cid:" + cid); !ok {
				tooMany(w, wait)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func tooMany(w http.ResponseWriter, wait time.Duration) {
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	oauthError(w, http.StatusTooManyRequests, "slow_down", "too many token requests: retry after "+strconv.Itoa(max(secs, 1))+"s")
}

// peekClientID reads the client id from a token request body and puts the
// body back for the handler (a read error is replayed to it too).
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
