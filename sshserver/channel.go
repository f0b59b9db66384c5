package sshserver

import (
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// connState is the per-connection state, set by admitConn.
type connState struct {
	sessions      atomic.Int32 // session channels open
	refusedLogged atomic.Bool
}

type connStateKey struct{}

// chanState is what the request filter of one session channel learnt,
// shared with that channel's liveSession.
type chanState struct {
	id        string
	log       *slog.Logger
	now       func() time.Time
	lastInput atomic.Int64  // unix nanoseconds of the last keystroke or resize
	resized   chan struct{} // capacity 1: a new size waits in win

	mu     sync.Mutex
	win    Window // latest size, clamped
	env    envTally
	logged map[string]bool // messages logged once per session
}

type chanStateKey struct{}

func newChanState(log *slog.Logger, now func() time.Time) *chanState {
	st := &chanState{id: newSessionID(), now: now, resized: make(chan struct{}, 1), logged: map[string]bool{}}
	st.log = log.With("session", st.id)
	st.touch()
	return st
}

func (st *chanState) touch() { st.lastInput.Store(st.now().UnixNano()) }

// window returns the latest size a window-change asked for (clamped).
func (st *chanState) window() Window {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.win
}

// logOnce logs msg at warning level the first time it happens in the session.
func (st *chanState) logOnce(msg string, args ...any) {
	st.mu.Lock()
	first := !st.logged[msg]
	st.logged[msg] = true
	st.mu.Unlock()
	if first {
		st.log.Warn(msg, append(args, "note", "logged once per session")...)
	}
}

// chanCtx is the connection's context plus the state of one channel: the
// ssh package hands every channel of a connection the same context, and
// this is how a session handler finds the state of its own channel.
type chanCtx struct {
	ssh.Context
	st *chanState
}

func (c chanCtx) Value(key any) any {
	if _, ok := key.(chanStateKey); ok {
		return c.st
	}
	return c.Context.Value(key)
}

// sessionChannel replaces the ssh package's "session" channel handler: it
// bounds the sessions per connection and puts a filter between the
// client's requests and the ssh package's request loop (see filter).
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	if cs, ok := ctx.Value(connStateKey{}).(*connState); ok {
		if cs.sessions.Add(1) > MaxSessionsPerConn {
			cs.sessions.Add(-1)
			_ = nc.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions per connection", MaxSessionsPerConn))
			if !cs.refusedLogged.Swap(true) {
				s.log.Warn("ssh session refused: too many on one connection", "remote_ip", remoteIP(conn.RemoteAddr()).String(),
					"key", keyFingerprint(keyOf(ctx)), "max", MaxSessionsPerConn)
			}
			return
		}
		defer cs.sessions.Add(-1)
	}
	st := newChanState(s.log.With("remote_ip", remoteIP(conn.RemoteAddr()).String(), "key", keyFingerprint(keyOf(ctx))), s.now)
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{NewChannel: nc, st: st}, chanCtx{Context: ctx, st: st})
}

func keyOf(ctx ssh.Context) ssh.PublicKey {
	k, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	return k
}

// filteredChannel accepts the channel with st.filter between its requests
// and the ssh package.
type filteredChannel struct {
	gossh.NewChannel
	st *chanState
}

func (f filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := f.NewChannel.Accept()
	if err != nil {
		return nil, nil, err
	}
	out := make(chan *gossh.Request)
	go f.st.filter(reqs, out)
	return ch, out, nil
}

// filter checks every request of the channel before the ssh package sees
// it. Window changes stop here: the latest size is kept in st and the
// session's program is told by its own goroutine, so a storm of them never
// blocks this loop (the ssh package would block its loop on a one-slot
// channel, and with it the connection's window adjusts, which the
// program's output waits for). The ssh package's loop never blocks on
// what is passed on: signals are buffered (128) and break is refused.
func (st *chanState) filter(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	for req := range in {
		if st.check(req) {
			out <- req
		}
	}
}

// check answers window-change itself, refuses what is out of bounds and
// rewrites pty-req with the checked size and terminal type. It reports
// whether to pass the request on.
func (st *chanState) check(req *gossh.Request) bool {
	switch req.Type {
	case "window-change":
		asked, applied, err := parseWindowChange(req.Payload)
		if err == nil {
			st.resize(asked, applied)
		}
		_ = req.Reply(err == nil, nil)
		return false
	case "pty-req":
		pr, err := checkPtyRequest(req.Payload)
		if err != nil {
			_ = req.Reply(false, nil)
			return false
		}
		st.noteClamp(pr.asked, pr.applied)
		if pr.termReplaced {
			st.logOnce("ssh terminal type replaced", "asked_length", pr.askedTermLen, "applied", pr.term)
		}
		req.Payload = pr.payload
		return true
	case "env":
		st.mu.Lock()
		_, _, err := checkEnvRequest(req.Payload, &st.env)
		st.mu.Unlock()
		if err != nil {
			st.logOnce("ssh env request refused", "reason", err.Error())
			_ = req.Reply(false, nil)
			return false
		}
	}
	return true
}

// resize keeps the latest size and wakes the session's forwarder.
func (st *chanState) resize(asked, applied Window) {
	st.touch()
	st.noteClamp(asked, applied)
	st.mu.Lock()
	st.win = applied
	st.mu.Unlock()
	select {
	case st.resized <- struct{}{}:
	default: // already signalled: the forwarder will read the latest size
	}
}

func (st *chanState) noteClamp(asked, applied Window) {
	if asked.Width > applied.Width || asked.Height > applied.Height {
		st.logOnce("ssh window size clamped",
			"asked", fmt.Sprintf("%dx%d", asked.Width, asked.Height),
			"applied", fmt.Sprintf("%dx%d", applied.Width, applied.Height))
	}
}
