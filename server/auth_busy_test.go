package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/server/store"
)

// A token check that cannot reach the database in time answers 503 with
// Retry-After — the server is busy, the token may well be valid — never a
// 401 that would make a client drop a good token, and never a hang
// (issue 17 §1b).
func TestAuthThatCannotReachTheDatabaseIs503(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "pam.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, cid, secret, err := st.Bootstrap(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {cid}, "client_secret": {secret}}
	resp, err := http.PostForm(ts.URL+"/iso/oauth2/token", form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	_, rest, _ := strings.Cut(string(body), `"access_token":"`)
	token, _, _ := strings.Cut(rest, `"`)
	if resp.StatusCode != 200 || token == "" {
		t.Fatalf("token: %d %s", resp.StatusCode, body)
	}

	saved := authWait
	authWait = time.Nanosecond // every database wait of a token check runs out
	t.Cleanup(func() { authWait = saved })
	for _, path := range []string{"/api/pam/credential?limit=1", "/pam/apps/settings/client-credentials/"} {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s with the database out of reach: %d (Retry-After %q) %s, want 503 with Retry-After",
				path, resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
	}
}
