package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
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

// Identity returns who the client is signed in as, from the claims of its
// current token (fetching one if needed). The token is not verified here:
// the server verifies it on every call.
func (c *Client) Identity(ctx context.Context) (Identity, error) {
	tok, err := c.Token(ctx)
	if err != nil {
		return Identity{}, err
	}
	return parseIdentity(tok)
}

func parseIdentity(tok string) (Identity, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return Identity{}, fmt.Errorf("client: access token is not a JWT")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return Identity{}, fmt.Errorf("client: access token payload: %w", err)
	}
	var claims struct {
		Identity
		Scope string `json:"scope"`
	}
	if err := json.Unmarshal(raw, &claims); err != nil {
		return Identity{}, fmt.Errorf("client: access token claims: %w", err)
	}
	id := claims.Identity
	id.Scopes = strings.Fields(claims.Scope)
	return id, nil
}
