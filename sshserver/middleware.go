package sshserver

import (
	"fmt"
	"net"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// stage is one step of a session's handling; middleware wraps a stage.
type stage func(*liveSession)

// sessionHandler builds the per-session chain. Before it runs, the
// connection has passed admitConn (per-IP rate limit, login grace) and
// authenticate (public key in authorized_keys; nothing else is offered).
//
// Order, outermost first:
//
//  1. logSession: start and end lines with session id, client IP, key
//     fingerprint, role, duration and why the session ended. Outermost so
//     the end line is written whatever happens inside, panics included.
//  2. recoverPanics: a panic anywhere below ends this session only, with a
//     short message and a reference to the log line. (Panics inside the
//     Bubble Tea model and its commands are contained by panicGuard, which
//     ends the session the same way.)
//  3. identify: role and fingerprint from the key the handshake verified,
//     re-checked against the current authorized_keys.
//  4. requireTerminal: no PTY, or a command → a clear message, exit 1.
//  5. trackLifetime: registers the session so Shutdown can end it, and a
//     reload of authorized_keys that withdraws its access (revoke.go).
//  6. runProgram: renderer, model, Bubble Tea program; beside it, on
//     their own goroutines, enforceLimits (idle timeout, maximum session
//     time) and forwardResizes (the latest window size kept by the
//     channel's request filter, see sessionChannel).
func (s *Server) sessionHandler() ssh.Handler {
	chain := s.logSession(s.recoverPanics(s.identify(s.requireTerminal(s.trackLifetime(s.runProgram)))))
	return func(sess ssh.Session) {
		stopLoginGrace(sess.Context())
		ls := newLiveSession(sess, s.log, s.now)
		defer ls.cancel()
		chain(ls)
	}
}

func (s *Server) logSession(next stage) stage {
	return func(ls *liveSession) {
		pty, _, _ := ls.sess.Pty()
		ls.log.Info("ssh session start", "user", ls.sess.User(), "term", pty.Term,
			"width", pty.Window.Width, "height", pty.Window.Height,
			"client", ls.sess.Context().ClientVersion())
		start := time.Now()
		defer func() {
			ls.log.Info("ssh session end", "role", ls.entry.Role.String(),
				"duration", time.Since(start).Round(time.Millisecond).String(), "reason", ls.reason().String())
		}()
		next(ls)
	}
}

func (s *Server) recoverPanics(next stage) stage {
	return func(ls *liveSession) {
		defer func() {
			if r := recover(); r != nil {
				s.reportPanic(ls, r, debug.Stack())
				ls.end(endPanic)
				ls.finish(1, panicMessage(ls.id))
			}
		}()
		next(ls)
	}
}

// reportPanic logs a contained panic. The panic value is logged only when
// it is a runtime error (nil dereference, bad index…): any other value may
// carry data from the session, and secrets never go to the log.
func (s *Server) reportPanic(ls *liveSession, r any, stack []byte) {
	what := fmt.Sprintf("%T", r)
	if re, ok := r.(runtime.Error); ok {
		what = re.Error()
	}
	ls.log.Error("ssh session panic", "ref", ls.id, "panic", what, "stack", string(stack))
}

func panicMessage(ref string) string {
	return fmt.Sprintf("pamconsole: this session hit an internal error and was closed (ref %s). "+
		"Other sessions are not affected; reconnect to continue.", ref)
}

func (s *Server) identify(next stage) stage {
	return func(ls *liveSession) {
		e, ok := s.lookup(ls.sess.PublicKey())
		if ok {
			if err := e.allows(remoteIP(ls.sess.RemoteAddr()), s.now()); err != nil {
				ok = false
			}
		}
		if !ok { // removed or expired since the handshake
			ls.end(endUnauthorized)
			ls.finish(1, "pamconsole: your key is not authorized.")
			return
		}
		ls.entry = e
		next(ls)
	}
}

func (s *Server) requireTerminal(next stage) stage {
	return func(ls *liveSession) {
		_, _, hasPty := ls.sess.Pty()
		if hasPty && len(ls.sess.Command()) == 0 && ls.sess.Subsystem() == "" {
			next(ls)
			return
		}
		ls.end(endNoTerminal)
		hint := sshHint(ls.sess.LocalAddr())
		if !hasPty {
			ls.finish(1, "pamconsole needs an interactive terminal: "+hint)
			return
		}
		ls.finish(1, "pamconsole serves only its console; connect without a command: "+hint)
	}
}

// sshHint is the command line that reaches this server with a terminal.
func sshHint(local net.Addr) string {
	host, port, err := net.SplitHostPort(local.String())
	if err != nil {
		return "ssh -t <host>"
	}
	return fmt.Sprintf("ssh -t -p %s %s", port, host)
}

func (s *Server) trackLifetime(next stage) stage {
	return func(ls *liveSession) {
		if !s.register(ls) {
			ls.end(endShutdown)
			ls.finish(1, "pamconsole: the server is shutting down; try again shortly.")
			return
		}
		defer s.unregister(ls)
		// A reload between identify and register did not see this
		// session; the keys it stored are checked here instead.
		if s.revokeIfWithdrawn(ls) {
			ls.finish(1, revokedMessage)
			return
		}
		next(ls)
	}
}

// keyFingerprint is the SHA256 fingerprint of a session's key, "" if none.
func keyFingerprint(k ssh.PublicKey) string {
	if k == nil {
		return ""
	}
	return gossh.FingerprintSHA256(k)
}
