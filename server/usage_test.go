package server_test

import (
	"database/sql"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// testClock is a fake clock safe to read from handler goroutines.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// usageSetup starts a server on a fake clock (2026-03-01 12:00 UTC) and a
// "worker" credential allowed to list users, with a client signed in as it.
func usageSetup(t *testing.T) (*testserver.Env, *testClock, *client.Client, client.ClientCredential) {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	env := testserver.Start(t, testserver.WithClock(clock.now))
	worker, cc := newClientWith(t, env, "worker", "users.user.view")
	return env, clock, worker, cc
}

func listUsers(t *testing.T, c *client.Client) {
	t.Helper()
	if _, err := c.Resources.List(bg, "/pam/apps/users/user/"); err != nil {
		t.Fatal(err)
	}
}

func TestLastUsedFieldsAndOrdering(t *testing.T) {
	env, clock, worker, cc := usageSetup(t)
	got, err := env.Client.ClientCredentials.Get(bg, cc.ID)
	if err != nil || got.LastTokenAt != nil || got.LastUsedAt != nil || got.TokensIssued != 0 {
		t.Fatalf("a new credential was never used: %v %+v", err, got)
	}
	start := clock.now()
	listUsers(t, worker)
	clock.advance(90 * time.Second)
	listUsers(t, worker)
	got, err = env.Client.ClientCredentials.Get(bg, cc.ID)
	if err != nil || got.TokensIssued != 1 || got.LastTokenAt == nil || !got.LastTokenAt.Equal(start) ||
		got.LastUsedAt == nil || !got.LastUsedAt.Equal(start.Add(90*time.Second)) {
		t.Fatalf("after a token and two calls: %v %+v", err, got)
	}
	if got.Version != cc.Version || !got.UpdatedAt.Equal(cc.UpdatedAt) {
		t.Fatalf("use is not an edit: version %d→%d, updated_at %v→%v", cc.Version, got.Version, cc.UpdatedAt, got.UpdatedAt)
	}
	idle, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "idle", ValidFrom: "2020-01-01", ValidTill: "2099-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	page, err := env.Client.ClientCredentials.List(bg, client.ClientCredentialListOptions{Ordering: "-last_used_at"})
	if err != nil || page.Results[0].ID != cc.ID {
		t.Fatalf("-last_used_at: the latest use first: %v %+v", err, page)
	}
	page, err = env.Client.ClientCredentials.List(bg, client.ClientCredentialListOptions{Ordering: "last_used_at"})
	if err != nil || page.Results[0].LastUsedAt != nil || page.Results[len(page.Results)-1].ID != cc.ID {
		t.Fatalf("last_used_at: never used first, the latest last: %v %+v", err, page)
	}
	var apiErr *client.APIError
	if _, err := env.Client.ClientCredentials.List(bg, client.ClientCredentialListOptions{Ordering: "last_used"}); !asAPIError(err, &apiErr) ||
		apiErr.StatusCode != 400 || !strings.Contains(apiErr.Field("ordering"), "last_used_at") {
		t.Fatalf("unknown ordering names the accepted ones: %v", err)
	}
	if page.Results[0].ID != idle.ID && page.Results[1].ID != idle.ID {
		t.Fatalf("the never-used idle credential sorts among the first: %+v", page.Results)
	}
}

// TestLastUsedIsWrittenAtMostOncePerMinute counts the writes of
// last_used_at with a trigger: 200 calls over 200 s write 4 times.
func TestLastUsedIsWrittenAtMostOncePerMinute(t *testing.T) {
	env, clock, worker, cc := usageSetup(t)
	db, err := sql.Open("sqlite", "file:"+env.Store.Path()+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`CREATE TABLE touch_log(id INTEGER)`,
		`CREATE TRIGGER count_touch AFTER UPDATE OF last_used_at ON client_credentials BEGIN INSERT INTO touch_log VALUES(new.id); END`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	start := clock.now()
	for range 200 {
		listUsers(t, worker)
		clock.advance(time.Second)
	}
	var writes int
	if err := db.QueryRow(`SELECT COUNT(*) FROM touch_log WHERE id=?`, cc.ID).Scan(&writes); err != nil {
		t.Fatal(err)
	}
	if writes != 4 { // at 0 s, 60 s, 120 s and 180 s
		t.Fatalf("200 calls in 200 s wrote last_used_at %d times, want 4", writes)
	}
	got, err := env.Client.ClientCredentials.Get(bg, cc.ID)
	if err != nil || got.LastUsedAt == nil || !got.LastUsedAt.Equal(start.Add(180*time.Second)) {
		t.Fatalf("last_used_at: %v %+v", err, got)
	}
}

// TestRotateAndDeleteKeepUseInTheAudit: the use of a credential survives
// in the audit rows of its rotation and its deletion.
func TestRotateAndDeleteKeepUseInTheAudit(t *testing.T) {
	env, _, worker, cc := usageSetup(t)
	listUsers(t, worker)
	if _, err := env.Client.ClientCredentials.RotateSecret(bg, cc.ID, 0); err != nil {
		t.Fatal(err)
	}
	if err := env.Client.ClientCredentials.Delete(bg, cc.ID); err != nil {
		t.Fatal(err)
	}
	page, err := env.Client.Audit.List(bg, client.AuditListOptions{Search: "client_credential:" + strconv.FormatInt(cc.ID, 10) + " "})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"client_credential.delete": false, "client_credential.rotate_secret": false}
	for _, e := range page.Results {
		verb, _, _ := strings.Cut(e.Action, " ")
		if _, ok := want[verb]; ok {
			want[verb] = true
			if !strings.Contains(e.Action, "last token 2026-03-01T12:00:00Z, last used 2026-03-01T12:00:00Z, 1 tokens issued") {
				t.Errorf("%s lost the use: %q", verb, e.Action)
			}
		}
	}
	for verb, seen := range want {
		if !seen {
			t.Errorf("no %s audit row in %+v", verb, page.Results)
		}
	}
}
