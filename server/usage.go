package server

import (
	"context"
	"sync"
	"time"
)

// usageInterval is how often, at most, a credential's last_used_at is
// written: the request path writes once a minute per credential, not on
// every call (issue 16).
const usageInterval = time.Minute

// maxUsageEntries bounds the recorder's memory; past it, entries older
// than usageInterval are dropped (they would allow a write anyway).
const maxUsageEntries = 10_000

// usageRecorder throttles the last_used_at writes per credential.
type usageRecorder struct {
	s    *Server
	mu   sync.Mutex
	last map[int64]time.Time // when each credential's last_used_at was last written
}

func newUsageRecorder(s *Server) *usageRecorder {
	return &usageRecorder{s: s, last: map[int64]time.Time{}}
}

// due reports whether id's use at now should be written, and if so counts
// it as written, so concurrent requests of one credential write once.
func (u *usageRecorder) due(id int64, now time.Time) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	if prev, ok := u.last[id]; ok && now.Sub(prev) < usageInterval && !now.Before(prev) {
		return false
	}
	if len(u.last) >= maxUsageEntries {
		for k, t := range u.last {
			if now.Sub(t) >= usageInterval {
				delete(u.last, k)
			}
		}
	}
	u.last[id] = now
	return true
}

// used records that credential id's token was used at the server's now.
// A failed write is logged, never the request's failure: the time of use
// is an observation, and the next minute writes it again.
func (u *usageRecorder) used(ctx context.Context, id int64) {
	now := u.s.now()
	if !u.due(id, now) {
		return
	}
	if err := u.s.store.TouchClientCredential(context.WithoutCancel(ctx), id, now); err != nil {
		u.s.log.Warn("recording last use", "client_credential", id, "err", err.Error())
		u.mu.Lock()
		delete(u.last, id) // try again on the next request
		u.mu.Unlock()
	}
}
