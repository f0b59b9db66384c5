package main

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
)

// UX.md: a server that does not answer shows a spinner, then an error
// toast, and the console stays usable all along. A proxy in front of the
// real server swallows the client-credentials list; everything else passes.
func TestConsoleStaysResponsiveWhenTheServerHangs(t *testing.T) {
	env := testserver.Start(t)
	target, _ := url.Parse(env.URL)
	pass := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/pam/apps/settings/client-credentials/" {
			<-r.Context().Done() // never answers
			return
		}
		pass.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	c, err := client.New(proxy.URL, env.ClientID, env.Secret)
	if err != nil {
		t.Fatal(err)
	}

	const timeout = 2 * time.Second
	con := startTestConsole(t, consoleParams{client: c, profile: "test", url: proxy.URL}, nil,
		func(common *ui.Common) { common.RequestTimeout = timeout })
	defer con.stop()
	prog, out := con.prog, con.out

	start := time.Now()
	if !waitOutput(t, out, "Loading client credentials") || !waitOutputAny(out, "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏") {
		t.Fatalf("no loading state or spinner:\n%s", tail(out.String(), 2000))
	}
	prog.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	if !waitOutput(t, out, "In this help") || time.Since(start) > timeout {
		t.Fatalf("help did not open while the call was out (%v):\n%s", time.Since(start), tail(out.String(), 2000))
	}
	prog.Send(tea.KeyMsg{Type: tea.KeyEsc})
	if !waitOutput(t, out, "no answer from the server in time") {
		t.Fatalf("no error after the request timeout:\n%s", tail(out.String(), 2000))
	}
	if !waitOutput(t, out, "ctrl+r retries") {
		t.Fatalf("the screen does not say how to retry:\n%s", tail(out.String(), 2000))
	}
	prog.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("2")})
	if !waitOutput(t, out, "sort: server order") {
		t.Fatalf("another screen did not open after the timeout:\n%s", tail(out.String(), 2000))
	}
}

// waitOutputAny polls the drawn output for any one of chars, up to 10 s.
func waitOutputAny(out *frames, chars string) bool {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.ContainsAny(out.String(), chars) {
			return true
		}
	}
	return false
}
