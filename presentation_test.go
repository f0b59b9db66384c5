package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/server/store"
	"github.com/pamconsole/pamconsole/ui"
)

// frames collects everything the program draws.
type frames struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (f *frames) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.b.Write(p)
}

func (f *frames) String() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.b.String()
}

// runConsoleFor runs the real console against env with presentation on or
// off, presses keys (one message each, with a pause), and returns every
// byte drawn and every byte sent to the clipboard.
func runConsoleFor(t *testing.T, env *testserver.Env, presentation bool, keys []string) (drawn, copied string) {
	t.Helper()
	msgs := make([]tea.KeyMsg, len(keys))
	for i, k := range keys {
		msgs[i] = keyOf(k)
	}
	return runConsoleKeys(t, env, presentation, msgs)
}

// runConsoleKeys is runConsoleFor with Bubble Tea keys, at 120×35. It
// waits for the first screen's data before the first key, leaves each key
// time to land, and at the end waits up to 10 s for until (if set).
func runConsoleKeys(t *testing.T, env *testserver.Env, presentation bool, keys []tea.KeyMsg, until ...string) (drawn, copied string) {
	t.Helper()
	clip := &frames{}
	p := consoleParams{client: env.Client, profile: "test", url: env.URL, presentation: presentation}
	con := startTestConsole(t, p, clip, nil)
	defer con.stop()
	// The count line, not "Loading client credentials…": until the first
	// load lands the add key is disabled and keys would go astray.
	if !waitOutputMatch(con.out, loadedCount) || !con.app.settle(0) {
		t.Fatalf("the client credentials never loaded; last output:\n%s", tail(con.out.String(), 2000))
	}
	for i, k := range keys {
		con.prog.Send(k)
		// Each key lands on a settled screen, however slow the machine:
		// wait until it has been handled and what it started has loaded.
		if !con.app.settle(int64(i + 1)) {
			t.Fatalf("the console was still busy 10 s after key %d (%q); last output:\n%s", i+1, k.String(), tail(con.out.String(), 2000))
		}
		time.Sleep(60 * time.Millisecond)
	}
	for _, u := range until {
		waitOutput(t, con.out, u)
	}
	time.Sleep(200 * time.Millisecond)
	con.stop()
	return con.out.String(), clip.String()
}

// testConsole is the real console running in-process at 120×35 with the
// ASCII profile, drawing into out.
type testConsole struct {
	prog *tea.Program
	app  *watchedApp
	out  *frames
	stop func() // ends the program and waits for it; safe to call twice
}

// startTestConsole runs the console of p; tweak (optional) adjusts the
// session's Common before the program starts.
func startTestConsole(t *testing.T, p consoleParams, clipboard io.Writer, tweak func(*ui.Common)) *testConsole {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	common := newCommon(ctx, p, r, clipboard)
	if id, err := p.client.Identity(ctx); err == nil {
		common.Identity = id
	}
	if tweak != nil {
		tweak(common)
	}
	in, inW := io.Pipe()
	con := &testConsole{app: &watchedApp{App: ui.NewApp(common, consoleTabs())}, out: &frames{}}
	con.prog = tea.NewProgram(con.app, tea.WithInput(in), tea.WithOutput(con.out), tea.WithContext(ctx))
	done := make(chan struct{})
	go func() { con.prog.Run(); close(done) }()
	var once sync.Once
	con.stop = func() { once.Do(func() { cancel(); <-done; inW.Close() }) }
	con.prog.Send(tea.WindowSizeMsg{Width: 120, Height: 35})
	return con
}

// watchedApp records, after every message, how many keys the console has
// handled and whether its top screen is waiting on the server.
type watchedApp struct {
	*ui.App
	keys atomic.Int64
	busy atomic.Bool
}

func (w *watchedApp) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := w.App.Update(msg)
	if _, ok := msg.(tea.KeyMsg); ok {
		w.keys.Add(1)
	}
	w.busy.Store(w.App.Busy())
	return w, cmd
}

// settle waits up to 10 s until n keys have been handled and nothing is
// loading, and says whether that happened.
func (w *watchedApp) settle(n int64) bool {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if w.keys.Load() >= n && !w.busy.Load() {
			return true
		}
	}
	return false
}

var loadedCount = regexp.MustCompile(`[0-9]+ client credentials`)

// waitOutputMatch polls the drawn output for re, up to 10 s, and says
// whether it appeared.
func waitOutputMatch(out *frames, re *regexp.Regexp) bool {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if re.MatchString(out.String()) {
			return true
		}
	}
	return false
}

// waitOutput polls the drawn output for text, up to 10 s, and says whether
// it appeared (the caller's assertion says what was missing).
func waitOutput(t *testing.T, out *frames, text string) bool {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(out.String(), text) {
			return true
		}
	}
	return false
}

func keyOf(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// Every screen, detail pane, reveal and copy path, with a canary client
// secret and a canary credential password.
var tourKeys = []string{
	"r", "C", "c", "enter", "r", "C", "esc", // client credentials: reveal, copy in table and detail
	"2", "G", "r", "C", "enter", "r", "C", "esc", // credentials: reveal and copy in list and detail
	"3", "enter", "esc", "4", "?", "esc", "1",
}

// canaryEnv returns a server whose first client credential (the Default
// Client Credential, the first row) has the canary secret env.Secret, and
// whose last credential (G reaches it) has a canary password.
func canaryEnv(t *testing.T) (*testserver.Env, string) {
	t.Helper()
	env := testserver.Start(t, testserver.WithDemo(3, 20, 5))
	ctx := context.Background()
	const password = "CANARY-pw-5b1d"
	user := "canary"
	if _, err := env.Client.Credentials.Upsert(ctx, client.CredentialUpsert{Identifier: "000-canary", Username: &user, Hostname: "canary-host", IP: "10.9.9.9", Content: password}); err != nil {
		t.Fatal(err)
	}
	// The console signs in with another all-scope credential: its own
	// secret is never revealable (issue 13 §2), the first row's must be.
	tour, err := env.Client.ClientCredentials.Create(ctx, client.ClientCredentialInput{Name: "tour console",
		ValidFrom: "2020-01-01", ValidTill: "2099-01-01", Scopes: store.AllScopes()})
	if err != nil {
		t.Fatal(err)
	}
	if env.Client, err = client.New(env.URL, tour.ClientID, tour.ClientSecret); err != nil {
		t.Fatal(err)
	}
	return env, password
}

// Issue 9 / promise 8: presentation mode hides the canary secret, the
// canary password and client id tails on every screen and in the reveal
// and copy paths.
func TestPresentationModeHidesEverySecret(t *testing.T) {
	env, password := canaryEnv(t)
	drawn, copied := runConsoleFor(t, env, true, tourKeys)
	for name, secret := range map[string]string{"client secret": env.Secret, "password": password, "full client id": env.ClientID} {
		if strings.Contains(drawn, secret) {
			t.Errorf("presentation mode drew the %s", name)
		}
		if strings.Contains(copied, secret) || copied != "" {
			t.Errorf("presentation mode copied something (%s)", name)
		}
	}
	if !strings.Contains(drawn, "PRESENTATION") || !strings.Contains(drawn, "canary-host") {
		t.Fatalf("the tour did not reach the screens:\n%.2000s", drawn)
	}
}

// The same tour without presentation mode reveals and copies — proof the
// tour really exercises those paths.
func TestWithoutPresentationTheTourReveals(t *testing.T) {
	env, password := canaryEnv(t)
	drawn, copied := runConsoleFor(t, env, false, tourKeys)
	if !strings.Contains(drawn, env.Secret) || !strings.Contains(drawn, password) || !strings.Contains(drawn, env.ClientID) {
		t.Fatalf("the tour did not reveal both canaries: it does not test the reveal path")
	}
	if copied == "" {
		t.Fatal("the tour copied nothing: it does not test the copy path")
	}
}
