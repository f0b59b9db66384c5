package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// tokenCache holds the current access token. Its mutex is held during a
// fetch, so concurrent callers wait for and share one token request.
type tokenCache struct {
	mu        sync.Mutex
	token     string
	refreshAt time.Time // 80 % of the token's life
}

// invalidate drops tok if it is still the cached one (after a 401).
func (t *tokenCache) invalidate(tok string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.token == tok {
		t.token = ""
	}
}

// Token returns a valid access token, fetching a new one when there is
// none or 80 % of the current one's life has passed.
func (c *Client) Token(ctx context.Context) (string, error) {
	c.tok.mu.Lock()
	defer c.tok.mu.Unlock()
	if c.tok.token != "" && c.now().Before(c.tok.refreshAt) {
		return c.tok.token, nil
	}
	issued := c.now()
	tr, err := c.fetchToken(ctx)
	if err != nil {
		return "", err
	}
	life := tr.ExpiresIn.Duration()
	if life <= 0 {
		life = time.Hour
	}
	c.tok.token = tr.AccessToken
	c.tok.refreshAt = issued.Add(life * 8 / 10)
	return c.tok.token, nil
}

// fetchToken performs the RFC 6749 §4.4 client-credentials grant.
func (c *Client) fetchToken(ctx context.Context) (*TokenResponse, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.clientID}, "client_secret": {c.secret}}
	u := *c.base
	u.Path = c.base.Path + c.tokenPath
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("client: token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(http.MethodPost, c.tokenPath, err)
	}
	defer drain(resp)
	if resp.StatusCode != http.StatusOK {
		return nil, readAPIError(resp)
	}
	var tr TokenResponse
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&tr); err != nil {
		return nil, &APIError{StatusCode: resp.StatusCode, Message: "token endpoint answered with a body that is not a token response: " + err.Error(), Response: resp}
	}
	if tr.AccessToken == "" {
		return nil, &APIError{StatusCode: resp.StatusCode, Message: "token endpoint answered without an access_token", Response: resp}
	}
	return &tr, nil
}

// Identity returns who the client is signed in as (fetching a token if
// needed). The vendor documents the access token as opaque, so any bearer
// token works: claims are read when it is a JWT (ours: sub, cid, name,
// customer, scope; the vendor's sample: sub, aud, scopes), and otherwise
// the identity is the profile's client id with the scopes unknown. The
// token is not verified here: the server verifies it on every call.
func (c *Client) Identity(ctx context.Context) (Identity, error) {
	tok, err := c.Token(ctx)
	if err != nil {
		return Identity{}, err
	}
	id, ok := parseIdentity(tok)
	if id.ClientID == "" {
		id.ClientID = c.clientID
	}
	if id.Name == "" {
		id.Name = id.ClientID
	}
	id.ScopesKnown = ok
	termsafe.Value(&id) // the name is shown in the status bar
	return id, nil
}

// parseIdentity reads the claims of a JWT-shaped token; ok is false for an
// opaque token or claims that do not decode (nothing is known then).
func parseIdentity(tok string) (id Identity, ok bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || len(parts[1]) > 64<<10 {
		return Identity{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return Identity{}, false
	}
	var claims struct {
		Sub      string          `json:"sub"`
		Aud      json.RawMessage `json:"aud"`
		CID      json.RawMessage `json:"cid"`
		Name     string          `json:"name"`
		Customer string          `json:"customer"`
		Scope    string          `json:"scope"`
		Scopes   []string        `json:"scopes"`
	}
	if err := json.Unmarshal(raw, &claims); err != nil {
		return Identity{}, false
	}
	id = Identity{ClientID: claims.Sub, Name: claims.Name, Customer: claims.Customer,
		Scopes: append(strings.Fields(claims.Scope), claims.Scopes...)}
	if n, err := strconv.ParseInt(strings.Trim(string(claims.CID), `"`), 10, 64); err == nil {
		id.ID = n
	}
	if id.ClientID == "" {
		var aud string
		if json.Unmarshal(claims.Aud, &aud) == nil {
			id.ClientID = aud
		}
	}
	return id, true
}
