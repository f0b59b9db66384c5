// Package ratelimit keeps one golang.org/x/time/rate token bucket per key
// (a client id, an IP address) in a table of bounded size. The server's
// token endpoints and the SSH server's connection gate share it, so the
// bucket arithmetic is the library's and the bounded table exists once.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultMaxKeys bounds the table of a limiter made with MaxKeys ≤ 0.
const DefaultMaxKeys = 10000

// Keyed is a token bucket per key: each key may spend Burst tokens at once
// and gets PerSecond tokens back each second. One key's exhaustion never
// affects another key. At most MaxKeys keys are remembered: a key whose
// bucket has refilled is forgotten first (forgetting it changes nothing),
// else the least recently seen one. A nil *Keyed allows everything.
type Keyed[K comparable] struct {
	mu      sync.Mutex
	limit   rate.Limit
	burst   int
	maxKeys int
	keys    map[K]*entry
}

type entry struct {
	lim  *rate.Limiter
	seen time.Time
}

// New makes a limiter of perSecond tokens a second and a burst of burst
// (at least 1) per key, remembering at most maxKeys keys (≤ 0:
// DefaultMaxKeys). A perSecond ≤ 0 gives nil: no limit.
func New[K comparable](perSecond float64, burst, maxKeys int) *Keyed[K] {
	if perSecond <= 0 {
		return nil
	}
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	return &Keyed[K]{limit: rate.Limit(perSecond), burst: max(burst, 1), maxKeys: maxKeys, keys: map[K]*entry{}}
}

// Allow spends one token of key's bucket at now. When none is left it
// returns false and how long until the next token.
func (k *Keyed[K]) Allow(key K, now time.Time) (bool, time.Duration) {
	if k == nil {
		return true, 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	e, ok := k.keys[key]
	if !ok {
		k.makeRoom(now)
		e = &entry{lim: rate.NewLimiter(k.limit, k.burst)}
		k.keys[key] = e
	}
	if now.After(e.seen) {
		e.seen = now
	}
	if e.lim.AllowN(now, 1) {
		return true, 0
	}
	missing := 1 - e.lim.TokensAt(now)
	return false, time.Duration(missing / float64(k.limit) * float64(time.Second))
}

// Len is the number of keys remembered.
func (k *Keyed[K]) Len() int {
	if k == nil {
		return 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.keys)
}

// Remembers reports whether key has a bucket in the table.
func (k *Keyed[K]) Remembers(key K) bool {
	if k == nil {
		return false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	_, ok := k.keys[key]
	return ok
}

// makeRoom keeps the table under maxKeys entries before a new key is
// added. Called with k.mu held.
func (k *Keyed[K]) makeRoom(now time.Time) {
	if len(k.keys) < k.maxKeys {
		return
	}
	var stalest K
	var at time.Time
	found := false
	for key, e := range k.keys {
		if e.lim.TokensAt(now) >= float64(k.burst) {
			delete(k.keys, key)
			continue
		}
		if !found || e.seen.Before(at) {
			stalest, at, found = key, e.seen, true
		}
	}
	if len(k.keys) >= k.maxKeys {
		delete(k.keys, stalest)
	}
}
