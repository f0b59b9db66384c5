package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/internal/vendorfake"
)

// Decoding the vendor's documented bodies (client/testdata/vendor, written
// from PAMCORE-VENDOR.md, not produced by our server) through client/.

const vendorFixtures = "testdata/vendor"

func vendorClient(t *testing.T, override map[string]string, opts ...Option) (*Client, *vendorfake.Server) {
	t.Helper()
	f := vendorfake.Start(t, vendorFixtures, override)
	c, err := New(f.URL, "a2a-client-id", "a2a-secret", opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

// Issue 14 §1: a token that is not a JWT used to fail Identity ("access
// token is not a JWT"), so the console exited before it opened.
func TestVendorOpaqueTokenIdentity(t *testing.T) {
	c, _ := vendorClient(t, nil)
	id, err := c.Identity(context.Background())
	if err != nil || id.ClientID != "a2a-client-id" || id.Name != "a2a-client-id" || id.ScopesKnown {
		t.Fatalf("opaque token: %v %+v", err, id)
	}
}

// The vendor's JWT-shaped sample: sub/aud and a scopes array.
func TestVendorJWTClaims(t *testing.T) {
	tok := "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." +
		b64(`{"aud":"a2a-client-id","jti":"x","iat":1,"nbf":1,"exp":3601,"sub":"","scopes":["pam.credential.view"]}`) + ".sig"
	id, ok := parseIdentity(tok)
	if !ok || id.ClientID != "a2a-client-id" || !id.HasScope("pam.credential.view") {
		t.Fatalf("vendor claims: %v %+v", ok, id)
	}
}

// Devices: no active field means active; the vendor's names are read and sent.
func TestVendorDevicesDecodeAndUpsertNames(t *testing.T) {
	c, f := vendorClient(t, nil)
	ctx := context.Background()
	l, err := c.Devices.List(ctx)
	if err != nil || len(l.Devices) != 2 || !l.Devices[0].IsActive() || l.Devices[0].TagList() != "tag001" {
		t.Fatalf("list: %v %+v", err, l)
	}
	d, err := c.Devices.Get(ctx, "14")
	if err != nil || d.DeviceDomain != "testlab.com" || d.Connectivities != "HTTP:80, SSH:22" ||
		d.SessionRemoteConfig != "HTTP::" || d.TagList() != "test" || !d.IsActive() {
		t.Fatalf("get: %v %+v", err, d)
	}
	r, err := c.Devices.Upsert(ctx, DeviceUpsert{Hostname: "w2016", IP: "10.66.33.15", Type: "Server", Vendor: "Microsoft",
		Model: "Windows Server 2016", Site: "Matriz", DeviceDomain: "demo.lab.com", DeviceTags: "test"})
	if err != nil || r.Created() || r.Device.DeviceDomain != "demo.lab.com" {
		t.Fatalf("upsert: %v %+v", err, r)
	}
	var sent map[string]any
	reqs := f.Requests()
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &sent); err != nil {
		t.Fatal(err)
	}
	if sent["device_domain"] != "demo.lab.com" || sent["device_tags"] != "test" || sent["domain"] != nil || sent["tags"] != nil {
		t.Fatalf("the upsert must use the vendor's field names: %v", sent)
	}
}

// Zoneless change/view keep the server's wall clock (they used to be read
// as UTC and shifted by the viewer's offset: a day later in Tokyo).
func TestVendorZonelessTimes(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no zoneinfo")
	}
	c, _ := vendorClient(t, nil)
	l, err := c.Credentials.List(context.Background(), CredentialListOptions{})
	if err != nil || len(l.Credentials) != 2 {
		t.Fatalf("list: %v", err)
	}
	change := l.Credentials[0].Change.Time
	shown, zoned := c.DisplayTime(change, tokyo)
	if zoned || shown.Format("2006-01-02 15:04:05") != "2024-05-03 16:19:53" {
		t.Fatalf("without server_time_zone a zoneless time is shown as given: %v %v", shown, zoned)
	}
	if exp, zoned := c.DisplayTime(l.Credentials[0].Expiration.Time, time.UTC); !zoned || exp.Format(time.RFC3339) != "2024-05-16T20:31:31Z" {
		t.Fatalf("a time with a zone converts: %v", exp)
	}
	sp, _ := time.LoadLocation("America/Sao_Paulo")
	c2, _ := vendorClient(t, nil, WithServerTimeZone(sp))
	l, _ = c2.Credentials.List(context.Background(), CredentialListOptions{})
	shown, zoned = c2.DisplayTime(l.Credentials[0].Change.Time, time.UTC)
	if !zoned || shown.Format("2006-01-02 15:04:05") != "2024-05-03 19:19:53" {
		t.Fatalf("with server_time_zone America/Sao_Paulo: %v %v", shown, zoned)
	}
	if l.Credentials[1].Type != SSHKeyType {
		t.Fatalf("keys are listed as credentials: %+v", l.Credentials[1])
	}
}

func TestVendorKeysAndInfoDecode(t *testing.T) {
	c, _ := vendorClient(t, nil)
	ctx := context.Background()
	k, err := c.Keys.Get(ctx, "39")
	if err != nil || k.Tags != "tag1,tag2,tag3" || k.Password != nil || k.PrivateKey == nil || !strings.HasPrefix(k.PublicKey, "ssh-ed25519") ||
		len(k.Devices) != 1 || k.ExpirationTime.IsZero() {
		t.Fatalf("key: %v %+v", err, k)
	}
	r, err := c.Keys.Upsert(ctx, SSHKeyUpsert{Identifier: "sshkey0", Hostname: "API device test", IP: "10.66.33.20", PublicKey: "p", PrivateKey: "k"})
	if err != nil || !r.Created() || r.Key.Tag != "sshkey0" || r.Key.ID != "92" {
		t.Fatalf("key create: %v %+v", err, r)
	}
	it, err := c.Info.Get(ctx, "28")
	if err != nil || it.Ref() != "" || it.Content == nil || it.Type != "Access credential" || !it.IsActive() {
		t.Fatalf("info: %v %+v", err, it)
	}
	cr, err := c.Info.Create(ctx, InfoCreate{Name: "Office Wi-Fi", Content: "x"})
	if err != nil || cr.Response.Status != 201 || cr.Info.Ref() != "office-wifi" {
		t.Fatalf("info create: %v %+v", err, cr)
	}
	if _, err := c.Info.List(ctx, InfoListOptions{}); err == nil {
		t.Fatal("the vendor has no info list: the call must fail so the console offers open-by-id")
	}
}

// Token errors in the vendor's shape give the server's reason.
func TestVendorTokenErrorReason(t *testing.T) {
	c, _ := vendorClient(t, map[string]string{"POST /iso/oauth2/token": "token_error.json@401"})
	_, err := c.Token(context.Background())
	e, ok := AsAPIError(err)
	if !ok || e.Message != "Client authentication failed." {
		t.Fatalf("token error: %v", err)
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
