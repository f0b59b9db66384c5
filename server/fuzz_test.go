package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

// fuzzServer is one server for a whole fuzz run, called in-process.
type fuzzServer struct {
	h           http.Handler
	token       string
	cid, secret string
}

func newFuzzServer(f *testing.F) *fuzzServer {
	st, err := store.Open(bg, filepath.Join(f.TempDir(), "pam.db"), store.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	_, cid, secret, err := st.Bootstrap(bg)
	if err != nil {
		f.Fatal(err)
	}
	srv, err := server.New(st, server.Options{TokenRate: 1e9, TokenBurst: 1e9})
	if err != nil {
		f.Fatal(err)
	}
	fs := &fuzzServer{h: srv.Handler(), cid: cid, secret: secret}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {cid}, "client_secret": {secret}}
	rec := fs.do("POST", "/iso/oauth2/token", "application/x-www-form-urlencoded", form.Encode(), "")
	var tok client.TokenResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || tok.AccessToken == "" {
		f.Fatalf("no token: %s", rec.Body)
	}
	fs.token = tok.AccessToken
	return fs
}

func (fs *fuzzServer) do(method, path, contentType, body, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	fs.h.ServeHTTP(rec, req)
	return rec
}

// checkSane fails on a 5xx, and on a body that is not JSON.
func checkSane(t *testing.T, rec *httptest.ResponseRecorder, secret string) {
	t.Helper()
	if rec.Code >= 500 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if rec.Body.Len() > 0 && !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("answer is not JSON: %q", rec.Body)
	}
	if secret != "" && strings.Contains(rec.Body.String(), secret) {
		t.Fatalf("answer echoes the client secret")
	}
}

func FuzzTokenRequest(f *testing.F) {
	fs := newFuzzServer(f)
	f.Add("application/json", `{"grant_type":"client_credentials","client_id":"your_client_id","client_secret":"your_client_secret","customer":"10001"}`)
	f.Add("application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=x&client_secret=y")
	f.Add("application/x-www-form-urlencoded", "grant_type=password&%zz")
	f.Add("", `{"grant_type":5}`)
	f.Add("multipart/form-data", "--x")
	f.Add("text/plain", "\x00\xff")
	f.Fuzz(func(t *testing.T, contentType, body string) {
		for _, path := range []string{"/iso/oauth2/token", "/pam/apps/autheticate/oauth/token-generation/"} {
			rec := fs.do("POST", path, contentType, body, "")
			checkSane(t, rec, fs.secret)
			if rec.Code == 200 && !strings.Contains(body, fs.secret) {
				t.Fatalf("a token without the secret: %q", body)
			}
		}
	})
}

func FuzzUpsertCredential(f *testing.F) {
	fs := newFuzzServer(f)
	f.Add("application/json", `{"identifier":"dyaihdppaj78a547","username":"username","hostname":"w2016","ip":"10.66.33.15","content":"blfjahbnaihdaa","tags":"social"}`)
	f.Add("application/json", `{"username":"newusername","hostname":"w2016","ip":"10.66.33.15","content":"blfjahbnaihdaa","identifier":"","tags":"social"}`)
	f.Add("application/json", `{"username":"usernametest","hostname":"API-Testing","ip":"128.0.0.1","execution_settings":{"automatic_change":true,"change_plugin":"SSH"}}`)
	f.Add("application/json", `{"username":"API_CREDENTIAL_3","hostname":"API_DEVICE_1","ip":"localhost","jit_settings":{"jit":true,"credential_creation_plugin":"SSH"}}`)
	f.Add("application/x-www-form-urlencoded", "ip=10.1.1.1&hostname=form-host&type=Local+User&username=formuser&identifier=form-cred&content=f0rm")
	f.Add("application/json", `{"username":5,"hostname":[],"ip":{}}`)
	f.Add("application/json", `{"device_domain":"nope","username":"u","hostname":"h","ip":"1.2.3.4"}`)
	f.Fuzz(func(t *testing.T, contentType, body string) {
		rec := fs.do("POST", "/api/pam/credential", contentType, body, fs.token)
		checkSane(t, rec, "")
		var reply client.PAMReply
		if err := json.Unmarshal(rec.Body.Bytes(), &reply); err != nil {
			t.Fatalf("not a PAM reply: %s", rec.Body)
		}
		if failed := rec.Code >= 400; reply.Response.Error != failed || reply.Response.Erro != failed {
			t.Fatalf("envelope error flag %v for status %d", reply.Response.Error, rec.Code)
		}
	})
}

var identifierRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

func FuzzIdentifier(f *testing.F) {
	fs := newFuzzServer(f)
	for _, s := range []string{"dyaihdppaj78a547", "018fe9a6-541d-7380-99b6-56051b71a475", "bad id!", "a/b", "..", "é", "x\x00y", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ident string) {
		body, _ := json.Marshal(map[string]string{"identifier": ident, "username": "fuzz", "hostname": "fuzz-host", "ip": "10.0.0.1", "content": "pw"})
		rec := fs.do("POST", "/api/pam/credential", "application/json", string(body), fs.token)
		checkSane(t, rec, "")
		trimmed := strings.TrimSpace(ident) // the server trims, as it does every field
		valid := trimmed == "" || identifierRE.MatchString(trimmed) && trimmed != "." && trimmed != ".."
		ok := rec.Code == 200 || rec.Code == 201
		if ok && !valid {
			t.Fatalf("identifier %q accepted", ident)
		}
		if !ok && valid && len(ident) <= 100 {
			t.Fatalf("valid identifier %q refused: %d %s", ident, rec.Code, rec.Body)
		}
		if !ok && !valid && !strings.Contains(rec.Body.String(), "1053") && len(ident) <= 100 {
			t.Fatalf("invalid identifier %q: want code 1053, got %s", ident, rec.Body)
		}
		if ok {
			var reply client.CredentialUpsertReply
			json.Unmarshal(rec.Body.Bytes(), &reply)
			if trimmed != "" && reply.Credential.Identifier != trimmed {
				t.Fatalf("identifier changed: %q → %q", ident, reply.Credential.Identifier)
			}
			get := fs.do("GET", "/iso/pam/credential/"+url.PathEscape(reply.Credential.Identifier), "", "", fs.token)
			if get.Code != 200 {
				t.Fatalf("created %q but cannot read it back: %d %s", reply.Credential.Identifier, get.Code, get.Body)
			}
		}
	})
}

// FuzzPAMKeyInfoDevice sends arbitrary bodies to the SSH key, protected
// information and device upserts (issue 14): never a 500, always the
// envelope, whatever the keys, devices list or connectivities hold.
func FuzzPAMKeyInfoDevice(f *testing.F) {
	fs := newFuzzServer(f)
	f.Add(0, `{"identifier":"k1","hostname":"h","ip":"1.2.3.4","public_key":"ssh-ed25519 AAAA x","private_key":"P","devices":[{"hostname":"h2"}],"enabled":false}`)
	f.Add(0, `{"identifier":"k1","devices":"[{\"hostname\":1}]","password":"p"}`)
	f.Add(1, `{"name":"n","content":"c","identifier":"i-1","type":"Access credential"}`)
	f.Add(1, `{"content":""}`)
	f.Add(2, `{"hostname":"d","ip":"1.1.1.1","type":"t","vendor":"v","model":"m","site":"s","connectivities":"SSH:22, HTTPS:443,RDP"}`)
	f.Add(2, `{"hostname":"d","ip":"1.1.1.1","type":"t","vendor":"v","model":"m","site":"s","connectivities":":0,SSH:99999"}`)
	paths := []string{"/api/pam/key", "/api/pam/info", "/api/pam/device"}
	f.Fuzz(func(t *testing.T, which int, body string) {
		path := paths[(which%len(paths)+len(paths))%len(paths)]
		rec := fs.do("POST", path, "application/json", body, fs.token)
		checkSane(t, rec, "")
		var reply client.PAMReply
		if err := json.Unmarshal(rec.Body.Bytes(), &reply); err != nil {
			t.Fatalf("%s: not a PAM reply: %s", path, rec.Body)
		}
	})
}
