package sshserver

import (
	"net"
	"net/netip"
	"sync"
	"time"
)

// ipLimiter is a token bucket per client IP, checked when a TCP connection
// arrives, before any SSH handshake work. One noisy address never locks
// out another. The table is bounded: refilled buckets are forgotten, and
// when full the least recently seen address makes room.
type ipLimiter struct {
	rate    float64 // tokens per second
	burst   float64
	maxIPs  int
	mu      sync.Mutex
	buckets map[netip.Addr]*bucket
}

type bucket struct {
	tokens float64
	seen   time.Time
}

const defaultMaxTrackedIPs = 10000

func newIPLimiter(rate float64, burst int) *ipLimiter {
	if rate <= 0 {
		return nil // disabled
	}
	return &ipLimiter{rate: rate, burst: float64(max(burst, 1)), maxIPs: defaultMaxTrackedIPs, buckets: map[netip.Addr]*bucket{}}
}

// allow spends one token of ip's bucket. A nil limiter allows everything.
func (l *ipLimiter) allow(ip netip.Addr, now time.Time) bool {
	if l == nil {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[ip]
	if !ok {
		l.makeRoom(now)
		b = &bucket{tokens: l.burst, seen: now}
		l.buckets[ip] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.seen).Seconds()*l.rate)
	b.seen = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// makeRoom keeps the table under maxIPs entries. Called with l.mu held.
func (l *ipLimiter) makeRoom(now time.Time) {
	if len(l.buckets) < l.maxIPs {
		return
	}
	refill := time.Duration(l.burst / l.rate * float64(time.Second))
	var oldestIP netip.Addr
	var oldest time.Time
	for ip, b := range l.buckets {
		if now.Sub(b.seen) >= refill {
			delete(l.buckets, ip) // full again: same as never seen
			continue
		}
		if oldest.IsZero() || b.seen.Before(oldest) {
			oldestIP, oldest = ip, b.seen
		}
	}
	if len(l.buckets) >= l.maxIPs {
		delete(l.buckets, oldestIP)
	}
}

// remoteIP extracts the client IP of a connection's address.
func remoteIP(a net.Addr) netip.Addr {
	if tcp, ok := a.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(tcp.IP); ok {
			return ip.Unmap()
		}
	}
	if ap, err := netip.ParseAddrPort(a.String()); err == nil {
		return ap.Addr().Unmap()
	}
	return netip.Addr{}
}
