package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// DefaultTimeout bounds each HTTP call unless WithTimeout or
// WithHTTPClient says otherwise.
const DefaultTimeout = 30 * time.Second

// Client talks to one PAM server as one client credential.
type Client struct {
	base      *url.URL
	http      *http.Client
	clientID  string
	secret    string
	customer  string
	headers   http.Header
	now       func() time.Time
	pamPrefix string
	tokenPath string
	userAgent string
	serverLoc *time.Location // zone of the server's zoneless times; nil = unknown
	tok       tokenCache

	Scopes            *ScopesService
	ClientCredentials *ClientCredentialsService
	Audit             *AuditService
	Credentials       *CredentialsService
	Devices           *DevicesService
	Keys              *KeysService
	Info              *InfoService
	Resources         *ResourcesService
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient uses hc for every request (its Timeout applies).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.http = hc } }

// WithTimeout bounds each request.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) { c.http = &http.Client{Timeout: d, Transport: c.http.Transport} }
}

// WithCustomer sets the customer id of seed 000's token request.
func WithCustomer(id string) Option { return func(c *Client) { c.customer = id } }

// WithHeader adds a header to every request (e.g. ActorKeyHeader).
func WithHeader(key, value string) Option { return func(c *Client) { c.headers.Set(key, value) } }

// WithClock replaces time.Now (token refresh tests).
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithPAMPrefix sets the PAM Core path prefix ("/iso/pam" or "/api/pam").
func WithPAMPrefix(p string) Option {
	return func(c *Client) { c.pamPrefix = "/" + strings.Trim(p, "/") }
}

// WithTokenPath sets the OAuth token endpoint path.
func WithTokenPath(p string) Option {
	return func(c *Client) { c.tokenPath = "/" + strings.TrimLeft(p, "/") }
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// New returns a client for the server at baseURL signing in as clientID.
func New(baseURL, clientID, secret string, opts ...Option) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(baseURL), "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("client: url %q: want http(s)://host[:port]", baseURL)
	}
	if clientID == "" {
		return nil, errors.New("client: client id is empty")
	}
	c := &Client{
		base: u, http: &http.Client{Timeout: DefaultTimeout}, clientID: clientID, secret: secret,
		customer: "10001", headers: http.Header{}, now: time.Now,
		pamPrefix: "/iso/pam", tokenPath: "/iso/oauth2/token", userAgent: "pamconsole",
	}
	for _, o := range opts {
		o(c)
	}
	s := service{c}
	c.Scopes = &ScopesService{s}
	c.ClientCredentials = &ClientCredentialsService{s}
	c.Audit = &AuditService{s}
	c.Credentials = &CredentialsService{s}
	c.Devices = &DevicesService{s}
	c.Keys = &KeysService{s}
	c.Info = &InfoService{s}
	c.Resources = &ResourcesService{s}
	return c, nil
}

// BaseURL returns the server URL.
func (c *Client) BaseURL() string { return c.base.String() }

// ClientID returns the client id the client signs in with.
func (c *Client) ClientID() string { return c.clientID }

type service struct{ c *Client }

// request describes one API call.
type request struct {
	method string
	path   string
	query  url.Values
	body   any    // JSON-encoded when non-nil
	pam    bool   // PAM Core envelope: error:true in a 2xx is an error too
	header string // If-Match value, when set
	stream bool   // the body is read as it arrives: the timeout bounds each wait, not the whole read (streamDo)
}

// send performs r with the bearer token; on a 401 it fetches a new token
// and retries exactly once. The caller closes the response body.
func (c *Client) send(ctx context.Context, r request) (*http.Response, error) {
	var payload []byte
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("client: encode %s body: %w", r.path, err)
		}
		payload = b
	}
	for attempt := 0; ; attempt++ {
		tok, err := c.Token(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := c.sendOnce(ctx, r, payload, tok)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusUnauthorized && attempt == 0 {
			drain(resp)
			c.tok.invalidate(tok)
			continue
		}
		if resp.StatusCode >= 400 {
			defer drain(resp)
			return nil, readAPIError(resp)
		}
		return resp, nil
	}
}

func (c *Client) sendOnce(ctx context.Context, r request, payload []byte, tok string) (*http.Response, error) {
	u := *c.base
	u.Path = c.base.Path + r.path
	u.RawPath = ""
	if strings.Contains(r.path, "%") {
		u.RawPath = c.base.Path + r.path
		if p, err := url.PathUnescape(r.path); err == nil {
			u.Path = c.base.Path + p
		}
	}
	if len(r.query) > 0 {
		u.RawQuery = r.query.Encode()
	}
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("client: %s %s: %w", r.method, r.path, err)
	}
	for k, v := range c.headers {
		req.Header[k] = v
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.header != "" {
		req.Header.Set("If-Match", r.header)
	}
	do := c.http.Do
	if r.stream {
		do = func(req *http.Request) (*http.Response, error) { return streamDo(c.http, req) }
	}
	resp, err := do(req)
	if err != nil {
		return nil, transportError(r.method, r.path, err)
	}
	return resp, nil
}

// do performs r and decodes the JSON answer into out (nil: discard).
func (c *Client) do(ctx context.Context, r request, out any) error {
	resp, err := c.send(ctx, r)
	if err != nil {
		return err
	}
	defer drain(resp)
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return transportError(r.method, r.path, err)
	}
	if r.pam {
		if apiErr := pamEnvelopeError(resp, raw); apiErr != nil {
			return apiErr
		}
	}
	if out == nil || len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("client: decode %s %s answer: %w", r.method, r.path, err)
	}
	termsafe.Value(out) // the one boundary for server strings (secrets tagged raw stay as sent)
	return nil
}

// maxBody caps a buffered (non-streamed) answer.
const maxBody = 256 << 20

func drain(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
}

// TransportError is a call that got no (complete) HTTP answer: the server
// is unreachable or too slow, or the call was canceled. Its message names
// the method, the path and the reason in a few words — not the URL, the Go
// error chain or any request data (no secrets travel in URLs anyway); Err
// keeps the chain for errors.Is and errors.As.
type TransportError struct {
	Method, Path string
	Err          error
}

func transportError(method, path string, err error) error {
	return &TransportError{Method: method, Path: path, Err: err}
}

func (e *TransportError) Error() string { return e.Method + " " + e.Path + ": " + e.Reason() }

func (e *TransportError) Unwrap() error { return e.Err }

// Timeout reports a call that ran out of time.
func (e *TransportError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.Is(e.Err, context.DeadlineExceeded) || errors.As(e.Err, &t) && t.Timeout()
}

// Reason says in a few words why the call failed.
func (e *TransportError) Reason() string {
	switch {
	case e.Timeout():
		return "no answer from the server in time"
	case errors.Is(e.Err, context.Canceled):
		return "canceled"
	}
	// The innermost message: "connection refused", "no such host", "EOF".
	msg := e.Err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	var op *net.OpError
	var dns *net.DNSError
	if errors.As(e.Err, &dns) || errors.As(e.Err, &op) && op.Op == "dial" {
		return "cannot reach the server (" + msg + ")"
	}
	return "the connection failed (" + msg + ")"
}
