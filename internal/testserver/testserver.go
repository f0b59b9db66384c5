// Package testserver starts the reference server in-process over httptest
// with a temporary SQLite store, signed in with the bootstrap Default Client
// Credential. Tests of client/, ui/ and sshserver/ use it to run against
// the real API; it is the one place (besides main.go) where the two halves meet.
package testserver

import (
	"context"
	"math/rand/v2"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

// Env is a running test server and a client signed in as the Default Client Credential.
type Env struct {
	URL      string
	ClientID string
	Secret   string
	Client   *client.Client
	Store    *store.Store
	Server   *server.Server
}

// Option configures Start.
type Option func(*config)

type config struct {
	demo        bool
	seed        uint64
	credentials int
	devices     int
	now         func() time.Time
}

// WithClock runs the store and the server on now (a fake clock) instead of
// time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithDemo seeds demo PAM Core data (nCredentials over nDevices), deterministic for seed.
func WithDemo(seed uint64, nCredentials, nDevices int) Option {
	return func(c *config) { c.demo, c.seed, c.credentials, c.devices = true, seed, nCredentials, nDevices }
}

// Start starts a server for t; everything is closed by t.Cleanup.
func Start(t testing.TB, opts ...Option) *Env {
	t.Helper()
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "pam.db"), store.Options{Now: cfg.now})
	if err != nil {
		t.Fatalf("testserver: open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	_, cid, secret, err := st.Bootstrap(ctx)
	if err != nil {
		t.Fatalf("testserver: bootstrap: %v", err)
	}
	if cfg.demo {
		if err := st.SeedDemo(ctx, rand.New(rand.NewPCG(cfg.seed, cfg.seed)), cfg.credentials, cfg.devices); err != nil {
			t.Fatalf("testserver: seed demo: %v", err)
		}
	}
	srv, err := server.New(st, server.Options{Now: cfg.now})
	if err != nil {
		t.Fatalf("testserver: server: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	c, err := client.New(ts.URL, cid, secret)
	if err != nil {
		t.Fatalf("testserver: client: %v", err)
	}
	return &Env{URL: ts.URL, ClientID: cid, Secret: secret, Client: c, Store: st, Server: srv}
}
