package sshserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
)

// endReason says why a session ended; the first reason recorded wins.
type endReason int

const (
	endNone endReason = iota
	endQuit
	endInputClosed
	endIdle
	endMaxTime
	endShutdown
	endPanic
	endNoTerminal
	endUnauthorized
	endStartFailed
	endRevoked
)

func (r endReason) String() string {
	return [...]string{"running", "quit", "client closed", "idle timeout", "max session time",
		"server shutdown", "panic", "no terminal", "unauthorized", "start failed", "access revoked"}[r]
}

// liveSession is the state of one SSH session while its chain runs.
type liveSession struct {
	sess   ssh.Session
	st     *chanState // what the channel's request filter keeps: size, activity, log
	id     string
	log    *slog.Logger
	now    func() time.Time
	ctx    context.Context // ends the program when cancelled
	cancel context.CancelFunc
	entry  Entry

	mu       sync.Mutex
	why      endReason
	finished sync.Once
}

func newLiveSession(sess ssh.Session, log *slog.Logger, now func() time.Time) *liveSession {
	ctx, cancel := context.WithCancel(sess.Context())
	st, ok := sess.Context().Value(chanStateKey{}).(*chanState)
	if !ok { // not opened through sessionChannel (kept for safety)
		st = newChanState(log.With("remote_ip", remoteIP(sess.RemoteAddr()).String(), "key", keyFingerprint(sess.PublicKey())), now)
	}
	st.touch()
	return &liveSession{sess: sess, st: st, id: st.id, log: st.log, now: now, ctx: ctx, cancel: cancel}
}

func newSessionID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// end records why the session ends (first reason wins) and stops the program.
func (ls *liveSession) end(r endReason) {
	ls.mu.Lock()
	if ls.why == endNone {
		ls.why = r
	}
	ls.mu.Unlock()
	ls.cancel()
}

func (ls *liveSession) reason() endReason {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.why
}

// finish prints msg (if any) on the client's stderr and sends the exit status.
func (ls *liveSession) finish(code int, msg string) {
	ls.finished.Do(func() {
		if msg != "" {
			_, _ = io.WriteString(ls.sess.Stderr(), "\n"+msg+"\n")
		}
		_ = ls.sess.Exit(code)
	})
}

func (ls *liveSession) sinceInput() time.Duration {
	return ls.now().Sub(time.Unix(0, ls.st.lastInput.Load()))
}

// runProgram is the innermost stage: one Bubble Tea program for the session.
func (s *Server) runProgram(ls *liveSession) {
	pty, _, _ := ls.sess.Pty() // size and terminal type already checked by the channel filter
	env := sshEnviron(sessionEnv(ls.sess, pty))
	info := SessionInfo{
		Session:        ls.sess,
		Renderer:       newRenderer(ls.sess, pty.Term, env),
		Getenv:         env.Getenv,
		Role:           ls.entry.Role,
		KeyFingerprint: ls.entry.Fingerprint(),
		User:           ls.sess.User(),
		SessionID:      ls.id,
		Width:          pty.Window.Width,
		Height:         pty.Window.Height,
	}
	model, opts, err := s.cfg.NewModel(info)
	if err == nil && model == nil {
		err = errors.New("NewModel returned no model")
	}
	if err != nil {
		ls.log.Error("ssh console did not start", "ref", ls.id, "error", err.Error())
		ls.end(endStartFailed)
		ls.finish(1, fmt.Sprintf("pamconsole: the console could not start (ref %s); the server log has the details.", ls.id))
		return
	}
	guard := &panicGuard{onPanic: func(r any) {
		s.reportPanic(ls, r, debug.Stack())
		ls.end(endPanic)
	}}
	in := newSessionInput(ls.sess, ls)
	p := tea.NewProgram(guardedModel{inner: model, g: guard}, append(opts,
		tea.WithInput(in),
		tea.WithOutput(ls.sess),
		tea.WithContext(ls.ctx),
		tea.WithEnvironment(env),
		tea.WithoutSignalHandler(), // signals belong to the server process
	)...)
	if s.cfg.PasteCut != nil {
		// Not from Read itself: Send waits for the program's loop. One
		// notice at a time, so a stuck program and a flood of cut pastes
		// do not pile up goroutines.
		var pending atomic.Bool
		in.onCut = func() {
			if pending.CompareAndSwap(false, true) {
				go func() { defer pending.Store(false); p.Send(s.cfg.PasteCut()) }()
			}
		}
	}
	go forwardResizes(ls, p, pty.Window)
	go s.enforceLimits(ls)
	err = s.run(ls, p)
	if errors.Is(err, tea.ErrProgramPanic) { // Bubble Tea's own backstop caught it
		ls.log.Error("ssh session panic caught by bubbletea", "ref", ls.id)
		ls.end(endPanic)
	}
	ls.end(endQuit) // no-op when another reason came first
	s.say(ls)
}

// stopGrace is how long a program has to stop once its session has ended
// before the channel is closed under it, and again before the session is
// given up on (a goroutine cannot be killed; it is logged).
const stopGrace = 2 * time.Second

// run runs the program until it quits, or until the session ends for
// another reason (client gone, idle, max time, shutdown). A program that
// does not stop then — blocked writing to a client that stopped reading,
// or a model that does not return — does not keep the session: the client
// is told why and the channel is closed, which fails the pending writes.
func (s *Server) run(ls *liveSession, p *tea.Program) error {
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ls.ctx.Done():
	}
	t := time.NewTimer(stopGrace)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
	}
	ls.log.Warn("ssh program did not stop; closing its channel", "ref", ls.id, "reason", ls.reason().String())
	said := make(chan struct{})
	go func() { s.say(ls); close(said) }() // may block on a client that reads nothing
	t.Reset(stopGrace)
	select {
	case <-said:
	case <-t.C:
	}
	_ = ls.sess.Close()
	t.Reset(stopGrace)
	select {
	case err := <-done:
		return err
	case <-t.C:
		ls.log.Error("ssh program still running after its channel closed", "ref", ls.id)
		return nil
	}
}

// say tells the client why its session ended and sets the exit status.
func (s *Server) say(ls *liveSession) {
	switch ls.reason() {
	case endPanic:
		ls.finish(1, panicMessage(ls.id))
	case endIdle:
		ls.finish(1, fmt.Sprintf("pamconsole: session closed after %s without input.", s.cfg.IdleTimeout))
	case endMaxTime:
		ls.finish(1, fmt.Sprintf("pamconsole: session closed after the maximum session time of %s.", s.cfg.MaxSessionTime))
	case endShutdown:
		ls.finish(1, "pamconsole: the server is shutting down; try again shortly.")
	case endRevoked:
		ls.finish(1, revokedMessage)
	default:
		ls.finish(0, "")
	}
}

// forwardResizes gives the program its first size, then the latest size
// after every window change. Program.Send blocks while the program is
// busy; sizes that arrive meanwhile replace each other in the channel
// state, so only the latest is sent and the request loop never waits.
func forwardResizes(ls *liveSession, p *tea.Program, first ssh.Window) {
	p.Send(tea.WindowSizeMsg{Width: first.Width, Height: first.Height})
	for {
		select {
		case <-ls.ctx.Done():
			return
		case <-ls.st.resized:
			w := ls.st.window()
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		}
	}
}

// enforceLimits ends the session when it has been idle (no keystroke, no
// resize) or open too long. Output the program writes by itself (timers,
// countdowns) is not activity, which is why this is done here and not by
// the connection's deadline. It runs on its own goroutine, so a busy or
// blocked program cannot keep it from firing.
func (s *Server) enforceLimits(ls *liveSession) {
	idle, stopIdle := timerChan(s.cfg.IdleTimeout)
	defer stopIdle()
	maxC, stopMax := timerChan(s.cfg.MaxSessionTime)
	defer stopMax()
	for {
		select {
		case <-ls.ctx.Done():
			return
		case <-idle.C:
			if left := s.cfg.IdleTimeout - ls.sinceInput(); left > 0 {
				idle.Reset(left)
				continue
			}
			ls.end(endIdle)
			return
		case <-maxC.C:
			ls.end(endMaxTime)
			return
		}
	}
}

// timerChan returns a timer for d, or one that never fires if d <= 0.
func timerChan(d time.Duration) (*time.Timer, func()) {
	if d <= 0 {
		t := time.NewTimer(time.Hour)
		t.Stop()
		return t, func() {}
	}
	t := time.NewTimer(d)
	return t, func() { t.Stop() }
}

// sessionEnv is the client's environment as sent over SSH, plus TERM from
// the PTY request; the server process's own environment never leaks in.
func sessionEnv(sess ssh.Session, pty ssh.Pty) []string {
	env := append([]string(nil), sess.Environ()...)
	return append(env, "TERM="+pty.Term)
}

type sshEnviron []string

func (e sshEnviron) Environ() []string { return e }

func (e sshEnviron) Getenv(k string) string {
	v := ""
	for _, kv := range e {
		if name, val, ok := strings.Cut(kv, "="); ok && name == k {
			v = val // last one wins, as TERM is appended last
		}
	}
	return v
}

// newRenderer returns a lipgloss renderer with the colour profile of the
// client's terminal (from TERM and COLORTERM). It never queries the
// terminal, so the first frame is not delayed: the background is taken
// as dark unless COLORFGBG says otherwise.
func newRenderer(w io.Writer, term string, env []string) *lipgloss.Renderer {
	if term == "" || term == "dumb" {
		return lipgloss.NewRenderer(w, termenv.WithProfile(termenv.Ascii))
	}
	e := sshEnviron(env)
	r := lipgloss.NewRenderer(w, termenv.WithEnvironment(e), termenv.WithUnsafe(), termenv.WithColorCache(true))
	r.SetHasDarkBackground(darkBackground(e.Getenv("COLORFGBG")))
	return r
}

// darkBackground reads COLORFGBG ("fg;bg"): background colours 7 and 15 are light.
func darkBackground(colorfgbg string) bool {
	i := strings.LastIndexByte(colorfgbg, ';')
	bg := colorfgbg[i+1:]
	return bg != "7" && bg != "15"
}
