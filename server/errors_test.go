package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// Paths of each API family (API.md): every error answer under them must
// come in that family's envelope, whoever wrote it (handler, auth,
// middleware, the mux).
var (
	pamPaths   = []string{"/iso/pam/credential", "/api/pam/credential", "/iso/pam/device"}
	drfPaths   = []string{"/pam/apps/settings/client-credentials/"}
	oauthPaths = []string{"/iso/oauth2/token", "/api/oauth2/token", "/pam/apps/authenticate/oauth/token-generation/"}
)

// checkEnvelope fails unless body is status's error in fam's envelope:
// "pam" (the vendor's: error_code/cod_erro 1, the 10xx code only in
// exception.code), "drf" ({"detail"}) or "oauth" (RFC 6749 §5.2 + message).
func checkEnvelope(t *testing.T, what, fam string, status int, body []byte, code pamcode.Code) {
	t.Helper()
	var j map[string]any
	if err := json.Unmarshal(body, &j); err != nil {
		t.Fatalf("%s: body is not JSON: %q", what, body)
	}
	switch fam {
	case "pam":
		var r client.PAMReply
		json.Unmarshal(body, &r)
		e := r.Response
		if r.Code != status || e.Status != status || !e.Error || !e.Erro || e.ErrorCode != 1 || e.CodErro != 1 || e.Message == "" || e.Mensagem != e.Message {
			t.Errorf("%s: not the PAM error envelope for %d: %s", what, status, body)
		}
		if code != 0 && (r.Exception == nil || r.Exception.Code != int(code) || r.Exception.Message != e.Message || pamcode.Prefix(e.Message) != code) {
			t.Errorf("%s: want exception.code %d in front of the message: %s", what, code, body)
		}
		if status == 500 && (r.Exception == nil || r.Exception.Code != 500 || !strings.HasPrefix(e.Message, "Unexpected error")) {
			t.Errorf("%s: want the vendor's 500 (Unexpected error, exception 500): %s", what, body)
		}
	case "drf":
		if d, _ := j["detail"].(string); d == "" || j["response"] != nil || j["error"] != nil {
			t.Errorf("%s: not a DRF error: %s", what, body)
		}
		if status == 500 && j["request_id"] == nil {
			t.Errorf("%s: a 500 must name the request id: %s", what, body)
		}
	case "oauth":
		e, _ := j["error"].(string)
		d, _ := j["error_description"].(string)
		if e == "" || d == "" || j["message"] != d || j["response"] != nil || j["detail"] != nil {
			t.Errorf("%s: not an RFC 6749 error with message: %s", what, body)
		}
	}
}

func families() map[string][]string {
	return map[string][]string{"pam": pamPaths, "drf": drfPaths, "oauth": oauthPaths}
}

// A body over 1 MiB is 413 in every family: refused by the middleware from
// its Content-Length, or found while reading a chunked body.
func TestBodyLimitAnswersInEachFamily(t *testing.T) {
	env := testserver.Start(t)
	tok, err := env.Client.Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	big := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	for fam, paths := range families() {
		for _, p := range paths {
			hdr := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + tok}
			status, _, body := rawCall(t, "POST", env.URL+p, strings.NewReader(big), hdr)
			if status != 413 {
				t.Errorf("POST %s (Content-Length): %d, want 413", p, status)
			}
			checkEnvelope(t, "413 "+p, fam, 413, body, 0)
			// io.MultiReader hides the length: the body is sent chunked.
			status, _, body = rawCall(t, "POST", env.URL+p, io.MultiReader(strings.NewReader(big)), hdr)
			if status != 413 {
				t.Errorf("POST %s (chunked): %d, want 413", p, status)
			}
			checkEnvelope(t, "413 chunked "+p, fam, 413, body, 0)
		}
	}
}

// A panic in a handler is a 500 in the family's envelope, naming the
// request id; the server keeps serving.
func TestPanicAnswersInEachFamily(t *testing.T) {
	env := testserver.Start(t)
	boom := env.Server.WrapForTest(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	ts := httptest.NewServer(boom)
	defer ts.Close()
	for fam, paths := range families() {
		for _, p := range paths {
			status, hdr, body := rawCall(t, "POST", ts.URL+p, strings.NewReader("{}"), nil)
			if status != 500 || hdr.Get("X-Request-Id") == "" {
				t.Errorf("POST %s: %d (request id %q), want 500 with an id", p, status, hdr.Get("X-Request-Id"))
			}
			checkEnvelope(t, "500 "+p, fam, 500, body, 0)
			if !strings.Contains(string(body), hdr.Get("X-Request-Id")) {
				t.Errorf("500 %s does not name its request id: %s", p, body)
			}
		}
	}
}

// The mux's 404 and 405 and the auth refusals answer in the family's envelope.
func TestRoutingAndAuthErrorsAnswerInEachFamily(t *testing.T) {
	env := testserver.Start(t)
	cases := []struct {
		fam, method, path string
		status            int
	}{
		{"pam", "GET", "/api/pam/nothing-here", 404},
		{"pam", "GET", "//iso/pam/nothing-here", 404},
		{"pam", "PATCH", "/iso/pam/credential", 405},
		{"pam", "GET", "/iso/pam/credential", 401},
		{"drf", "GET", "/pam/apps/nothing-here/", 404},
		{"drf", "PATCH", "/pam/apps/settings/client-credentials/", 405},
		{"drf", "GET", "/pam/apps/settings/client-credentials/", 401},
		{"oauth", "GET", "/iso/oauth2/token", 405},
		{"oauth", "GET", "/pam/apps/autheticate/oauth/token-generation/", 405},
	}
	for _, c := range cases {
		status, hdr, body := rawCall(t, c.method, env.URL+c.path, nil, nil)
		if status != c.status {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, status, c.status)
		}
		if c.status == 405 && hdr.Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", c.method, c.path)
		}
		checkEnvelope(t, c.method+" "+c.path, c.fam, c.status, body, 0)
	}
	_, _, body := rawCall(t, "GET", env.URL+"/iso/pam/nothing", nil, nil)
	if !strings.Contains(string(body), "Resource sub not found") {
		t.Errorf("unknown PAM Core route: want seed 001's message: %s", body)
	}
}

// A PAM Core call lacking its scope is the vendor's 400 with 1039 (the
// message names the scope); the admin API keeps 403. The client sees both
// as IsForbidden and reads the code.
func TestMissingScopeIs1039InPAMCore(t *testing.T) {
	env := testserver.Start(t)
	none, _ := newClientWith(t, env, "no scopes")
	tok, err := none.Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	status, _, body := rawCall(t, "GET", env.URL+"/iso/pam/credential", nil, map[string]string{"Authorization": "Bearer " + tok})
	if status != 400 || !strings.Contains(string(body), "pam.credential.view") {
		t.Errorf("PAM Core without scope: %d %s, want 400 naming the scope", status, body)
	}
	checkEnvelope(t, "1039", "pam", 400, body, pamcode.Forbidden)
	_, err = none.Credentials.List(bg, client.CredentialListOptions{})
	if e, ok := client.AsAPIError(err); !ok || e.Code() != pamcode.Forbidden || !e.IsForbidden() {
		t.Errorf("client: %v, want IsForbidden with Code 1039", err)
	}
	status, _, body = rawCall(t, "GET", env.URL+"/pam/apps/settings/client-credentials/", nil, map[string]string{"Authorization": "Bearer " + tok})
	if status != 403 {
		t.Errorf("admin API without scope: %d, want 403", status)
	}
	checkEnvelope(t, "403", "drf", 403, body, 0)
}

// Vendor envelope facts (PAMCORE-VENDOR.md §1.2, §8): a coded error has
// error_code 1 and the code only in exception; 1043's text is verbatim;
// the token refusal carries a message.
func TestVendorErrorEnvelopeFacts(t *testing.T) {
	env := testserver.Start(t)
	tok, err := env.Client.Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": "Bearer " + tok}
	status, _, body := rawCall(t, "GET", env.URL+"/iso/pam/credential/no-such-credential", nil, auth)
	if status != 400 {
		t.Errorf("unknown credential: %d", status)
	}
	checkEnvelope(t, "1007", "pam", 400, body, pamcode.CredentialNotFound)

	user := "svc"
	up, err := env.Client.Credentials.Upsert(bg, client.CredentialUpsert{Identifier: "errtable-1043", Username: &user, Hostname: "h1043", IP: "10.0.0.43", Content: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	status, _, body = rawCall(t, "PUT", env.URL+"/iso/pam/credential/"+string(up.Credential.ID), nil, auth)
	var r client.PAMReply
	json.Unmarshal(body, &r)
	if status != 400 || r.Response.Message != "1043: Credential is already activated!" {
		t.Errorf("activating an active credential: %d %q, want the vendor's text", status, r.Response.Message)
	}
	checkEnvelope(t, "1043", "pam", 400, body, pamcode.CredentialAlreadyActive)

	status, _, body = formTokenRaw(t, env.URL, env.ClientID, "wrong-secret")
	if status != 401 {
		t.Errorf("wrong secret: %d", status)
	}
	checkEnvelope(t, "token refusal", "oauth", 401, body, 0)
}

func formTokenRaw(t *testing.T, base, cid, secret string) (int, http.Header, []byte) {
	t.Helper()
	return rawCall(t, "POST", base+"/iso/oauth2/token",
		strings.NewReader("grant_type=client_credentials&client_id="+cid+"&client_secret="+secret),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

// A database failure while checking a token is the server's 500 in the
// family's envelope, not a 401 that tells the client its token is bad.
func TestStoreFailureDuringAuthIs500(t *testing.T) {
	env := testserver.Start(t)
	tok, err := env.Client.Token(bg)
	if err != nil {
		t.Fatal(err)
	}
	env.Store.Close()
	for fam, p := range map[string]string{"pam": "/iso/pam/credential", "drf": "/pam/apps/settings/client-credentials/"} {
		status, _, body := rawCall(t, "GET", env.URL+p, nil, map[string]string{"Authorization": "Bearer " + tok})
		if status != 500 {
			t.Errorf("GET %s with the database closed: %d, want 500: %s", p, status, body)
		}
		checkEnvelope(t, "closed store "+p, fam, 500, body, 0)
	}
}
