package sshserver

import (
	"net"
	"net/netip"

	"github.com/pamconsole/pamconsole/internal/ratelimit"
)

// ipLimiter is a token bucket per client IP, checked when a TCP connection
// arrives, before any SSH handshake work. One noisy address never locks
// out another; the table of addresses is bounded (internal/ratelimit).
// A nil limiter allows everything.
type ipLimiter = ratelimit.Keyed[netip.Addr]

func newIPLimiter(rate float64, burst int) *ipLimiter {
	return ratelimit.New[netip.Addr](rate, burst, ratelimit.DefaultMaxKeys)
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
