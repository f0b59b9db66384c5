package sshserver

import (
	"context"
	"net"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

type graceKey struct{}

// admitConn runs first, on the raw TCP connection: the per-IP rate limit
// (before any handshake work), then the login grace timer, which closes a
// connection that has not opened a session in time.
func (s *Server) admitConn(ctx ssh.Context, c net.Conn) net.Conn {
	ip := remoteIP(c.RemoteAddr())
	if ok, _ := s.limiter.Allow(ip, s.now()); !ok {
		s.log.Warn("ssh connection rate limited", "remote_ip", ip.String())
		return nil // the ssh package closes it
	}
	grace := time.AfterFunc(s.cfg.LoginGrace, func() { _ = c.Close() })
	context.AfterFunc(ctx, func() { grace.Stop() }) // connection gone: release the timer
	ctx.SetValue(graceKey{}, grace)
	ctx.SetValue(connStateKey{}, &connState{})
	return c
}

// stopLoginGrace is called when a session starts on the connection.
func stopLoginGrace(ctx ssh.Context) {
	if t, ok := ctx.Value(graceKey{}).(*time.Timer); ok {
		t.Stop()
	}
}

// authenticate accepts only keys listed in authorized_keys, within their
// from= and expiry-time restrictions. It is consulted for every key a
// client offers, so it decides nothing else: the role is looked up later
// from the key the handshake actually verified (ssh.Session.PublicKey),
// never from state set here.
func (s *Server) authenticate(ctx ssh.Context, key ssh.PublicKey) bool {
	e, ok := s.lookup(key)
	if !ok {
		// At Info, so a refused login names who tried from where: only the
		// public key's fingerprint and type, never anything secret.
		s.log.Info("ssh key not authorized", "remote_ip", remoteIP(ctx.RemoteAddr()).String(),
			"key", gossh.FingerprintSHA256(key), "key_type", key.Type())
		return false
	}
	if err := e.allows(remoteIP(ctx.RemoteAddr()), s.now()); err != nil {
		s.log.Info("ssh key refused", "remote_ip", remoteIP(ctx.RemoteAddr()).String(),
			"key", e.Fingerprint(), "reason", err.Error())
		return false
	}
	return true
}

// allowPty honours no-pty / restrict for the authenticated key.
func (s *Server) allowPty(ctx ssh.Context, _ ssh.Pty) bool {
	key, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	e, ok := s.lookup(key)
	return ok && !e.NoPTY
}

func (s *Server) connFailed(c net.Conn, err error) {
	s.log.Info("ssh connection failed", "remote_ip", remoteIP(c.RemoteAddr()).String(), "error", err.Error())
}
