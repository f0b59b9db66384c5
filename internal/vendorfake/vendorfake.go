// Package vendorfake is a fake senhasegura PAM Core server for tests: it
// answers only with the hand-written fixture files of client/testdata/vendor
// (shapes from ../shared/PAMCORE-VENDOR.md, never produced by our server)
// and records what clients send, so tests see exactly what a console
// pointed at a real server would.
package vendorfake

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Request is one request the fake received.
type Request struct {
	Method, Path, ContentType string
	Body                      []byte
	Authorization             string
}

// Server is a running fake.
type Server struct {
	URL string

	mu       sync.Mutex
	requests []Request
}

// route is one answer: the fixture file and the HTTP status line.
type route struct {
	file   string
	status int
}

// routes are the fake's answers, by "METHOD path" (the /iso/pam prefix).
var routes = map[string]route{
	"POST /iso/oauth2/token":      {"token_opaque.json", 200},
	"GET /iso/pam/device":         {"device_list.json", 200},
	"GET /iso/pam/device/14":      {"device_get.json", 200},
	"GET /iso/pam/device/w2016":   {"device_get.json", 200},
	"POST /iso/pam/device":        {"device_updated.json", 201},
	"GET /iso/pam/credential":     {"credential_list.json", 200},
	"GET /iso/pam/key/39":         {"key_get.json", 200},
	"POST /iso/pam/key":           {"key_created.json", 200}, // 3.32: status line 200, body 201
	"GET /iso/pam/info/28":        {"info_get.json", 200},
	"POST /iso/pam/info":          {"info_created.json", 200}, // status line 200, body 201
	"GET /iso/pam/credential/999": {"", 0},
}

// Start serves the fixtures in dir (client/testdata/vendor). A request
// without a bearer token, or to a route it does not know, is answered like
// the vendor's gateway and router would (401 / 404 "Resource sub not found").
// override replaces individual routes ("METHOD path" → fixture file name;
// a name ending in "@401" answers that status).
func Start(t testing.TB, dir string, override map[string]string) *Server {
	t.Helper()
	s := &Server{}
	answers := map[string]route{}
	for k, v := range routes {
		answers[k] = v
	}
	for k, v := range override {
		answers[k] = parseOverride(v)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"),
			Body: body, Authorization: r.Header.Get("Authorization")})
		s.mu.Unlock()
		key := r.Method + " " + r.URL.Path
		rt, ok := answers[key]
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path != "/iso/oauth2/token" && r.Header.Get("Authorization") == "":
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"message":"No route matched with those values."}`)
		case !ok || rt.file == "":
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"code":404,"response":{"status":404,"message":"Resource sub not found","error":true,"error_code":1,"detail":"","mensagem":"Resource sub not found","erro":true,"cod_erro":1}}`)
		default:
			raw, err := os.ReadFile(filepath.Join(dir, rt.file))
			if err != nil {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			w.WriteHeader(rt.status)
			w.Write(raw)
		}
	})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

func parseOverride(v string) route {
	if n := len(v); n > 4 && v[n-4] == '@' {
		status := 0
		for _, c := range v[n-3:] {
			status = status*10 + int(c-'0')
		}
		return route{file: v[:n-4], status: status}
	}
	return route{file: v, status: 200}
}

// Requests returns a copy of what the fake received, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}
