package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// hostile is what a compromised PAM server appends to every text it sends:
// a title change (OSC 0), a clipboard write (OSC 52), a screen clear, a
// colour change, an 8-bit CSI and a right-to-left override.
const hostile = "\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31;5;7m\u009b2J\u202eX"

// hostileProxy serves env's API but appends hostile to every text value of
// every JSON answer (not to tokens, keys, links, numbers or dates, which
// the console needs intact to work at all).
func hostileProxy(t *testing.T, env *testserver.Env) string {
	t.Helper()
	h := env.Server.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		var v any
		if !strings.Contains(r.URL.Path, "token") && json.Unmarshal(body, &v) == nil {
			if b, err := json.Marshal(poison("", v)); err == nil {
				body = b
			}
		}
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		w.Write(body)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// keep are the fields the console needs as sent to keep working.
var keep = map[string]bool{"access_token": true, "token_type": true, "scope": true, "scopes": true, "key": true,
	"next": true, "previous": true, "id": true, "client_secret": true, "password": true, "content": true}

func poison(key string, v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = poison(k, e)
		}
	case []any:
		for i, e := range x {
			x[i] = poison(key, e)
		}
	case string:
		if keep[key] || !strings.ContainsFunc(x, unicode.IsLetter) {
			return x
		}
		if _, err := client.ParseFlexTime(x, nil); err == nil {
			return x
		}
		return x + hostile
	}
	return v
}

// Only the renderer's own sequences may appear: with the ASCII profile the
// console never styles with SGR, so any CSI …m, OSC, BEL, 8-bit C1 or bidi
// control in the output came from the server.
var injected = regexp.MustCompile("\x1b\\]|\x07|\x1b\\[[0-9;]*m|\u009b|\u009d|\u202e")

// Issue 17 §2: a server hostname such as "db01<ESC>]0;TITLE<BEL><ESC>[2J"
// retitled and cleared the terminal from the Credentials detail pane. Every
// screen and dialog of the screenshot tour is drawn with hostile text in
// every field the server sends (and in the profile and URL from the
// config); no frame may carry an escape sequence that is not the
// console's own, and the marker must show that the text was drawn.
func TestHostileServerTextNeverReachesTheTerminal(t *testing.T) {
	shots := append(readShots(t),
		shot{name: "credential-edit-form", keys: "2 e"},
		shot{name: "credential-deactivate-confirm", keys: "2 d"},
		shot{name: "client-credential-edit-form", keys: "j j e"},
		shot{name: "client-credential-delete-confirm", keys: "j j d"},
		shot{name: "device-edit-form", keys: "3 e"},
		shot{name: "device-deactivate-confirm", keys: "3 d"},
		shot{name: "audit-filter", keys: "4 / o"},
		shot{name: "protected-information", keys: "5"},
		shot{name: "messages", keys: "!"},
	)
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			env := testserver.Start(t, testserver.WithDemo(42, 60, 12))
			if err := seedDemoClientCredentials(t.Context(), env.Client, time.Now()); err != nil {
				t.Fatal(err)
			}
			url := hostileProxy(t, env)
			c, err := client.New(url, env.ClientID, env.Secret)
			if err != nil {
				t.Fatal(err)
			}
			p := consoleParams{client: c, profile: "prof" + hostile, url: url + "/" + hostile}
			con := startTestConsole(t, p, &frames{}, nil)
			defer con.stop()
			if !con.app.settle(0) {
				t.Fatalf("the console never settled; last output:\n%q", tail(con.out.String(), 2000))
			}
			for i, k := range tmuxKeys(s.keys) {
				con.prog.Send(k)
				if !con.app.settle(int64(i + 1)) {
					t.Fatalf("busy after key %d", i+1)
				}
				time.Sleep(30 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond)
			con.stop()
			out := con.out.String()
			if m := injected.FindStringIndex(out); m != nil {
				t.Fatalf("the terminal received %q from the server (…%q…)", out[m[0]:m[1]], out[max(m[0]-80, 0):min(m[1]+40, len(out))])
			}
			if !bytes.Contains([]byte(out), []byte("\uFFFD")) {
				t.Fatalf("no marker drawn: the hostile text never reached a view, so this proves nothing:\n%s", tail(out, 1500))
			}
		})
	}
}
