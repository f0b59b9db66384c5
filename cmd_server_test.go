package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 17 §1b: a database emptied after a crash was bootstrapped afresh and
// bootstrap-credential.txt overwritten with a new admin secret. Now the
// server refuses to start, says what happened, and leaves the file alone.
func TestServerRefusesAnEmptiedDatabase(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "data", "pam.db")
	b, _, cid, _ := startServer(t, home, db)
	if cid == "" {
		t.Fatalf("first start printed no credential:\n%s", b.stdout.String())
	}
	b.cmd.Process.Kill()
	b.cmd.Wait()
	bootstrap := filepath.Join(home, "data", bootstrapFileName)
	before, err := os.ReadFile(bootstrap)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	if err := os.Truncate(db, 0); err != nil {
		t.Fatal(err)
	}
	for _, keyGone := range []bool{false, true} {
		if keyGone {
			os.Remove(db + ".key") // the bootstrap file alone is enough to know
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		var out bytes.Buffer
		err = runServer(ctx, freeAddr(t), db, &out, &out)
		cancel()
		if err == nil || !strings.Contains(err.Error(), db) || !strings.Contains(err.Error(), "truncated") {
			t.Fatalf("key file removed=%v: want a refusal naming %s, got %v\n%s", keyGone, db, err, out.String())
		}
		if after, _ := os.ReadFile(bootstrap); !bytes.Equal(after, before) {
			t.Fatalf("key file removed=%v: %s was overwritten", keyGone, bootstrapFileName)
		}
	}
}
