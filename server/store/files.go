package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrEmptyDatabase is returned by Open when the database has no tables but
// its key file already existed: the database was truncated, replaced or its
// WAL lost, and bootstrapping afresh would hide that (and mint a new admin
// secret over the old one).
var ErrEmptyDatabase = errors.New("store: the database is empty but was not before")

// ErrReadOnly is returned by Open when the database cannot be written.
var ErrReadOnly = errors.New("store: the database is read-only")

// prepareFiles creates the database file 0600 before SQLite does (SQLite
// gives -wal and -shm the mode of the database file, 0644 by default),
// narrows an existing database, -wal or -shm that others may read, and
// returns a warning when others may write to the data directory.
func prepareFiles(path string) (warnings []string, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		f.Close()
	case !errors.Is(err, fs.ErrExist) && !errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("store: create %s: %w", path, err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o077 != 0 {
			if err := os.Chmod(p, fi.Mode().Perm()&0o700); err != nil {
				warnings = append(warnings, fmt.Sprintf("%s has mode %#o and cannot be narrowed to 0600: %v", p, fi.Mode().Perm(), err))
			}
		}
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o022 != 0 {
		warnings = append(warnings, fmt.Sprintf("the data directory %s has mode %#o: others can replace or delete the database; run chmod 700 %s",
			dir, fi.Mode().Perm(), dir))
	}
	return warnings, nil
}

// checkNotEmpty refuses a database without tables when the file before
// (the key file or a marker) is there from an earlier start.
func checkNotEmpty(ctx context.Context, w *sql.DB, path, before string) error {
	var n int
	if err := w.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master`).Scan(&n); err != nil {
		return fmt.Errorf("store: read %s: %w", path, err)
	}
	if n == 0 && before != "" {
		return fmt.Errorf("%w: %s has no tables while %s is from an earlier start, so the database was truncated, "+
			"replaced or lost its -wal file; restore it from a backup (or move %s away to start a new, empty server)",
			ErrEmptyDatabase, path, before, before)
	}
	return nil
}

// errProbe rolls back checkWritable's probe transaction.
var errProbe = errors.New("probe")

// checkWritable writes (and rolls back) one row, so a database that cannot
// be written is refused at start instead of answering 500 to every write.
func (s *Store) checkWritable(ctx context.Context) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE schema_migrations SET name = name
			WHERE version = (SELECT MAX(version) FROM schema_migrations)`); err != nil {
			return err
		}
		return errProbe
	})
	if err == nil || errors.Is(err, errProbe) {
		return nil
	}
	return fmt.Errorf("%w: %s cannot be written (%v); check its mode, owner and file system", ErrReadOnly, s.path, err)
}
