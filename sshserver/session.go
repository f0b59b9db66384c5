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
)

func (r endReason) String() string {
	return [...]string{"running", "quit", "client closed", "idle timeout", "max session time",
		"server shutdown", "panic", "no terminal", "unauthorized", "start failed"}[r]
}

// liveSession is the state of one SSH session while its chain runs.
type liveSession struct {
	sess      ssh.Session
	id        string
	log       *slog.Logger
	now       func() time.Time
	ctx       context.Context // ends the program when cancelled
	cancel    context.CancelFunc
	entry     Entry
	lastInput atomic.Int64 // unix nanoseconds of the last keystroke or resize

	mu       sync.Mutex
	why      endReason
	finished sync.Once
}

func newLiveSession(sess ssh.Session, log *slog.Logger, now func() time.Time) *liveSession {
	ctx, cancel := context.WithCancel(sess.Context())
	ls := &liveSession{sess: sess, id: newSessionID(), now: now, ctx: ctx, cancel: cancel}
	ls.log = log.With("session", ls.id, "remote_ip", remoteIP(sess.RemoteAddr()).String(),
		"key", keyFingerprint(sess.PublicKey()))
	ls.touch()
	return ls
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

func (ls *liveSession) touch() { ls.lastInput.Store(ls.now().UnixNano()) }

func (ls *liveSession) sinceInput() time.Duration {
	return ls.now().Sub(time.Unix(0, ls.lastInput.Load()))
}

// runProgram is the innermost stage: one Bubble Tea program for the session.
func (s *Server) runProgram(ls *liveSession) {
	pty, winch, _ := ls.sess.Pty()
	env := sessionEnv(ls.sess, pty)
	info := SessionInfo{
		Session:        ls.sess,
		Renderer:       newRenderer(ls.sess, pty.Term, env),
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
	p := tea.NewProgram(guardedModel{inner: model, g: guard}, append(opts,
		tea.WithInput(&inputTracker{r: ls.sess, ls: ls}),
		tea.WithOutput(ls.sess),
		tea.WithContext(ls.ctx),
		tea.WithEnvironment(env),
		tea.WithoutSignalHandler(), // signals belong to the server process
	)...)
	go s.watch(ls, p, winch)
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramPanic) { // Bubble Tea's own backstop caught it
		ls.log.Error("ssh session panic caught by bubbletea", "ref", ls.id)
		ls.end(endPanic)
	}
	ls.end(endQuit) // no-op when another reason came first
	s.say(ls)
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
	default:
		ls.finish(0, "")
	}
}

// watch forwards window changes to the program and ends the session when
// it has been idle (no keystroke, no resize) or open too long. Output the
// program writes by itself (timers, countdowns) is not activity, which is
// why this is done here and not by the connection's deadline.
func (s *Server) watch(ls *liveSession, p *tea.Program, winch <-chan ssh.Window) {
	idle, stopIdle := timerChan(s.cfg.IdleTimeout)
	defer stopIdle()
	maxC, stopMax := timerChan(s.cfg.MaxSessionTime)
	defer stopMax()
	for done := false; !done; {
		select {
		case <-ls.ctx.Done():
			done = true
		case w, ok := <-winch:
			if !ok {
				return
			}
			ls.touch()
			p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
		case <-idle.C:
			if left := s.cfg.IdleTimeout - ls.sinceInput(); left > 0 {
				idle.Reset(left)
				continue
			}
			ls.end(endIdle)
		case <-maxC.C:
			ls.end(endMaxTime)
		}
	}
	// The ssh package blocks its request loop on this channel; keep it
	// drained until the channel closes with the session.
	for range winch {
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

// inputTracker records keystrokes as activity and ends the session when
// the client closes its input.
type inputTracker struct {
	r  io.Reader
	ls *liveSession
}

func (t *inputTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		t.ls.touch()
	}
	if err != nil {
		t.ls.end(endInputClosed)
	}
	return n, err
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
