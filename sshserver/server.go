package sshserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultAddr           = "127.0.0.1:2222"
	DefaultIdleTimeout    = 15 * time.Minute
	DefaultMaxSessionTime = 8 * time.Hour
	DefaultRateLimit      = 0.5 // new connections per second per client IP…
	DefaultRateBurst      = 10  // …after a burst of this many
	DefaultLoginGrace     = 30 * time.Second
)

// ErrServerClosed is returned by Serve and ListenAndServe after Shutdown or Close.
var ErrServerClosed = ssh.ErrServerClosed

// Config configures a Server. Zero durations and rates take the defaults
// above; a negative IdleTimeout, MaxSessionTime or RateLimit disables it.
type Config struct {
	Addr               string // for ListenAndServe
	HostKeyPath        string // ed25519 key, created 0600 on first start
	AuthorizedKeysPath string // OpenSSH authorized_keys; roles per the package doc

	IdleTimeout    time.Duration // no keystroke or resize for this long ends a session
	MaxSessionTime time.Duration // any session ends after this long
	LoginGrace     time.Duration // a connection must authenticate and open a session within this

	RateLimit float64 // new connections per second per client IP
	RateBurst int

	Logger *slog.Logger // nil: discard

	// PasteCut, when set, is the message a session's program is sent when
	// a bracketed paste is cut at MaxPasteBytes (e.g. a toast), so the
	// person learns that the end of the paste was dropped; the server log
	// records it either way.
	PasteCut func() tea.Msg

	// NewModel builds the Bubble Tea model of one session. The server adds
	// its own input, output, context and signal options after opts.
	NewModel func(s SessionInfo) (tea.Model, []tea.ProgramOption, error)
}

// SessionInfo describes one authenticated SSH session with a terminal.
type SessionInfo struct {
	Session        ssh.Session
	Renderer       *lipgloss.Renderer // colour profile of the client's terminal
	Role           Role
	KeyFingerprint string // SHA256:… of the key that authenticated
	User           string // SSH user name (informational: the key decides)
	SessionID      string // short random id, also in the server log
	Width, Height  int    // PTY size at start; resizes arrive as tea.WindowSizeMsg
	// Getenv reads the client's environment as sent over SSH, with TERM
	// from the PTY request (never the server process's own).
	Getenv func(string) string
}

// Server serves one Bubble Tea program per SSH session.
type Server struct {
	cfg     Config
	log     *slog.Logger
	ssh     *ssh.Server
	hostFP  string
	keys    atomic.Pointer[map[string]Entry]
	limiter *ipLimiter
	now     func() time.Time

	mu       sync.Mutex
	closing  bool
	sessions map[*liveSession]struct{}
	active   sync.WaitGroup
}

// New loads (or creates) the host key and the authorized keys and builds
// the server; it does not listen yet.
func New(cfg Config) (*Server, error) {
	if cfg.NewModel == nil {
		return nil, errors.New("sshserver: Config.NewModel is required")
	}
	cfg = withDefaults(cfg)
	signer, err := loadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		hostFP:   gossh.FingerprintSHA256(signer.PublicKey()),
		limiter:  newIPLimiter(cfg.RateLimit, cfg.RateBurst),
		now:      time.Now,
		sessions: map[*liveSession]struct{}{},
	}
	if err := s.ReloadAuthorizedKeys(); err != nil {
		return nil, err
	}
	s.ssh, err = wish.NewServer(s.sshOptions(signer)...)
	if err != nil {
		return nil, fmt.Errorf("sshserver: %w", err)
	}
	return s, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxSessionTime == 0 {
		cfg.MaxSessionTime = DefaultMaxSessionTime
	}
	if cfg.LoginGrace <= 0 {
		cfg.LoginGrace = DefaultLoginGrace
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = DefaultRateLimit
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = DefaultRateBurst
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// backstop is added to the session limits for the connection-level
// deadlines, so the session watchdog can say goodbye first.
const backstop = time.Minute

func (s *Server) sshOptions(signer gossh.Signer) []ssh.Option {
	opts := []ssh.Option{
		wish.WithAddress(s.cfg.Addr),
		wish.WithVersion("SSH-2.0-pamconsole"),
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		// Public keys only: no password or keyboard-interactive handler
		// is installed, so the server never offers those methods.
		wish.WithPublicKeyAuth(s.authenticate),
		ssh.EmulatePty(),
		func(srv *ssh.Server) error {
			srv.ConnCallback = s.admitConn
			srv.PtyCallback = s.allowPty
			srv.ConnectionFailedCallback = s.connFailed
			srv.Handler = s.sessionHandler()
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel}
			return nil
		},
	}
	if s.cfg.IdleTimeout > 0 {
		opts = append(opts, wish.WithIdleTimeout(s.cfg.IdleTimeout+backstop))
	}
	if s.cfg.MaxSessionTime > 0 {
		opts = append(opts, wish.WithMaxTimeout(s.cfg.MaxSessionTime+backstop))
	}
	return opts
}

// HostKeyFingerprint is the SHA256:… fingerprint users can check on first connect.
func (s *Server) HostKeyFingerprint() string { return s.hostFP }

// ReloadAuthorizedKeys re-reads the authorized_keys file (call it on
// SIGHUP). On error the previous keys stay in force and nothing else
// changes. On success new logins see the new file, and live sessions the
// new file no longer allows (see revokeSessions) are told and ended.
func (s *Server) ReloadAuthorizedKeys() error {
	keys, err := LoadAuthorizedKeys(s.cfg.AuthorizedKeysPath)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		s.log.Warn("ssh authorized_keys has no keys: nobody can log in", "path", s.cfg.AuthorizedKeysPath)
	}
	s.keys.Store(&keys)
	s.revokeSessions()
	return nil
}

// lookup finds the entry of an offered or authenticated key.
func (s *Server) lookup(key ssh.PublicKey) (Entry, bool) {
	if key == nil {
		return Entry{}, false
	}
	e, ok := (*s.keys.Load())[gossh.FingerprintSHA256(key)]
	if !ok || !ssh.KeysEqual(e.Key, key) {
		return Entry{}, false
	}
	return e, true
}

// ListenAndServe listens on Config.Addr and serves until Shutdown or Close.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("sshserver: listen on %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ln)
}

// Serve accepts connections on ln until Shutdown or Close.
func (s *Server) Serve(ln net.Listener) error {
	s.log.Info("ssh serving", "addr", ln.Addr().String(), "host_key", s.hostFP)
	return s.ssh.Serve(ln)
}

// Shutdown stops accepting connections, tells every live session the
// server is going away and ends it, waits for them (until ctx is done),
// then closes the remaining connections.
func (s *Server) Shutdown(ctx context.Context) error {
	s.endAllSessions()
	closeListeners, cancel := context.WithCancel(ctx)
	cancel()
	_ = s.ssh.Shutdown(closeListeners) // already cancelled: closes listeners, no wait
	err := s.waitSessions(ctx)
	closeErr := s.ssh.Close()
	if err == nil {
		err = s.ssh.Shutdown(ctx) // waits for connection goroutines to finish
	}
	if err == nil {
		err = closeErr
	}
	return err
}

// Close ends every session and connection at once.
func (s *Server) Close() error {
	s.endAllSessions()
	return s.ssh.Close()
}

func (s *Server) endAllSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closing = true
	for ls := range s.sessions {
		ls.end(endShutdown)
	}
}

func (s *Server) waitSessions(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		s.active.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// register records a live session; false once the server is closing.
func (s *Server) register(ls *liveSession) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.sessions[ls] = struct{}{}
	s.active.Add(1)
	return true
}

func (s *Server) unregister(ls *liveSession) {
	s.mu.Lock()
	delete(s.sessions, ls)
	s.mu.Unlock()
	s.active.Done()
}

// ActiveSessions counts the sessions currently running.
func (s *Server) ActiveSessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}
