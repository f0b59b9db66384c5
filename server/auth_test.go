package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

var bg = context.Background()

// rawCall sends a request and returns the status, headers and body.
func rawCall(t *testing.T, method, url string, body io.Reader, hdr map[string]string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func formToken(t *testing.T, base, cid, secret string) (int, map[string]any) {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {cid}, "client_secret": {secret}}
	status, _, body := rawCall(t, "POST", base+"/iso/oauth2/token", strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	var out map[string]any
	json.Unmarshal(body, &out)
	return status, out
}

// newClientWith creates a client credential with scopes and a client for it.
func newClientWith(t *testing.T, env *testserver.Env, name string, scopes ...string) (*client.Client, client.ClientCredential) {
	t.Helper()
	if scopes == nil {
		scopes = []string{} // none at all, not the catalogue defaults
	}
	cc, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: name, ValidFrom: "2020-01-01", ValidTill: "2099-12-31", Scopes: scopes})
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(env.URL, cc.ClientID, cc.ClientSecret)
	if err != nil {
		t.Fatal(err)
	}
	return c, *cc
}

func TestOAuth2ClientCredentialsLibraryWorks(t *testing.T) {
	env := testserver.Start(t)
	cfg := clientcredentials.Config{ClientID: env.ClientID, ClientSecret: env.Secret, TokenURL: env.URL + "/iso/oauth2/token"}
	hc := cfg.Client(bg)
	resp, err := hc.Get(env.URL + "/pam/apps/users/user/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("x/oauth2 token not accepted: %d", resp.StatusCode)
	}
}

func TestSeedTokenEndpointAndAuthorizeHeader(t *testing.T) {
	env := testserver.Start(t)
	for _, path := range []string{"/pam/apps/autheticate/oauth/token-generation/", "/pam/apps/authenticate/oauth/token-generation/"} {
		body := `{"grant_type":"client_credentials","client_id":"` + env.ClientID + `","client_secret":"` + env.Secret + `","customer":"10001"}`
		status, _, raw := rawCall(t, "POST", env.URL+path, strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
		var tok client.SeedTokenResponse
		json.Unmarshal(raw, &tok)
		if status != 200 || tok.ExpiresInMinutes != 60 || tok.TokenType != "Bearer" {
			t.Fatalf("%s: %d %s", path, status, raw)
		}
		status, _, _ = rawCall(t, "GET", env.URL+"/pam/apps/users/user/", nil, map[string]string{"Authorize": "Bearer " + tok.AccessToken})
		if status != 200 {
			t.Fatalf("Authorize header refused: %d", status)
		}
	}
	body := `{"grant_type":"client_credentials","client_id":"` + env.ClientID + `","client_secret":"` + env.Secret + `","customer":"99999"}`
	status, _, raw := rawCall(t, "POST", env.URL+"/pam/apps/autheticate/oauth/token-generation/", strings.NewReader(body), nil)
	if status != 401 || !bytes.Contains(raw, []byte("invalid_client")) {
		t.Fatalf("unknown customer: %d %s", status, raw)
	}
}

func TestTokenErrors(t *testing.T) {
	env := testserver.Start(t)
	if s, j := formToken(t, env.URL, env.ClientID, env.Secret+"x"); s != 401 || j["error"] != "invalid_client" {
		t.Fatalf("wrong secret: %d %v", s, j)
	}
	if s, j := formToken(t, env.URL, "cc_nobody", env.Secret); s != 401 || j["error"] != "invalid_client" {
		t.Fatalf("unknown client: %d %v", s, j)
	}
	form := "grant_type=password&client_id=x&client_secret=y"
	s, _, raw := rawCall(t, "POST", env.URL+"/iso/oauth2/token", strings.NewReader(form), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if s != 400 || !bytes.Contains(raw, []byte("unsupported_grant_type")) {
		t.Fatalf("password grant: %d %s", s, raw)
	}
	basic := base64.StdEncoding.EncodeToString([]byte(env.ClientID + ":" + env.Secret))
	s, _, raw = rawCall(t, "POST", env.URL+"/api/oauth2/token", strings.NewReader("grant_type=client_credentials"),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic})
	if s != 200 {
		t.Fatalf("basic auth: %d %s", s, raw)
	}
}

func TestValidityWindowIsEnforced(t *testing.T) {
	env := testserver.Start(t)
	for _, tc := range []struct{ from, till, want string }{
		{"2099-01-01", "2099-12-31", "not valid until"},
		{"2020-01-01", "2020-12-31", "expired on"},
	} {
		cc, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "window " + tc.from, ValidFrom: tc.from, ValidTill: tc.till, Scopes: []string{}})
		if err != nil {
			t.Fatal(err)
		}
		s, j := formToken(t, env.URL, cc.ClientID, cc.ClientSecret)
		if s != 401 || j["error"] != "invalid_client" || !strings.Contains(j["error_description"].(string), tc.want) {
			t.Fatalf("%s..%s: %d %v", tc.from, tc.till, s, j)
		}
	}
}

func TestScopesAreEnforcedAndNamed(t *testing.T) {
	env := testserver.Start(t)
	none, _ := newClientWith(t, env, "no scopes")
	checks := []struct {
		name string
		call func() error
		want string
	}{
		{"users", func() error { _, err := none.Resources.List(bg, "/pam/apps/users/user/"); return err }, "users.user.view"},
		{"roles", func() error { _, err := none.Resources.List(bg, "/pam/apps/roles/role/"); return err }, "users.roles.view"},
		{"assets", func() error { _, err := none.Resources.List(bg, "/pam/apps/assets/asset/"); return err }, "assets.view"},
		{"system users", func() error { _, err := none.Resources.List(bg, "/pam/apps/assets/systemuser/"); return err }, "system_user.view"},
		{"groups", func() error { _, err := none.Resources.List(bg, "/pam/apps/groups/group/"); return err }, "groups.view"},
		{"apps", func() error { _, err := none.Resources.List(bg, "/pam/apps/apps/app/"); return err }, "apps.view"},
		{"tickets", func() error { _, err := none.Resources.List(bg, "/pam/apps/ticket/ticket/"); return err }, "miscellaneous.ticket.view_ticket"},
		{"cc list", func() error {
			_, err := none.ClientCredentials.List(bg, client.ClientCredentialListOptions{})
			return err
		}, "settings.client_credentials.view"},
		{"cc add", func() error {
			_, err := none.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "x", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"})
			return err
		}, "settings.client_credentials.add"},
		{"cc edit", func() error {
			_, err := none.ClientCredentials.Update(bg, 1, client.ClientCredentialInput{Name: "x", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"})
			return err
		}, "settings.client_credentials.edit"},
		{"cc scopes", func() error { _, err := none.ClientCredentials.SetScopes(bg, 1, client.ScopesInput{}); return err }, "settings.client_credentials.edit_scopes"},
		{"cc reveal", func() error { _, err := none.ClientCredentials.RevealSecret(bg, 1); return err }, "settings.client_credentials.reveal_secret"},
		{"cc rotate", func() error { _, err := none.ClientCredentials.RotateSecret(bg, 1, 0); return err }, "settings.client_credentials.edit"},
		{"cc delete", func() error { return none.ClientCredentials.Delete(bg, 1) }, "settings.client_credentials.delete"},
		{"cc bulk", func() error { _, err := none.ClientCredentials.BulkDelete(bg, []int64{1}); return err }, "settings.client_credentials.delete"},
		{"audit", func() error { _, err := none.Audit.List(bg, client.AuditListOptions{}); return err }, "settings.client_credentials.view"},
		{"pam list", func() error { _, err := none.Credentials.List(bg, client.CredentialListOptions{}); return err }, "pam.credential.view"},
		{"pam reveal", func() error { _, err := none.Credentials.Get(bg, "1"); return err }, "pam.credential.reveal"},
		{"pam devices", func() error { _, err := none.Devices.List(bg); return err }, "pam.device.view"},
	}
	for _, c := range checks {
		err := c.call()
		if !client.IsForbidden(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: want 403 naming %s, got %v", c.name, c.want, err)
		}
	}
	var apiErr *client.APIError
	_, err := none.Credentials.List(bg, client.CredentialListOptions{})
	if !asAPIError(err, &apiErr) || apiErr.Code() != 1039 {
		t.Errorf("PAM Core refusal must carry code 1039: %v", err)
	}
	if _, err := none.Scopes.Catalogue(bg); err != nil {
		t.Errorf("the catalogue needs only a valid token: %v", err)
	}
}

func asAPIError(err error, target **client.APIError) bool {
	e, ok := err.(*client.APIError)
	if ok {
		*target = e
	}
	return ok
}

func TestTokenNeededAndTamperingRefused(t *testing.T) {
	env := testserver.Start(t)
	tok, err := env.Client.Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	users := env.URL + "/pam/apps/users/user/"
	if s, _, _ := rawCall(t, "GET", users, nil, nil); s != 401 {
		t.Fatalf("no token: %d", s)
	}
	parts := strings.Split(tok, ".")
	enc := base64.RawURLEncoding.EncodeToString
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	forged := strings.Replace(string(payload), `"scope":"`, `"scope":"extra.scope `, 1)
	cases := map[string]string{
		"alg none":         enc([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + ".",
		"HS384 header":     enc([]byte(`{"alg":"HS384","typ":"JWT"}`)) + "." + parts[1] + "." + parts[2],
		"RS256 header":     enc([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + parts[1] + "." + parts[2],
		"tampered payload": parts[0] + "." + enc([]byte(forged)) + "." + parts[2],
		"tampered sig":     parts[0] + "." + parts[1] + "." + enc([]byte("not the signature at all")),
		"garbage":          "abc.def",
		"HS384 signed":     signWith(t, jwt.SigningMethodHS384, payload),
		"HS256 other key":  signWithKey(t, payload, []byte("some other key of thirty-two bytes")),
	}
	for name, bad := range cases {
		s, h, _ := rawCall(t, "GET", users, nil, map[string]string{"Authorization": "Bearer " + bad})
		if s != 401 || !strings.Contains(h.Get("WWW-Authenticate"), "invalid_token") {
			t.Errorf("%s: %d %q", name, s, h.Get("WWW-Authenticate"))
		}
	}
	if s, _, _ := rawCall(t, "GET", users, nil, map[string]string{"Authorization": "Bearer " + tok}); s != 200 {
		t.Fatalf("the untampered token was refused: %d", s)
	}
}

func signWith(t *testing.T, m jwt.SigningMethod, payload []byte) string {
	var claims jwt.MapClaims
	json.Unmarshal(payload, &claims)
	s, err := jwt.NewWithClaims(m, claims).SignedString([]byte("k"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func signWithKey(t *testing.T, payload, key []byte) string {
	var claims jwt.MapClaims
	json.Unmarshal(payload, &claims)
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A server with a fixed signing key and a movable clock checks exp/nbf with 30 s leeway.
func TestExpiryAndNotBeforeWithLeeway(t *testing.T) {
	now := time.Now()
	st, err := store.Open(bg, filepath.Join(t.TempDir(), "pam.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, cid, secret, _ := st.Bootstrap(bg)
	srv, err := server.New(st, server.Options{Now: func() time.Time { return now }, TokenTTL: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptestServer(t, srv)
	_, j := formToken(t, ts, cid, secret)
	tok, _ := j["access_token"].(string)
	get := func() int {
		s, _, _ := rawCall(t, "GET", ts+"/pam/apps/users/user/", nil, map[string]string{"Authorization": "Bearer " + tok})
		return s
	}
	base := now
	now = base.Add(time.Minute + 20*time.Second)
	if s := get(); s != 200 {
		t.Fatalf("20 s past exp is within the leeway: %d", s)
	}
	now = base.Add(time.Minute + 40*time.Second)
	if s := get(); s != 401 {
		t.Fatalf("40 s past exp must be refused: %d", s)
	}
	now = base.Add(-20 * time.Second)
	if s := get(); s != 200 {
		t.Fatalf("20 s before nbf is within the leeway: %d", s)
	}
	now = base.Add(-40 * time.Second)
	if s := get(); s != 401 {
		t.Fatalf("40 s before nbf must be refused: %d", s)
	}
}

func TestDeletedClientAndRemovedScopeStopAtOnce(t *testing.T) {
	env := testserver.Start(t)
	c, cc := newClientWith(t, env, "short-lived", "users.user.view", "users.roles.view")
	if _, err := c.Resources.List(bg, "/pam/apps/roles/role/"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Client.ClientCredentials.SetScopes(bg, cc.ID, client.ScopesInput{Scopes: []string{"users.user.view"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Resources.List(bg, "/pam/apps/roles/role/"); !client.IsForbidden(err) {
		t.Fatalf("removed scope still works on a live token: %v", err)
	}
	if err := env.Client.ClientCredentials.Delete(bg, cc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Resources.List(bg, "/pam/apps/users/user/"); !client.IsUnauthorized(err) {
		t.Fatalf("deleted client's token still works: %v", err)
	}
}

func TestRateLimitWithoutLockingOutOthers(t *testing.T) {
	env := testserver.Start(t)
	other, _ := newClientWith(t, env, "other client")
	var limited http.Header
	n429 := 0
	// Keep hammering after the first 429: a client retrying in a loop must
	// stay limited without spending the budget of its address.
	for range 150 {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"cc_hammer"}, "client_secret": {"wrong"}}
		s, h, _ := rawCall(t, "POST", env.URL+"/iso/oauth2/token", strings.NewReader(form.Encode()),
			map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		if s == http.StatusTooManyRequests {
			limited, n429 = h, n429+1
		}
	}
	if limited == nil || limited.Get("Retry-After") == "" {
		t.Fatal("150 bad token requests for one client id were never limited with Retry-After")
	}
	if secs, err := strconv.Atoi(limited.Get("Retry-After")); err != nil || secs < 1 {
		t.Fatalf("Retry-After %q is not a positive number of seconds", limited.Get("Retry-After"))
	}
	if n429 < 50 {
		t.Fatalf("only %d of 150 requests limited", n429)
	}
	if _, err := other.Token(bg); err != nil {
		t.Fatalf("another client on the same address was locked out: %v", err)
	}
}

func TestBasicAuthCredentialsAreFormDecoded(t *testing.T) {
	env := testserver.Start(t)
	// RFC 6749 §2.3.1: id and secret are form-encoded before base64; "%63" is "c".
	id := "%63" + env.ClientID[1:]
	basic := base64.StdEncoding.EncodeToString([]byte(id + ":" + url.QueryEscape(env.Secret)))
	s, _, raw := rawCall(t, "POST", env.URL+"/iso/oauth2/token", strings.NewReader("grant_type=client_credentials"),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic})
	if s != 200 {
		t.Fatalf("form-encoded Basic credentials: %d %s", s, raw)
	}
	for _, style := range []oauth2.AuthStyle{oauth2.AuthStyleInHeader, oauth2.AuthStyleInParams} {
		cfg := clientcredentials.Config{ClientID: env.ClientID, ClientSecret: env.Secret, TokenURL: env.URL + "/api/oauth2/token", AuthStyle: style}
		if _, err := cfg.Token(bg); err != nil {
			t.Errorf("x/oauth2 with auth style %d: %v", style, err)
		}
	}
}

func TestJSONTokenRequestAndResponseShape(t *testing.T) {
	env := testserver.Start(t)
	body := `{"grant_type":"client_credentials","client_id":"` + env.ClientID + `","client_secret":"` + env.Secret + `"}`
	s, h, raw := rawCall(t, "POST", env.URL+"/iso/oauth2/token", strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
	var tok client.TokenResponse
	if err := json.Unmarshal(raw, &tok); err != nil || s != 200 || tok.TokenType != "Bearer" || tok.ExpiresIn != 3600 {
		t.Fatalf("JSON token request: %d %s", s, raw)
	}
	if h.Get("Cache-Control") != "no-store" {
		t.Errorf("token response Cache-Control %q, want no-store", h.Get("Cache-Control"))
	}
	parts := strings.Split(tok.AccessToken, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", tok.AccessToken)
	}
	head, _ := base64.RawURLEncoding.DecodeString(parts[0])
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var hdr map[string]any
	var claims map[string]any
	json.Unmarshal(head, &hdr)
	json.Unmarshal(payload, &claims)
	if hdr["alg"] != "HS256" {
		t.Errorf("alg %v", hdr["alg"])
	}
	for _, k := range []string{"sub", "cid", "name", "customer", "scope", "iat", "nbf", "exp", "jti"} {
		if _, ok := claims[k]; !ok {
			t.Errorf("claim %q missing: %v", k, claims)
		}
	}
	if claims["sub"] != env.ClientID || claims["customer"] != "10001" || claims["name"] != "Default Client Credential" {
		t.Errorf("claims: %v", claims)
	}
	if exp, iat := claims["exp"].(float64), claims["iat"].(float64); exp-iat != 3600 {
		t.Errorf("exp - iat = %v, want 3600 (numeric dates)", exp-iat)
	}
	if sc, _ := claims["scope"].(string); strings.Join(strings.Fields(sc), " ") != strings.Join(store.AllScopes(), " ") {
		t.Errorf("scope claim is not the space-separated scope list: %v", claims["scope"])
	}
}

func TestMissingTokenChallenges(t *testing.T) {
	env := testserver.Start(t)
	s, h, raw := rawCall(t, "GET", env.URL+"/pam/apps/settings/scopes/", nil, nil)
	if s != 401 || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") || strings.Contains(h.Get("WWW-Authenticate"), "invalid_token") {
		t.Fatalf("no token: %d %q %s", s, h.Get("WWW-Authenticate"), raw)
	}
	s, _, _ = rawCall(t, "GET", env.URL+"/pam/apps/users/user/", nil, map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("a:b"))})
	if s != 401 {
		t.Fatalf("Basic credentials on a protected endpoint: %d", s)
	}
}

func TestScopeCatalogue(t *testing.T) {
	env := testserver.Start(t)
	cat, err := env.Client.Scopes.Catalogue(bg)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	keys := map[string]bool{}
	for _, g := range cat.Groups {
		labels = append(labels, g.Label)
		for _, sc := range g.Scopes {
			if keys[sc.Key] || sc.Label == "" {
				t.Errorf("scope %q duplicated or unlabelled", sc.Key)
			}
			keys[sc.Key] = true
			if sc.Default != strings.HasSuffix(sc.Key, ".view") && sc.Key != "miscellaneous.ticket.view_ticket" {
				t.Errorf("%s: default %v, want defaults to be exactly the view scopes", sc.Key, sc.Default)
			}
		}
	}
	wantGroups := []string{"User Management", "Role Management", "Asset Management", "System Users", "Group Management",
		"Application Management", "Miscellaneous", "Client Credentials", "PAM Core Credentials", "PAM Core Devices",
		"PAM Core SSH Keys", "PAM Core Protected Information"}
	if strings.Join(labels, "|") != strings.Join(wantGroups, "|") {
		t.Errorf("groups %v, want %v", labels, wantGroups)
	}
	for _, k := range []string{
		"users.user.view", "users.user.add", "users.user.edit", "users.user.delete",
		"users.roles.view", "users.roles.add", "users.roles.edit", "users.roles.delete",
		"assets.view", "assets.add", "assets.edit", "assets.delete",
		"system_user.view", "system_user.add", "system_user.edit", "system_user.delete", "system_user.rotate_password",
		"groups.view", "groups.add", "groups.edit", "groups.delete",
		"apps.view", "apps.add", "apps.edit", "apps.delete", "miscellaneous.ticket.view_ticket",
		"settings.client_credentials.view", "settings.client_credentials.add", "settings.client_credentials.edit",
		"settings.client_credentials.edit_scopes", "settings.client_credentials.delete", "settings.client_credentials.reveal_secret",
		"pam.credential.view", "pam.credential.add", "pam.credential.edit", "pam.credential.deactivate",
		"pam.credential.reveal", "pam.credential.release_custody",
		"pam.device.view", "pam.device.add", "pam.device.edit", "pam.device.deactivate",
	} {
		if !keys[k] {
			t.Errorf("scope %s missing from the catalogue", k)
		}
	}
}

func TestSecretsAreEncryptedAtRest(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(bg, filepath.Join(dir, "pam.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, secret, _ := st.Bootstrap(bg)
	_, secret2, err := st.CreateClientCredential(bg, store.Actor{}, store.ClientCredentialInput{Name: "x", ValidFrom: time.Now(), ValidTill: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"pam.db", "pam.db-wal"} {
		raw, _ := os.ReadFile(filepath.Join(dir, f))
		for _, s := range []string{secret, secret2} {
			if bytes.Contains(raw, []byte(s)) {
				t.Fatalf("%s holds a client secret in clear", f)
			}
		}
	}
	st.Close()
	fi, err := os.Stat(filepath.Join(dir, "pam.db.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", err, fi)
	}
	os.Chmod(filepath.Join(dir, "pam.db.key"), 0o644)
	if _, err := store.Open(bg, filepath.Join(dir, "pam.db"), store.Options{}); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a world-readable key file must be refused: %v", err)
	}
}

// A rotation revokes the tokens of the secret it replaces: at once, or, with
// grace_seconds, when the grace period ends — and a token issued with the
// old secret during the grace period never outlives it.
func TestRotationRevokesTheOldSecretsTokens(t *testing.T) {
	env := testserver.Start(t)
	_, cc := newClientWith(t, env, "rotating", "users.user.view")
	token := func(secret string) (string, float64) {
		t.Helper()
		status, body := formToken(t, env.URL, cc.ClientID, secret)
		if status != 200 {
			t.Fatalf("token: %d %v", status, body)
		}
		return body["access_token"].(string), body["expires_in"].(float64)
	}
	works := func(tok string) bool {
		status, _, _ := rawCall(t, "GET", env.URL+"/pam/apps/users/user/", nil, map[string]string{"Authorization": "Bearer " + tok})
		return status == 200
	}
	rotate := func(body string) (int, client.ClientCredential, []byte) {
		t.Helper()
		status, _, raw := rawCall(t, "POST", env.URL+"/pam/apps/settings/client-credentials/"+strconv.FormatInt(cc.ID, 10)+"/rotate-secret/",
			strings.NewReader(body), map[string]string{"Authorization": "Bearer " + adminToken(t, env), "Content-Type": "application/json"})
		var out client.ClientCredential
		json.Unmarshal(raw, &out)
		return status, out, raw
	}

	tok0, _ := token(cc.ClientSecret)
	if !works(tok0) {
		t.Fatal("a fresh token does not work")
	}
	status, r1, raw := rotate(``)
	if status != 200 || r1.PreviousSecretValidUntil != nil {
		t.Fatalf("rotate: %d %s", status, raw)
	}
	if works(tok0) {
		t.Fatal("the old secret's token works after a rotation without grace")
	}
	tok1, _ := token(r1.ClientSecret)

	status, r2, raw := rotate(`{"grace_seconds": 120}`)
	if status != 200 || r2.PreviousSecretValidUntil == nil || time.Until(*r2.PreviousSecretValidUntil) > 121*time.Second {
		t.Fatalf("rotate with grace: %d %s", status, raw)
	}
	if !works(tok1) {
		t.Fatal("the replaced secret's token stopped inside the grace period")
	}
	tokOld, ttl := token(r1.ClientSecret)
	if !works(tokOld) || ttl > 120 {
		t.Fatalf("a token of the replaced secret during grace: works=%v expires_in=%v (grace 120 s)", works(tokOld), ttl)
	}
	tok2, _ := token(r2.ClientSecret)
	if !works(tok2) {
		t.Fatal("the new secret's token")
	}
	if status, _, _ := rotate(``); status != 200 || works(tok1) || works(tokOld) || works(tok2) {
		t.Fatalf("a rotation without grace left older tokens working (status %d)", status)
	}

	status, _, raw = rawCall(t, "POST", env.URL+"/pam/apps/settings/client-credentials/"+strconv.FormatInt(cc.ID, 10)+"/rotate-secret/",
		strings.NewReader("grace_seconds=60"), map[string]string{"Authorization": "Bearer " + adminToken(t, env), "Content-Type": "application/x-www-form-urlencoded"})
	if status != 200 || !strings.Contains(string(raw), "previous_secret_valid_until") {
		t.Fatalf("rotate with a form body: %d %s", status, raw)
	}
	for _, bad := range []string{`{"grace_seconds": -1}`, `{"grace_seconds": 604801}`, `{"grace_seconds": "soon"}`, `{"grace_seconds": 1.5}`} {
		status, _, raw := rotate(bad)
		if status != 400 || !strings.Contains(string(raw), "grace_seconds") {
			t.Errorf("%s: want 400 naming grace_seconds, got %d %s", bad, status, raw)
		}
	}
}

// adminToken is a token of the test server's default (all scopes) credential.
func adminToken(t *testing.T, env *testserver.Env) string {
	t.Helper()
	status, body := formToken(t, env.URL, env.ClientID, env.Secret)
	if status != 200 {
		t.Fatalf("admin token: %d %v", status, body)
	}
	return body["access_token"].(string)
}
