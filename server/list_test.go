package server_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/internal/testserver"
)

// Every list refuses an over-long search with 400 naming search (issue 17
// §1b): 25,000 "_" or 50,000 characters reached SQLite's LIKE, which answered
// "LIKE or GLOB pattern too complex" as a 500.
func TestLongSearchIsRefusedNamingSearch(t *testing.T) {
	env := testserver.Start(t)
	auth := map[string]string{"Authorization": "Bearer " + adminToken(t, env)}
	lists := []string{
		"/pam/apps/settings/client-credentials/",
		"/pam/apps/settings/client-credentials/audit/",
		"/api/pam/credential",
		"/api/pam/device",
	}
	for _, path := range lists {
		for _, search := range []string{strings.Repeat("_", 25_000), strings.Repeat("x", 50_000), strings.Repeat("é", 257)} {
			status, _, body := rawCall(t, "GET", env.URL+path+"?search="+url.QueryEscape(search), nil, auth)
			if status != 400 || !strings.Contains(string(body), "search") {
				t.Errorf("%s search of %d bytes: got %d %.200s, want 400 naming search", path, len(search), status, body)
			}
		}
		ok := strings.Repeat("é", 256) // the cap counts characters, not bytes
		if status, _, body := rawCall(t, "GET", env.URL+path+"?search="+url.QueryEscape(ok), nil, auth); status != 200 {
			t.Errorf("%s search of 256 characters: got %d %.200s, want 200", path, status, body)
		}
	}
}
