// Package store is the reference server's SQLite store (modernc.org/sqlite,
// pure Go). One writer connection serialises writes; a pool of readers
// serves queries concurrently (WAL). Every write runs in a transaction that
// also writes its audit row, so a change and its audit stand or fall
// together. Secrets and passwords are sealed with AES-256-GCM before they
// reach the database.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options tune Open. The zero value is usable.
type Options struct {
	// KeyPath is the AES key file; default: the database path + ".key".
	KeyPath string
	// Now is the clock; default time.Now.
	Now func() time.Time
	// Readers is the size of the read pool; default runtime.NumCPU()*2.
	Readers int
	// Markers are files whose existence means the database held data
	// before (the server's bootstrap-credential.txt); like an existing key
	// file, one makes an empty database an error (ErrEmptyDatabase).
	Markers []string
}

// Store is the database handle.
type Store struct {
	w      *sql.DB // the one writer
	r      *sql.DB // readers
	sealer *sealer
	now    func() time.Time
	path   string
	// warnings found at Open (a data directory others can write).
	warnings []string
	// credentialTotals and auditTotals keep search totals across writes
	// (countCredentials, countAudit).
	credentialTotals, auditTotals keptTotals
}

// Warnings returns what Open found unsafe but not fatal, for the log.
func (s *Store) Warnings() []string { return s.warnings }

// Open opens (creating if missing) the database at path, applies pending
// migrations and loads or creates the encryption key.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: database path is empty")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: create data dir: %w", err)
	}
	keyPath := opts.KeyPath
	if keyPath == "" {
		keyPath = path + ".key"
	}
	before := ""
	for _, m := range append([]string{keyPath}, opts.Markers...) {
		if _, err := os.Stat(m); err == nil && before == "" {
			before = m
		}
	}
	warnings, err := prepareFiles(path)
	if err != nil {
		return nil, err
	}
	sl, err := loadOrCreateKey(keyPath)
	if err != nil {
		return nil, err
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	s := &Store{w: w, sealer: sl, now: now, path: path, warnings: warnings}
	if err := checkNotEmpty(ctx, w, path, before); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.checkWritable(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open readers: %w", err)
	}
	n := opts.Readers
	if n <= 0 {
		n = runtime.NumCPU() * 2
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.r = r
	return s, nil
}

// dsn builds the connection string: WAL, synchronous=FULL so an
// acknowledged write survives a crash, a busy timeout, foreign keys on.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Path returns the database file path.
func (s *Store) Path() string { return s.path }

// Close closes both pools; the WAL is checkpointed by SQLite on last close.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	return errors.Join(errs...)
}

// Now returns the store's clock reading (UTC, second precision).
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Second) }

// write runs fn in an immediate transaction on the writer connection.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// read returns the reader pool.
func (s *Store) read() *sql.DB { return s.r }
