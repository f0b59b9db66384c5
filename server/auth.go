package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/unitext"
	"github.com/pamconsole/pamconsole/server/store"
)

// authenticator issues and verifies HS256 access tokens.
type authenticator struct {
	s   *Server
	key []byte
}

// leeway is the clock skew tolerated on exp and nbf.
const leeway = 30 * time.Second

// tokenClaims are the access token's claims (API.md §1).
type tokenClaims struct {
	CID      int64  `json:"cid"`
	Name     string `json:"name"`
	Customer string `json:"customer"`
	Scope    string `json:"scope"`
	// SecretGen is the generation of the secret the token was issued
	// for (store.ClientCredential.SecretGen): a rotation revokes it.
	SecretGen int `json:"sgen,omitempty"`
	jwt.RegisteredClaims
}

func newAuthenticator(s *Server) (*authenticator, error) {
	key := s.opts.SigningKey
	if len(key) == 0 {
		k, err := s.store.SigningKey(context.Background())
		if err != nil {
			return nil, err
		}
		key = k
	}
	return &authenticator{s: s, key: key}, nil
}

// grant is a client that proved its secret: its credential and the
// generation of the secret it presented (the previous one, during a
// rotation's grace period, is SecretGen-1).
type grant struct {
	c        store.ClientCredential
	previous bool
}

func (g grant) secretGen() int {
	if g.previous {
		return g.c.SecretGen - 1
	}
	return g.c.SecretGen
}

// issue signs a token for g valid for the server's token TTL, but never
// past the credential's window or the grace period of the secret used.
func (a *authenticator) issue(g grant) (string, time.Duration, error) {
	c, now := g.c, a.s.now()
	end := c.ValidTill
	if g.previous && c.PreviousSecretUntil.Before(end) {
		end = c.PreviousSecretUntil
	}
	ttl := a.s.opts.TokenTTL
	if left := end.Sub(now); left < ttl {
		ttl = max(left, time.Second)
	}
	jti := make([]byte, 12)
	rand.Read(jti)
	claims := tokenClaims{
		CID: c.ID, Name: c.Name, Customer: a.s.opts.Customer, Scope: strings.Join(c.Scopes, " "), SecretGen: g.secretGen(),
		RegisteredClaims: jwt.RegisteredClaims{
			Subject: c.ClientID, ID: hex.EncodeToString(jti),
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
		},
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(a.key)
	if err == nil {
		a.recordIssued(c.ID)
	}
	return tok, ttl, err
}

// recordIssued counts a token issued to credential id. A failed write is
// logged: the token is valid either way.
func (a *authenticator) recordIssued(id int64) {
	if err := a.s.store.RecordTokenIssued(context.Background(), id); err != nil {
		a.s.log.Warn("recording a token issued", "client_credential", id, "err", err.Error())
	}
}

// errInvalidToken is any token the verifier refuses.
var errInvalidToken = errors.New("invalid token")

// errAuthBusy is a token the verifier could not check in authWait because
// no database reader was free: the caller gets 503, never a hang.
var errAuthBusy = errors.New("authentication busy")

// authWait bounds how long a token check waits for the database (a
// variable so a test can make every check time out).
var authWait = 3 * time.Second

// verify checks the token (HS256 only, exp/nbf with leeway) and that its
// credential still exists and is inside its window; it returns the caller
// with effective scopes = token scopes ∩ current scopes.
func (a *authenticator) verify(ctx context.Context, raw string) (principal, error) {
	var claims tokenClaims
	_, err := jwt.ParseWithClaims(raw, &claims, func(*jwt.Token) (any, error) { return a.key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithLeeway(leeway), jwt.WithTimeFunc(a.s.now),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt())
	if err != nil {
		return principal{}, errInvalidToken
	}
	waitCtx, cancel := context.WithTimeout(ctx, authWait)
	defer cancel()
	c, err := a.s.store.GetClientCredential(waitCtx, claims.CID)
	if err != nil && waitCtx.Err() != nil && ctx.Err() == nil {
		return principal{}, errAuthBusy
	}
	if err != nil && !store.IsKind(err, store.KindNotFound) {
		return principal{}, err // the database failed, not the token: a 500, never a 401
	}
	if err != nil || c.ClientID != claims.Subject {
		return principal{}, errInvalidToken
	}
	now := a.s.now()
	if now.Before(c.ValidFrom) || now.After(c.ValidTill) {
		return principal{}, errInvalidToken
	}
	if !secretStillValid(claims.SecretGen, c, now) {
		return principal{}, errInvalidToken
	}
	var scopes []string
	for _, sc := range strings.Fields(claims.Scope) {
		if slices.Contains(c.Scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	return principal{ID: c.ID, ClientID: c.ClientID, Name: c.Name, Scopes: scopes}, nil
}

// secretStillValid says whether a token issued for secret generation gen
// survives c's rotations: the current secret's tokens do, the previous
// secret's only during its grace period, older ones never.
func secretStillValid(gen int, c store.ClientCredential, now time.Time) bool {
	switch gen {
	case c.SecretGen:
		return true
	case c.SecretGen - 1:
		return c.PreviousSecretValid(now)
	}
	return false
}

// bearer returns the token of Authorization or the seed's Authorize header.
func bearer(r *http.Request) string {
	for _, h := range []string{"Authorization", "Authorize"} {
		v := strings.TrimSpace(r.Header.Get(h))
		if len(v) > 7 && strings.EqualFold(v[:7], "bearer ") {
			return strings.TrimSpace(v[7:])
		}
	}
	return ""
}

// requireScope authenticates the request (Authorization or Authorize
// header), re-checks the credential, puts the principal in the context and
// refuses (PAM Core: 400 1039; else 403) unless it holds scope ("" = any
// valid token).
func (s *Server) requireScope(fam family, scope string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := bearer(r)
		if raw == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="pamconsole"`)
			s.answer(w, r, fam, problem{status: http.StatusUnauthorized, msg: "authentication required: send Authorization: Bearer <token>"})
			return
		}
		p, err := s.auth.verify(r.Context(), raw)
		if errors.Is(err, errAuthBusy) {
			w.Header().Set("Retry-After", "1")
			s.answer(w, r, fam, problem{status: http.StatusServiceUnavailable, msg: "the server is busy: try again shortly"})
			return
		}
		if err != nil && !errors.Is(err, errInvalidToken) {
			s.writeError(w, r, fam, err)
			return
		}
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			s.answer(w, r, fam, problem{status: http.StatusUnauthorized, msg: "invalid or expired token"})
			return
		}
		s.usage.used(r.Context(), p.ID) // a valid token was used, even if it lacks the scope
		if scope != "" && !p.has(scope) {
			s.answer(w, r, fam, forbidden(fam, scope))
			return
		}
		p.ActorKey = sanitizeHeader(r.Header.Get(client.ActorKeyHeader))
		h(w, r.WithContext(withPrincipal(r.Context(), p)))
	})
}

// sanitizeHeader keeps an SSH fingerprint printable and short.
func sanitizeHeader(v string) string {
	v = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, v)
	if len(v) > 128 {
		v = v[:128]
	}
	return v
}

// tokenRequest is the body of both token endpoints (form or JSON).
type tokenRequest struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	Customer     string `json:"customer"`
}

func (s *Server) registerAuthRoutes(mux *http.ServeMux) {
	limits := newTokenLimits(s.opts.TokenRate, s.opts.TokenBurst, s.now)
	rfc := limits.wrap(http.HandlerFunc(s.handleOAuthToken))
	mux.Handle("POST /iso/oauth2/token", rfc)
	mux.Handle("POST /api/oauth2/token", rfc)
	seed := limits.wrap(http.HandlerFunc(s.handleSeedToken))
	mux.Handle("POST /pam/apps/autheticate/oauth/token-generation/", seed) // the seed's spelling
	mux.Handle("POST /pam/apps/authenticate/oauth/token-generation/", seed)
	mux.Handle("GET /pam/apps/settings/scopes/", s.requireScope(familyDRF, "", s.handleScopes))
}

// readTokenRequest decodes the form/JSON body and HTTP Basic credentials.
func (s *Server) readTokenRequest(w http.ResponseWriter, r *http.Request) (tokenRequest, bool) {
	var req tokenRequest
	if err := decodeBody(r, &req); err != nil {
		if p := problemOf(err, familyOAuth); p.status == http.StatusRequestEntityTooLarge {
			writeProblem(w, familyOAuth, p)
			return req, false
		}
		oauthError(w, http.StatusBadRequest, "invalid_request", "malformed body: send a form or JSON with grant_type, client_id and client_secret")
		return req, false
	}
	if id, secret, ok := basicAuth(r); ok {
		req.ClientID, req.ClientSecret = id, secret
	}
	switch {
	case req.GrantType == "":
		oauthError(w, http.StatusBadRequest, "invalid_request", "grant_type is required")
	case req.GrantType != "client_credentials":
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "only grant_type=client_credentials is supported")
	case req.ClientID == "" || req.ClientSecret == "":
		oauthError(w, http.StatusBadRequest, "invalid_request", "client_id and client_secret are required")
	default:
		return req, true
	}
	return req, false
}

// basicAuth returns HTTP Basic credentials. RFC 6749 §2.3.1 has clients
// form-encode id and secret before base64 (x/oauth2 does), so they are
// decoded; a value that is not valid form encoding is taken as sent.
func basicAuth(r *http.Request) (id, secret string, ok bool) {
	id, secret, ok = r.BasicAuth()
	if !ok {
		return "", "", false
	}
	if v, err := url.QueryUnescape(id); err == nil {
		id = v
	}
	if v, err := url.QueryUnescape(secret); err == nil {
		secret = v
	}
	return id, secret, true
}

// authenticateClient checks the secret and the validity window.
func (s *Server) authenticateClient(w http.ResponseWriter, r *http.Request, req tokenRequest) (grant, bool) {
	c, previous, err := s.store.VerifyClientSecret(r.Context(), req.ClientID, req.ClientSecret)
	g := grant{c: c, previous: previous}
	if errors.Is(err, store.ErrBadClientSecret) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed.")
		return g, false
	}
	if err != nil {
		s.writeError(w, r, familyOAuth, err)
		return g, false
	}
	now := s.now()
	if now.Before(c.ValidFrom) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed: the client credential is not valid until "+c.ValidFrom.Format(time.RFC3339)+".")
		return g, false
	}
	if now.After(c.ValidTill) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed: the client credential expired on "+c.ValidTill.Format(time.RFC3339)+".")
		return g, false
	}
	return g, true
}

func (s *Server) handleOAuthToken(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readTokenRequest(w, r)
	if !ok {
		return
	}
	g, ok := s.authenticateClient(w, r, req)
	if !ok {
		return
	}
	tok, ttl, err := s.auth.issue(g)
	if err != nil {
		s.writeError(w, r, familyOAuth, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, client.TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: client.Seconds(ttl.Seconds()), Scope: strings.Join(g.c.Scopes, " ")})
}

func (s *Server) handleSeedToken(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readTokenRequest(w, r)
	if !ok {
		return
	}
	if req.Customer != s.opts.Customer {
		oauthError(w, http.StatusUnauthorized, "invalid_client", fmt.Sprintf("Client authentication failed: unknown customer %q.", truncateField(req.Customer)))
		return
	}
	g, ok := s.authenticateClient(w, r, req)
	if !ok {
		return
	}
	tok, ttl, err := s.auth.issue(g)
	if err != nil {
		s.writeError(w, r, familyOAuth, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, client.SeedTokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresInMinutes: int((ttl + time.Minute - 1) / time.Minute)})
}

// truncateField cuts an echoed value to 40 characters (never inside one).
func truncateField(s string) string { return unitext.Cut(s, 40) }

func (s *Server) handleScopes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, catalogue())
}

// catalogue converts the store's scope table to the wire shape.
func catalogue() client.ScopeCatalogue {
	var out client.ScopeCatalogue
	for _, g := range store.Catalogue {
		cg := client.ScopeGroup{Key: g.Key, Label: g.Label}
		for _, sc := range g.Scopes {
			cg.Scopes = append(cg.Scopes, client.Scope{Key: sc.Key, Label: sc.Label, Default: sc.Default})
		}
		out.Groups = append(out.Groups, cg)
	}
	return out
}
