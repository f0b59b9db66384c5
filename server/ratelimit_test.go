package server

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// One client id hammering the token endpoint is limited, and never spends
// its address's whole budget: another client behind the same address keeps
// getting tokens.
func TestTokenLimitsPerClientAndPerIP(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	limits := newTokenLimits(10, 5, clk.now) // per IP: 20/s, burst 10
	h := limits.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requestClientID(r) == "" && r.ContentLength > 0 {
			t.Error("the handler lost the request body")
		}
		w.WriteHeader(http.StatusOK)
	}))
	post := func(ip, cid string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/iso/oauth2/token", strings.NewReader("grant_type=client_credentials&client_id="+cid+"&client_secret=s"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = ip + ":40000"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	limited := 0
	for range 100 {
		if rec := post("10.0.0.1", "cc_hammer"); rec.Code == http.StatusTooManyRequests {
			limited++
			if rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "slow_down") {
				t.Fatalf("429 without Retry-After or RFC 6749 body: %v %s", rec.Header(), rec.Body)
			}
		}
	}
	if limited != 95 {
		t.Fatalf("%d of 100 requests limited, want 95 (burst 5)", limited)
	}
	for i := range 5 {
		if rec := post("10.0.0.1", "cc_other"); rec.Code != http.StatusOK {
			t.Fatalf("another client on the same address was locked out at request %d: %d", i+1, rec.Code)
		}
	}
	// Many client ids from one address: the address's budget stops them.
	refused := 0
	for i := range 20 {
		if post("10.0.0.2", "cc_spray"+strconv.Itoa(i)).Code == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused != 10 {
		t.Fatalf("spraying client ids: %d of 20 refused, want 10 (IP burst 10)", refused)
	}
	if rec := post("10.0.0.3", "cc_spray0"); rec.Code != http.StatusOK {
		t.Fatalf("another address was locked out: %d", rec.Code)
	}
	// Waiting as long as Retry-After said gives the client a token again.
	rec := post("10.0.0.1", "cc_hammer")
	secs, _ := strconv.Atoi(rec.Header().Get("Retry-After"))
	if rec.Code != http.StatusTooManyRequests || secs < 1 {
		t.Fatalf("still hammering: %d Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	clk.advance(time.Duration(secs) * time.Second)
	if rec := post("10.0.0.1", "cc_hammer"); rec.Code != http.StatusOK {
		t.Fatalf("after Retry-After: %d", rec.Code)
	}
}

// Issue 17 §1b: anyone who knows a client id (lists, the audit) could keep
// that client from getting tokens by sending wrong secrets. The attacker is
// slowed; the holder of the right secret, elsewhere, never waits.
func TestWrongSecretsElsewhereDoNotLockOutTheHolder(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	limits := newTokenLimits(10, 30, clk.now)
	h := limits.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if r.PostForm.Get("client_secret") != "right" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	post := func(ip, secret string) int {
		req := httptest.NewRequest("POST", "/iso/oauth2/token", strings.NewReader("grant_type=client_credentials&client_id=cc_target&client_secret="+secret))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.RemoteAddr = ip + ":40000"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	attackerLimited, holderLimited := 0, 0
	for sec := range 12 {
		for range 30 { // ~30 wrong secrets a second, as measured
			if post("203.0.113.9", "wrong") == http.StatusTooManyRequests {
				attackerLimited++
			}
			clk.advance(time.Second / 30)
		}
		if code := post("10.0.0.7", "right"); code != http.StatusOK {
			holderLimited++
			t.Logf("second %d: the holder got %d", sec, code)
		}
	}
	if holderLimited != 0 {
		t.Fatalf("the holder of the right secret was refused %d of 12 times", holderLimited)
	}
	if attackerLimited == 0 {
		t.Fatal("the attacker was never slowed")
	}
}
