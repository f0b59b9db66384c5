// Package server is pamconsole's reference PAM API server (API.md): OAuth
// client-credentials tokens, the client-credentials admin API, the PAM Core
// credential and device API and the seed-000 read-only resources.
//
// Handlers are thin: decode → validate → one store call → encode in the
// right envelope. Domain errors are mapped to statuses in errors.go only.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/pamconsole/pamconsole/server/store"
)

// MaxBodyBytes is the largest request body accepted (larger → 413).
const MaxBodyBytes = 1 << 20

// Options configure a Server. The zero value is usable except for Store.
type Options struct {
	Logger   *slog.Logger     // default: discard
	Now      func() time.Time // default: time.Now
	TokenTTL time.Duration    // default: 1h
	Customer string           // accepted customer id; default "10001"
	// SigningKey is the HS256 key; default: a random key kept (sealed) in
	// the store, so tokens survive restarts.
	SigningKey []byte
	// TokenRate and TokenBurst limit token requests per client id (per IP:
	// twice as much); default 10/s with a burst of 30.
	TokenRate  float64
	TokenBurst int
	// StreamStall is how long a streamed list waits for a client that
	// stopped reading before cutting it; default 10 s.
	StreamStall time.Duration
}

// Server serves the API over a store.
type Server struct {
	store   *store.Store
	log     *slog.Logger
	now     func() time.Time
	opts    Options
	handler http.Handler
	auth    *authenticator
	usage   *usageRecorder
}

// New builds a Server over st.
func New(st *store.Store, opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = time.Hour
	}
	if opts.StreamStall <= 0 {
		opts.StreamStall = 10 * time.Second
	}
	if opts.Customer == "" {
		opts.Customer = "10001"
	}
	s := &Server{store: st, log: opts.Logger, now: opts.Now, opts: opts}
	a, err := newAuthenticator(s)
	if err != nil {
		return nil, err
	}
	s.auth = a
	s.usage = newUsageRecorder(s)
	s.handler = s.middleware(s.routes())
	return s, nil
}

// Handler returns the root handler, middleware included.
func (s *Server) Handler() http.Handler { return s.handler }

// NewHTTPServer wraps the handler with the timeouts of API.md §6.
func (s *Server) NewHTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // the unpaginated credential list streams
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Serve serves on ln until ctx is done, then shuts down gracefully: in-flight
// requests get up to 10 s to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.NewHTTPServer(ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	go s.forgetExpiredSecrets(ctx, time.Minute)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(shutCtx)
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// forgetExpiredSecrets wipes, now and then every interval until ctx is
// done, the secrets whose rotation grace period has ended.
func (s *Server) forgetExpiredSecrets(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.store.ForgetExpiredSecrets(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("forgetting expired previous secrets", "err", err)
		} else if n > 0 {
			s.log.Info("forgot expired previous secrets", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// routes registers every API family on one mux.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	s.registerAuthRoutes(mux)
	s.registerClientCredentialRoutes(mux)
	s.registerPAMRoutes(mux)
	s.registerResourceRoutes(mux)
	mux.Handle("/", s.unrouted(mux))
	return mux
}
