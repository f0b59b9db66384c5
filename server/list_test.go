package server_test

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
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

// Four clients that ask for the unpaginated credential list and never read
// the body must not freeze the API (issue 17 §1b): each used to hold a
// pooled reader and a read transaction while blocked on the network, and
// token checks need a reader too. Now no connection is held while writing,
// other requests answer at once, and the stalled streams are cut.
func TestStalledListReadersNeverFreezeTheAPI(t *testing.T) {
	st, err := store.Open(bg, filepath.Join(t.TempDir(), "pam.db"), store.Options{Readers: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, cid, secret, err := st.Bootstrap(bg)
	if err != nil {
		t.Fatal(err)
	}
	// ~20 MB of list: far more than the loopback socket buffers hold.
	if err := st.SeedBulk(bg, 50_000); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	srv, err := server.New(st, server.Options{StreamStall: 300 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.NewHTTPServer(ln.Addr().String())
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	base := "http://" + ln.Addr().String()
	status, tok := formToken(t, base, cid, secret)
	if status != 200 {
		t.Fatalf("token: %d %v", status, tok)
	}
	token := tok["access_token"].(string)

	stalled := make([]io.Reader, 4)
	for i := range stalled {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		// A small receive buffer, so the kernel cannot take the whole list
		// on the client's behalf (loopback autotuning goes up to 32 MB).
		if err := conn.(*net.TCPConn).SetReadBuffer(64 << 10); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET /api/pam/credential HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", token)
		r := bufio.NewReaderSize(conn, 512)
		// The status line proves the handler is streaming; after it,
		// nothing more is read until the end of the test.
		line, err := r.ReadString('\n')
		if err != nil || !strings.Contains(line, "200") {
			t.Fatalf("stream %d: %q %v", i, line, err)
		}
		stalled[i] = io.MultiReader(strings.NewReader(line), r)
	}

	// A hang here is the bug: on the old server each call waited for a
	// stream to end (the 5-minute write timeout).
	c := &http.Client{Timeout: time.Minute}
	for i := range 3 {
		for _, path := range []string{"/api/pam/credential?limit=10", "/pam/apps/settings/client-credentials/", "/api/pam/device?limit=5"} {
			req, _ := http.NewRequest("GET", base+path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := c.Do(req)
			if err != nil {
				t.Fatalf("round %d %s while four streams stall: %v", i, path, err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("round %d %s while four streams stall: %d", i, path, resp.StatusCode)
			}
		}
		if status, body := formToken(t, base, cid, secret); status != 200 {
			t.Fatalf("round %d token while four streams stall: %d %v", i, status, body)
		}
	}

	// Each stalled stream is cut once a write has waited 300 ms (the test
	// waits for the server to say so: how long that takes is the machine's
	// business), and reading it now ends before the list does.
	for deadline := time.Now().Add(time.Minute); strings.Count(logs.String(), "stream aborted") < len(stalled); {
		if time.Now().After(deadline) {
			t.Fatalf("after a minute, %d of %d stalled streams were cut", strings.Count(logs.String(), "stream aborted"), len(stalled))
		}
		time.Sleep(50 * time.Millisecond)
	}
	for i, r := range stalled {
		resp, err := http.ReadResponse(bufio.NewReader(r), nil)
		if err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
		body, err := io.ReadAll(resp.Body)
		if err == nil {
			t.Errorf("stream %d was never cut: it delivered the whole list (%d bytes)", i, len(body))
		}
	}
}
