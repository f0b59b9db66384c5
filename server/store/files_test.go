package store_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pamconsole/pamconsole/server/store"
)

func openBootstrapped(t *testing.T, path string) {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := st.Bootstrap(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// Issue 17 §1b: a database truncated to 0 bytes (or whose WAL was lost) was
// silently bootstrapped afresh: a new admin secret and an empty store.
func TestOpenRefusesAnEmptiedDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pam.db")
	openBootstrapped(t, path)
	for _, p := range []string{path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(context.Background(), path, store.Options{})
	if !errors.Is(err, store.ErrEmptyDatabase) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("want ErrEmptyDatabase naming %s and saying what happened, got %v", path, err)
	}

	// A marker (the server's bootstrap file) counts like the key file.
	dir := t.TempDir()
	marker := filepath.Join(dir, "bootstrap-credential.txt")
	os.WriteFile(marker, []byte("client_id: x\n"), 0o600)
	_, err = store.Open(context.Background(), filepath.Join(dir, "pam.db"), store.Options{Markers: []string{marker}})
	if !errors.Is(err, store.ErrEmptyDatabase) || !strings.Contains(err.Error(), marker) {
		t.Fatalf("want ErrEmptyDatabase naming the marker, got %v", err)
	}
}

// makeReadOnly makes path unwritable, also for root (chattr +i), and undoes
// it when the test ends.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("root cannot make a file read-only here (chattr: %v %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

// Issue 17 §1b: a read-only database started and answered 500 to every
// write and reveal.
func TestOpenRefusesAReadOnlyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pam.db")
	openBootstrapped(t, path)
	makeReadOnly(t, path)
	st, err := store.Open(context.Background(), path, store.Options{})
	if err == nil {
		st.Close()
	}
	if !errors.Is(err, store.ErrReadOnly) || !strings.Contains(err.Error(), path) {
		t.Fatalf("want ErrReadOnly naming %s, got %v", path, err)
	}
}

// Issue 17 §1b: pam.db, -wal and -shm were created 0644 (usernames,
// hostnames and the audit readable by others).
func TestDatabaseFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "pam.db")
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, _, _, err := st.Bootstrap(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %#o, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	if len(st.Warnings()) != 0 {
		t.Errorf("a private data directory drew warnings: %v", st.Warnings())
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	st2, err := store.Open(context.Background(), filepath.Join(dir, "other.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if w := strings.Join(st2.Warnings(), "\n"); !strings.Contains(w, dir) || !strings.Contains(w, "chmod 700") {
		t.Errorf("a data directory others can write drew no warning naming it: %q", w)
	}
}
