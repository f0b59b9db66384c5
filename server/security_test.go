package server_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// loggedServer is a server whose logs go to a buffer.
func loggedServer(t *testing.T) (*server.Server, *store.Store, *syncBuffer, string, string, string) {
	t.Helper()
	st, err := store.Open(bg, filepath.Join(t.TempDir(), "pam.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, cid, secret, _ := st.Bootstrap(bg)
	logs := &syncBuffer{}
	srv, err := server.New(st, server.Options{Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	return srv, st, logs, httptestServer(t, srv), cid, secret
}

// Promise 3: a panic in one handler is that request's 500, and the server
// keeps serving.
func TestPanicInAHandlerAffectsOnlyThatRequest(t *testing.T) {
	srv, _, logs, _, _, _ := loggedServer(t)
	h := srv.WrapForTest(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			panic("boom with CANARY-panic-value")
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	ts := httptest.NewServer(h)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/boom")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	resp.Body.Close()
	id := resp.Header.Get("X-Request-Id")
	if resp.StatusCode != 500 || id == "" || !strings.Contains(body.String(), id) || strings.Contains(body.String(), "CANARY") {
		t.Fatalf("panic answer: %d %q (request id %q)", resp.StatusCode, body.String(), id)
	}
	resp, err = http.Get(ts.URL + "/fine")
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("server did not keep serving after a panic: %v %v", err, resp)
	}
	if !strings.Contains(logs.String(), id) {
		t.Fatal("the panic was not logged with its request id")
	}
}

// Promise 4: the HTTP server has read-header, read, write and idle timeouts.
func TestHTTPTimeoutsAreSet(t *testing.T) {
	srv, _, _, _, _, _ := loggedServer(t)
	hs := srv.NewHTTPServer("127.0.0.1:0")
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Fatalf("timeouts: %+v", hs)
	}
}

// Promise 4 in practice: a client that never finishes its headers is cut off.
func TestSlowlorisIsCutOff(t *testing.T) {
	srv, _, _, _, _, _ := loggedServer(t)
	hs := srv.NewHTTPServer("127.0.0.1:0")
	hs.ReadHeaderTimeout = 200 * time.Millisecond
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go hs.Serve(ln)
	defer hs.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n") // never ends the headers
	conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	buf := make([]byte, 512)
	_, err = conn.Read(buf)
	for err == nil {
		_, err = conn.Read(buf)
	}
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server kept a half-sent request open for 3 s")
	}
}

// Promise 5: after many requests and dropped connections, goroutines come
// back to the baseline.
func TestNoGoroutineLeak(t *testing.T) {
	srv, _, _, _, cid, secret := loggedServer(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	ctx, stop := context.WithCancel(bg)
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	url := "http://" + ln.Addr().String()
	c, _ := client.New(url, cid, secret)
	c.Token(bg) // warm up
	time.Sleep(100 * time.Millisecond)
	baseline := runtime.NumGoroutine()

	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				c.ClientCredentials.List(bg, client.ClientCredentialListOptions{})
			}
		}()
	}
	for i := 0; i < 50; i++ { // dropped mid-request
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "POST /iso/oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\ngrant")
		conn.Close()
	}
	wg.Wait()
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(10 * time.Second)
	n := runtime.NumGoroutine()
	for n > baseline+5 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	// The client's own idle keep-alive connections hold two goroutines each.
	if n > baseline+5 {
		buf := make([]byte, 1<<20)
		t.Fatalf("goroutines: baseline %d, now %d\n%s", baseline, n, buf[:runtime.Stack(buf, true)])
	}
	stop()
	<-done
}

// Promise 8 (server side): a canary secret and password never reach the
// logs, error answers or audit rows.
func TestCanaryNeverLeaks(t *testing.T) {
	_, st, logs, url, cid, secret := loggedServer(t)
	const canary = "CANARY-9f8e7d"
	c, _ := client.New(url, cid, secret)
	user := "svc_canary"
	if _, err := c.Credentials.Upsert(bg, client.CredentialUpsert{Identifier: "canary-cred", Username: &user, Hostname: "h1", IP: "10.0.0.1", Content: "pw-" + canary}); err != nil {
		t.Fatal(err)
	}
	d, err := c.Credentials.Get(bg, "canary-cred")
	if err != nil || d.Password != "pw-"+canary {
		t.Fatalf("reveal: %v", err)
	}
	created, err := c.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "canary client", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	var errs []error
	bad, _ := client.New(url, created.ClientID, created.ClientSecret+canary)
	_, err = bad.Token(bg)
	errs = append(errs, err)
	_, err = c.Credentials.Upsert(bg, client.CredentialUpsert{Identifier: "bad id " + canary, Username: &user, Hostname: "h", IP: "1.1.1.1", Content: canary})
	errs = append(errs, err)
	resp, _ := http.Post(url+"/iso/oauth2/token", "application/json", strings.NewReader(`{"client_secret":"`+canary+`", broken`))
	resp.Body.Close()
	for _, e := range errs {
		if e == nil || strings.Contains(fmt.Sprintf("%v %+v", e, e), canary) || strings.Contains(e.Error(), created.ClientSecret) {
			t.Fatalf("client error leaks a secret or is missing: %v", e)
		}
	}
	for _, s := range []string{canary, created.ClientSecret, secret} {
		if strings.Contains(logs.String(), s) {
			t.Fatalf("server logs contain a secret")
		}
	}
	rows, _, _ := st.ListAudit(bg, store.AuditQuery{Limit: 1000})
	for _, r := range rows {
		if strings.Contains(fmt.Sprintf("%+v", r), canary) || strings.Contains(fmt.Sprintf("%+v", r), created.ClientSecret) {
			t.Fatalf("audit row holds a secret: %+v", r)
		}
	}
}

// Promise 14: oversize path parameters and traversal are refused, never a 500.
func TestOversizePathsAndTraversal(t *testing.T) {
	_, _, _, url, cid, secret := loggedServer(t)
	c, _ := client.New(url, cid, secret)
	tok, _ := c.Token(bg)
	hdr := map[string]string{"Authorization": "Bearer " + tok}
	for _, p := range []string{
		"/iso/pam/credential/" + strings.Repeat("a", 5000),
		"/iso/pam/credential/" + strings.Repeat("b", 300),
		"/iso/pam/credential/..%2F..%2Fetc%2Fpasswd",
		"/iso/pam/device/" + strings.Repeat("c", 300),
		"/api/pam/../../etc/passwd",
	} {
		s, _, body := rawCall(t, "GET", url+p, nil, hdr)
		if s >= 500 || s == 200 {
			t.Errorf("%.60s: %d %s", p, s, body)
		}
	}
}

// Promises 9 and 13 for PAM Core: a reveal writes its audit row, a failed
// write leaves none, and passwords are not in the database file in clear.
func TestPAMAuditAndEncryptionAtRest(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(bg, filepath.Join(dir, "pam.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, cid, secret, _ := st.Bootstrap(bg)
	srv, _ := server.New(st, server.Options{})
	url := httptestServer(t, srv)
	c, _ := client.New(url, cid, secret)
	count := func() int {
		_, n, err := st.ListAudit(bg, store.AuditQuery{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	const password = "CANARY-at-rest-31337"
	user := "dba"
	before := count()
	if _, err := c.Credentials.Upsert(bg, client.CredentialUpsert{Identifier: "rest-1", Username: &user, Hostname: "db9", IP: "10.0.0.9", Content: password}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Credentials.Get(bg, "rest-1"); err != nil {
		t.Fatal(err)
	}
	// device.create (the unknown device is created), credential.create, credential.reveal
	if got := count() - before; got != 3 {
		t.Fatalf("upsert of a new device + reveal wrote %d audit rows, want 3", got)
	}
	rows, _, _ := st.ListAudit(bg, store.AuditQuery{Limit: 1})
	if rows[0].Action != "credential.reveal" {
		t.Fatalf("newest audit row is %q, want credential.reveal", rows[0].Action)
	}
	before = count()
	c.Credentials.Upsert(bg, client.CredentialUpsert{Identifier: "bad id!", Username: &user, Hostname: "db9", IP: "10.0.0.9", Content: password})
	c.Credentials.Deactivate(bg, "no-such-credential")
	if got := count() - before; got != 0 {
		t.Fatalf("failed writes left %d audit rows", got)
	}
	for _, f := range []string{"pam.db", "pam.db-wal"} {
		raw, _ := os.ReadFile(filepath.Join(dir, f))
		if bytes.Contains(raw, []byte(password)) {
			t.Fatalf("%s holds a credential password in clear", f)
		}
	}
}
