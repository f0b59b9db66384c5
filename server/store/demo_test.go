package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// demoDigest pins the demo data of SeedDemo(rand seed 42, 3000 credentials,
// 40 devices) at a fixed clock: tests, screenshots and goldens build on
// these rows, so a faster seed must write the same ones. It covers every
// column of the devices, credentials, SSH keys and protected items but
// the ciphertexts (random nonces; only whether there is one) and the time
// prefix of the UUIDv7 identifiers (the real clock), plus the totals of a
// few searches (the search index is built by the seed too). An intended
// change of the demo data updates it (the failure prints the new value).
const demoDigest = "ac9143fab5e58c51f6e7ba80c99fc4247ea96527f332fb840cbb70eab9adbd0d"

func TestSeedDemoDataUnchanged(t *testing.T) {
	clock := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	st, err := Open(ctxBG, filepath.Join(t.TempDir(), "pam.db"), Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SeedDemo(ctxBG, rand.New(rand.NewPCG(42, 42)), 3000, 40); err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	for _, q := range []string{
		`SELECT * FROM pam_devices ORDER BY id`,
		`SELECT id, CASE WHEN identifier GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*'
			THEN substr(identifier, 19) ELSE identifier END, username, device_id, password IS NULL, credential_type,
			additional, tags, domain, session_remote_config, notes, parent_id, execution_settings, session_settings,
			additional_settings, jit_settings, automatic_change, expiration, changed_at, viewed_at, active, in_custody,
			created_at, updated_at FROM pam_credentials ORDER BY id`,
		`SELECT credential_id, key_name, public_key, fingerprint, private_key IS NULL, passphrase IS NULL
			FROM pam_ssh_keys ORDER BY credential_id`,
		`SELECT id, identifier, name, type, service, url, users_allowed, length(content) > 0, active, created_at, updated_at
			FROM pam_info ORDER BY id`,
	} {
		digestRows(t, h, st.read(), q)
	}
	for _, q := range []string{"db01", "oracle", "corp.example", "svc_", "Ⅻ"} {
		_, total, err := st.ListCredentials(ctxBG, CredentialFilter{Limit: 1, Search: q})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "search %q: %d\n", q, total)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != demoDigest {
		t.Fatalf("the demo data changed: digest %s, want %s", got, demoDigest)
	}
}

// digestRows writes every row of q to h, one line of its columns each.
func digestRows(t *testing.T, h hash.Hash, db *sql.DB, q string) {
	t.Helper()
	rows, err := db.QueryContext(ctxBG, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, v := range vals {
			if raw, ok := v.([]byte); ok {
				v = string(raw)
			}
			fmt.Fprintf(&b, "%T:%v|", v, v)
		}
		fmt.Fprintln(h, b.String())
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no rows: %s", q)
	}
}

// A seed cancelled while it writes rows (Ctrl-C in `pamconsole demo`)
// returns the context's error and leaves the store as it was, ready for
// the next seed.
func TestSeedDemoCancelledLeavesNothing(t *testing.T) {
	st, _ := openTemp(t)
	ctx, cancel := context.WithCancel(ctxBG)
	defer cancel()
	err := st.SeedDemoProgress(ctx, rand.New(rand.NewPCG(1, 1)), 1000, 10, func(p SeedProgress) {
		if p.Phase == SeedRows {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	var n int
	if err := st.read().QueryRowContext(ctxBG, `SELECT (SELECT COUNT(*) FROM pam_devices) + (SELECT COUNT(*) FROM pam_credentials)`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("rows left by a cancelled seed: %d %v", n, err)
	}
	if err := st.SeedDemo(ctxBG, rand.New(rand.NewPCG(1, 1)), 1000, 10); err != nil {
		t.Fatalf("seed after a cancelled one: %v", err)
	}
	if _, total, err := st.ListCredentials(ctxBG, CredentialFilter{Limit: 1, Search: "corp.example"}); err != nil || total == 0 {
		t.Fatalf("search after the seed: %d %v", total, err)
	}
}
