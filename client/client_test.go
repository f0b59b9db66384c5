package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const canarySecret = "CANARY-s3cr3t-7f1e9a"

// fakeServer is a minimal PAM server: a token endpoint that counts its
// calls and issues unsigned JWT-shaped tokens, plus per-test API routes.
type fakeServer struct {
	*httptest.Server
	tokenCalls atomic.Int32
	apiCalls   atomic.Int32
	expiresIn  any // what the token endpoint sends as expires_in
	mux        *http.ServeMux
	tokenDelay time.Duration
}

func newFakeServer(t *testing.T) *fakeServer {
	t.Helper()
	f := &fakeServer{expiresIn: 3600, mux: http.NewServeMux()}
	f.mux.HandleFunc("POST /iso/oauth2/token", f.token)
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/iso/oauth2/token" {
			f.apiCalls.Add(1)
		}
		f.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func fakeJWT(n int32, name string, scopes ...string) string {
	enc := base64.RawURLEncoding.EncodeToString
	claims, _ := json.Marshal(map[string]any{"sub": "cc_test", "cid": 7, "name": name, "customer": "10001", "scope": strings.Join(scopes, " "), "jti": n})
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc(claims) + ".sig"
}

func (f *fakeServer) token(w http.ResponseWriter, r *http.Request) {
	n := f.tokenCalls.Add(1)
	time.Sleep(f.tokenDelay)
	if r.FormValue("client_secret") != canarySecret {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":"invalid_client","error_description":"Client authentication failed."}`)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"access_token": fakeJWT(n, "Default Client Credential", "pam.credential.view", "users.user.view"), "token_type": "Bearer", "expires_in": f.expiresIn})
}

func (f *fakeServer) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	c, err := New(f.URL, "cc_test", canarySecret, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func serveFile(t *testing.T, name string) http.HandlerFunc {
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		var env struct {
			Response struct{ Status int } `json:"response"`
		}
		json.Unmarshal(raw, &env)
		if env.Response.Status != 0 {
			w.WriteHeader(env.Response.Status)
		}
		w.Write(raw)
	}
}

func TestNewRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "ftp://x", "localhost:8080", "http://"} {
		if _, err := New(u, "id", "s"); err == nil {
			t.Errorf("New(%q) accepted a bad URL", u)
		}
	}
}

func TestTokenIsCachedAndRefreshedAt80Percent(t *testing.T) {
	f := newFakeServer(t)
	f.expiresIn = 100
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := f.client(t, WithClock(func() time.Time { return now }))
	ctx := context.Background()
	first, err := c.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(79 * time.Second)
	if tok, _ := c.Token(ctx); tok != first || f.tokenCalls.Load() != 1 {
		t.Fatalf("token refetched before 80%% of its life (%d calls)", f.tokenCalls.Load())
	}
	now = now.Add(2 * time.Second)
	if tok, _ := c.Token(ctx); tok == first || f.tokenCalls.Load() != 2 {
		t.Fatalf("token not refreshed after 80%% of its life (%d calls)", f.tokenCalls.Load())
	}
}

func TestConcurrentCallersShareOneTokenFetch(t *testing.T) {
	f := newFakeServer(t)
	f.tokenDelay = 50 * time.Millisecond
	c := f.client(t)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() { defer wg.Done(); c.Token(context.Background()) }()
	}
	wg.Wait()
	if n := f.tokenCalls.Load(); n != 1 {
		t.Fatalf("20 concurrent callers made %d token requests, want 1", n)
	}
}

func TestExactlyOneRetryAfter401(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("GET /pam/apps/settings/scopes/", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"detail":"token expired"}`)
	})
	c := f.client(t)
	_, err := c.Scopes.Catalogue(context.Background())
	if !IsUnauthorized(err) {
		t.Fatalf("want a 401 error, got %v", err)
	}
	if got := f.apiCalls.Load(); got != 2 {
		t.Fatalf("API calls = %d, want 2 (one retry, no loop)", got)
	}
	if got := f.tokenCalls.Load(); got != 2 {
		t.Fatalf("token fetches = %d, want 2 (a fresh token for the retry)", got)
	}
}

func TestRetryAfter401Succeeds(t *testing.T) {
	f := newFakeServer(t)
	var calls atomic.Int32
	f.mux.HandleFunc("PUT /pam/apps/settings/client-credentials/3/scopes/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if !strings.Contains(string(body), `"users.user.view"`) {
			t.Errorf("retried request lost its body: %s", body)
		}
		io.WriteString(w, `{"id":3,"name":"x","scopes":["users.user.view"]}`)
	})
	cc, err := f.client(t).ClientCredentials.SetScopes(context.Background(), 3, ScopesInput{Scopes: []string{"users.user.view"}})
	if err != nil || cc.ID != 3 {
		t.Fatalf("SetScopes after a 401: %v %+v", err, cc)
	}
}

func TestIdentityFromTokenClaims(t *testing.T) {
	f := newFakeServer(t)
	id, err := f.client(t).Identity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id.Name != "Default Client Credential" || id.ClientID != "cc_test" || id.ID != 7 || !id.HasScope("users.user.view") || id.HasScope("pam.credential.add") {
		t.Fatalf("identity = %+v", id)
	}
}

func TestErrorsNeverContainTheSecret(t *testing.T) {
	f := newFakeServer(t)
	c, _ := New(f.URL, "cc_test", canarySecret+"-wrong")
	_, err := c.Token(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.OAuth != "invalid_client" || apiErr.StatusCode != 401 {
		t.Fatalf("want invalid_client APIError, got %v", err)
	}
	dead, _ := New("http://127.0.0.1:1", "cc_test", canarySecret)
	_, err2 := dead.Token(context.Background())
	if err2 == nil {
		t.Fatal("token from a closed port succeeded")
	}
	for _, e := range []error{err, err2} {
		if s := fmt.Sprintf("%v %+v %#v", e, e, e); strings.Contains(s, "CANARY") {
			t.Fatalf("error leaks the secret: %s", s)
		}
	}
}

func TestDRFFieldErrors(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("POST /pam/apps/settings/client-credentials/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"detail":"name: already exists","errors":{"name":["already exists"],"valid_till":["before valid_from"]}}`)
	})
	_, err := f.client(t).ClientCredentials.Create(context.Background(), ClientCredentialInput{Name: "x"})
	var e *APIError
	if !errors.As(err, &e) {
		t.Fatalf("want APIError, got %v", err)
	}
	if e.Field("name") != "already exists" || e.Field("valid_till") != "before valid_from" || e.RequestID != "req-1" {
		t.Fatalf("fields = %+v", e)
	}
	if !strings.Contains(e.Error(), "name: already exists") || !strings.HasPrefix(e.Error(), "400") {
		t.Fatalf("Error() = %q", e.Error())
	}
}

func TestPAMExceptionError(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("GET /iso/pam/credential/{ref}", serveFile(t, "seed004_notfound.json"))
	_, err := f.client(t).Credentials.Get(context.Background(), "nope")
	var e *APIError
	if !errors.As(err, &e) || e.Code() != 1007 || e.StatusCode != 400 || !IsNotFound(err) {
		t.Fatalf("want 400 code 1007, got %v", err)
	}
	if e.Error() != "400 1007: Credential not found" {
		t.Fatalf("Error() = %q", e.Error())
	}
}

func TestPAMErrorInA200Envelope(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("PUT /iso/pam/credential/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"response":{"status":400,"message":"1043: Credential already active","error":true,"error_code":1043}}`)
	})
	_, err := f.client(t).Credentials.Activate(context.Background(), "5")
	var e *APIError
	if !errors.As(err, &e) || e.Code() != 1043 {
		t.Fatalf("want code 1043, got %v", err)
	}
}

func TestSeedShapesDecode(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("GET /api/pam/credential", serveFile(t, "seed003_list.json"))
	f.mux.HandleFunc("GET /iso/pam/credential", serveFile(t, "seed003_iso_list.json"))
	f.mux.HandleFunc("GET /iso/pam/credential/{ref}", serveFile(t, "seed004_get.json"))
	ctx := context.Background()

	api, err := f.client(t, WithPAMPrefix("/api/pam")).Credentials.List(ctx, CredentialListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c0 := api.Credentials[0]
	if len(api.Credentials) != 2 || c0.ID != "2" || bool(c0.AutomaticChange) || c0.Expiration.IsZero() || c0.Change.Format("15:04:05") != "16:19:53" {
		t.Fatalf("seed-003 api list decoded wrong: %+v", c0)
	}
	if _, off := c0.Expiration.Zone(); off != -3*3600 {
		t.Fatalf("expiration zone lost: %v", c0.Expiration)
	}
	if !api.Credentials[1].View.IsZero() || !api.Credentials[1].Expiration.IsZero() {
		t.Fatalf("null dates not zero: %+v", api.Credentials[1])
	}

	iso, err := f.client(t).Credentials.List(ctx, CredentialListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if iso.Credentials[0].AutomaticChange || !iso.Credentials[1].AutomaticChange || iso.Credentials[1].ID != "2" || iso.Credentials[1].TypeCode != "" {
		t.Fatalf("iso list quirks decoded wrong: %+v", iso.Credentials)
	}

	d, err := f.client(t).Credentials.Get(ctx, "credential_5@destktop-91.com")
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "5" || d.Password != "secret@2504" || d.Port != "22" || d.ParentCredentialCod != nil || d.ExpirationTime.Year() != 2021 {
		t.Fatalf("seed-004 detail decoded wrong: %+v", d)
	}
}

func TestRefIsPathEscaped(t *testing.T) {
	f := newFakeServer(t)
	var got string
	f.mux.HandleFunc("GET /iso/pam/credential/{ref}", func(w http.ResponseWriter, r *http.Request) {
		got = r.PathValue("ref")
		io.WriteString(w, `{"response":{"status":200},"credential":{"id":"1"}}`)
	})
	if _, err := f.client(t).Credentials.Get(context.Background(), "svc@corp.example@mail01"); err != nil {
		t.Fatal(err)
	}
	if got != "svc@corp.example@mail01" {
		t.Fatalf("server saw ref %q", got)
	}
	if _, err := f.client(t).Credentials.Get(context.Background(), "a/b"); err != nil {
		t.Fatal(err)
	}
	if got != "a/b" {
		t.Fatalf("a slash in a ref must stay inside one path segment, server saw %q", got)
	}
}

func TestActorHeaderIsSent(t *testing.T) {
	f := newFakeServer(t)
	var got string
	f.mux.HandleFunc("GET /iso/pam/device", func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get(ActorKeyHeader)
		io.WriteString(w, `{"response":{"status":200},"devices":[]}`)
	})
	if _, err := f.client(t, WithHeader(ActorKeyHeader, "SHA256:abc")).Devices.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got != "SHA256:abc" {
		t.Fatalf("actor header = %q", got)
	}
}

func TestListAllFollowsPages(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("GET /pam/apps/settings/client-credentials/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "1" {
			io.WriteString(w, `{"count":3,"next":"/x?page=2","results":[{"id":1},{"id":2}]}`)
			return
		}
		io.WriteString(w, `{"count":3,"next":null,"results":[{"id":3}]}`)
	})
	all, err := f.client(t).ClientCredentials.ListAll(context.Background(), "")
	if err != nil || len(all) != 3 || all[2].ID != 3 {
		t.Fatalf("ListAll = %v %+v", err, all)
	}
}

// A call without an answer says why in a few words, keeps the chain, and
// names no URL.
func TestTransportErrorsAreShortAndKeepTheirCause(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/iso/oauth2/token" {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"access_token":"t","token_type":"Bearer","expires_in":3600}`))
			return
		}
		<-r.Context().Done()
	}))
	defer hang.Close()
	c, err := New(hang.URL, "cc_x", "s")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = c.ClientCredentials.Get(ctx, 1)
	var te *TransportError
	if !errors.As(err, &te) || !te.Timeout() || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a hanging server: %#v", err)
	}
	if got := err.Error(); got != "GET /pam/apps/settings/client-credentials/1/: no answer from the server in time" {
		t.Fatalf("message: %q", got)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	url := closed.URL
	closed.Close()
	c, _ = New(url, "cc_x", "s")
	_, err = c.ClientCredentials.Get(context.Background(), 1)
	if !errors.As(err, &te) || te.Timeout() || !strings.Contains(err.Error(), "cannot reach the server (connection refused)") ||
		strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("a closed port: %v", err)
	}
}

// Issue 17 §5: expires_in as a numeric string or a float was refused as
// "answered without an access_token". Numbers and numeric strings set the
// life; anything else falls back to the default hour.
func TestTokenExpiresInForms(t *testing.T) {
	cases := []struct {
		sent any
		life time.Duration
	}{
		{100, 100 * time.Second}, {"100", 100 * time.Second}, {100.0, 100 * time.Second}, {"100.5", 100 * time.Second},
		{nil, time.Hour}, {"soon", time.Hour}, {true, time.Hour}, {-5, time.Hour}, {"", time.Hour}, {1e300, time.Hour},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.sent), func(t *testing.T) {
			f := newFakeServer(t)
			f.expiresIn = tc.sent
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			c := f.client(t, WithClock(func() time.Time { return now }))
			if _, err := c.Token(t.Context()); err != nil {
				t.Fatalf("expires_in %#v: %v", tc.sent, err)
			}
			now = now.Add(tc.life*8/10 - time.Second)
			c.Token(t.Context())
			if f.tokenCalls.Load() != 1 {
				t.Fatalf("refetched before 80%% of %s", tc.life)
			}
			now = now.Add(2 * time.Second)
			c.Token(t.Context())
			if f.tokenCalls.Load() != 2 {
				t.Fatalf("not refetched after 80%% of %s", tc.life)
			}
		})
	}
}

// A token body that is not JSON is reported as such, not as a missing token.
func TestTokenDecodeErrorIsNamed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"access_token": "x", "expires_in": [`)
	}))
	defer srv.Close()
	c, err := New(srv.URL, "cc_test", canarySecret)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Token(t.Context())
	if err == nil || strings.Contains(err.Error(), "without an access_token") || !strings.Contains(err.Error(), "not a token response") {
		t.Fatalf("want a decode error, got %v", err)
	}
}
