package server

import (
	"bytes"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/pamconsole/pamconsole/internal/ratelimit"
)

// tokenLimits are the per-client-id and per-IP budgets shared by every
// token endpoint (so alternating endpoints gives no extra budget).
type tokenLimits struct {
	perClient *ratelimit.Keyed[clientSource]
	perIP     *ratelimit.Keyed[string]
	now       func() time.Time
}

// clientSource keys a client id's budget by where the requests come from:
// anyone may know a client id (lists, the audit), so wrong secrets sent from
// elsewhere spend the sender's budget, not that of the holder of the right
// secret (issue 17 §1b: 30 wrong tries a second got the real client 429 on
// 8 of 12 tries).
type clientSource struct{ clientID, ip string }

// newTokenLimits gives each IP twice a client's budget, so one client
// hammering from an address can use at most half of that address's budget.
func newTokenLimits(rate float64, burst int, now func() time.Time) *tokenLimits {
	if rate <= 0 {
		rate, burst = 10, 30
	}
	return &tokenLimits{
		perClient: ratelimit.New[clientSource](rate, burst, ratelimit.DefaultMaxKeys),
		perIP:     ratelimit.New[string](rate*2, burst*2, ratelimit.DefaultMaxKeys),
		now:       now,
	}
}

// wrap refuses token requests beyond the budgets with 429 and Retry-After.
// The budget of the client id from this address is checked first and a
// request refused there does not spend the IP's budget: one client retrying
// in a loop cannot lock out other clients behind the same address, and
// nobody elsewhere can spend a client's budget by sending its id.
func (t *tokenLimits) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		if cid := requestClientID(r); cid != "" {
			if ok, wait := t.perClient.Allow(clientSource{cid, ip}, t.now()); !ok {
				tooMany(w, wait)
				return
			}
		}
		if ok, wait := t.perIP.Allow(ip, t.now()); !ok {
			tooMany(w, wait)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func tooMany(w http.ResponseWriter, wait time.Duration) {
	secs := strconv.Itoa(max(int(math.Ceil(wait.Seconds())), 1))
	w.Header().Set("Retry-After", secs)
	oauthError(w, http.StatusTooManyRequests, "slow_down", "too many token requests: retry after "+secs+"s")
}

// requestClientID is the client id of a token request: HTTP Basic, else
// the form or JSON body.
func requestClientID(r *http.Request) string {
	if id, _, ok := basicAuth(r); ok {
		return id
	}
	return peekClientID(r)
}

// peekClientID reads the client id from a token request body and puts the
// body back for the handler (a read error, such as 413, is replayed to it).
func peekClientID(r *http.Request) string {
	raw, err := io.ReadAll(r.Body)
	var rest io.Reader = bytes.NewReader(raw)
	if err != nil {
		rest = io.MultiReader(rest, errReader{err})
	}
	r.Body = io.NopCloser(rest)
	if err != nil {
		return ""
	}
	clone := r.Clone(r.Context())
	clone.Body = io.NopCloser(bytes.NewReader(raw))
	var req tokenRequest
	if decodeBody(clone, &req) != nil {
		return ""
	}
	return req.ClientID
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
