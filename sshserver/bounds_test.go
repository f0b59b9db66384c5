package sshserver_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// Generous deadlines: these tests wait on conditions, never on elapsed
// time, so a slow machine makes them slower, not red.
const (
	longWait  = 60 * time.Second
	stormWait = 5 * time.Minute
)

// startProbe starts a server whose sessions run the probe's fill model.
func startProbe(t *testing.T, cfg sshserver.Config) (*sshtest.Server, *probe, *syncBuffer) {
	t.Helper()
	pr := newProbe()
	t.Cleanup(func() { close(pr.block) })
	logs := &syncBuffer{}
	cfg.NewModel = pr.newModel
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	return sshtest.StartServer(t, cfg), pr, logs
}

func openProbe(t *testing.T, srv *sshtest.Server, w, h int) (*gossh.Client, *sshtest.Console) {
	t.Helper()
	c, err := srv.Dial(srv.Admin)
	if err != nil {
		t.Fatal(err)
	}
	con, err := sshtest.OpenConsole(c, "xterm-256color", w, h)
	if err != nil {
		c.Close()
		t.Fatal(err)
	}
	return c, con
}

// waitFrame waits for want in the frames received from now on.
func waitFrame(t *testing.T, con *sshtest.Console, want string, d time.Duration) {
	t.Helper()
	if err := con.WaitFor(want, d); err != nil {
		_, heap := sshtest.Settle()
		t.Fatalf("%v\n(server process heap now %d KiB)", err, heap>>10)
	}
}

func checkMaxWindow(t *testing.T, pr *probe) {
	t.Helper()
	if w, h := pr.maxWindow(); w > sshserver.MaxWindowWidth || h > sshserver.MaxWindowHeight {
		t.Fatalf("a program was given a %dx%d window; the bound is %dx%d", w, h, sshserver.MaxWindowWidth, sshserver.MaxWindowHeight)
	}
}

// waitSettled waits until the server has no session and the process's
// goroutines and heap are back to the baseline (heap within slack), and
// returns how long that took.
func waitSettled(t *testing.T, srv *sshtest.Server, g0 int, h0, slack uint64) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		g, h := sshtest.Settle()
		if srv.ActiveSessions() == 0 && g <= g0 && h <= h0+slack {
			return time.Since(start)
		}
		if time.Since(start) > longWait {
			t.Fatalf("after %s: %d sessions, %d goroutines (baseline %d), heap %d KiB (baseline %d KiB)",
				longWait, srv.ActiveSessions(), g, g0, h>>10, h0>>10)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// hostileSession opens a session of w×h, applies change, waits for the
// frame of the size the program should end up with, and measures the
// server's heap above h0 while it is live, then closes the client and
// measures how long the memory takes to come back.
func hostileSession(t *testing.T, srv *sshtest.Server, g0 int, h0 uint64, w, h int, change func(*sshtest.Console) error, want string) (live uint64, back time.Duration) {
	t.Helper()
	c, con := openProbe(t, srv, w, h)
	if change != nil {
		if err := change(con); err != nil {
			t.Fatal(err)
		}
	}
	waitFrame(t, con, want, longWait)
	_, hLive := sshtest.Settle()
	_ = c.Close()
	con.Out.Reset()
	return hLive - min(h0, hLive), waitSettled(t, srv, g0, h0, 2<<20)
}

// Issue 17 §1: one window-change of 65535×65535 drove the server to
// 16.8 GB; 10000×10000 to 800 MB; a 6000×6000 PTY request to 400 MB; and
// the session never ended after the client closed. Now the program never
// sees more than 500×300, the session's heap is that of an 80×24 one
// (within 16 MiB), and after the client closes, goroutines and heap return
// to the baseline. Not parallel: it measures the whole process.
func TestHugeWindowSizesBounded(t *testing.T) {
	srv, pr, logs := startProbe(t, sshserver.Config{})
	g0, h0 := sshtest.Settle()
	_, _ = hostileSession(t, srv, g0, h0, 80, 24, nil, "size 80x24") // warm-up: lazy globals join the baseline
	g0, h0 = sshtest.Settle()
	base, baseBack := hostileSession(t, srv, g0, h0, 80, 24, nil, "size 80x24")

	const maxFrame = "size 500x300"
	resize := func(w, h int) func(*sshtest.Console) error {
		return func(con *sshtest.Console) error {
			if err := con.Resize(w, h); err != nil {
				return err
			}
			return con.Resize(w, h) // twice: the clamp is logged once per session
		}
	}
	for _, tc := range []struct {
		name   string
		w, h   int
		change func(*sshtest.Console) error
	}{
		{"window-change 65535x65535", 80, 24, resize(65535, 65535)},
		{"window-change 10000x10000", 80, 24, resize(10000, 10000)},
		{"pty-req 6000x6000", 6000, 6000, nil},
	} {
		live, back := hostileSession(t, srv, g0, h0, tc.w, tc.h, tc.change, maxFrame)
		checkMaxWindow(t, pr)
		if live > base+16<<20 {
			t.Fatalf("%s: server heap +%d KiB while live, an 80x24 session +%d KiB", tc.name, live>>10, base>>10)
		}
		t.Logf("%s: server heap +%d KiB while live (80x24 session: +%d KiB); back to baseline %s after close (80x24: %s)",
			tc.name, live>>10, base>>10, back.Round(time.Millisecond), baseBack.Round(time.Millisecond))
	}
	if n := strings.Count(logs.String(), `msg="ssh window size clamped"`); n != 3 {
		t.Fatalf("%d clamp log lines for 3 sessions (want one each):\n%s", n, logs.String())
	}
}

// Issue 17 §1: 200,000 window-changes from one session locked it up for
// good (the ssh package's request loop blocked on a one-slot resize
// channel, and with it the connection's window adjusts that the program's
// output waited for). Now the storm goes through, the program ends up
// with the last size and the session still answers keys.
func TestResizeStormKeepsSessionResponsive(t *testing.T) {
	t.Parallel()
	srv, pr, _ := startProbe(t, sshserver.Config{})
	c, con := openProbe(t, srv, 80, 24)
	defer c.Close()
	waitFrame(t, con, "size 80x24", longWait)
	const storm = 200_000
	sent := make(chan error, 1)
	go func() {
		for i := range storm {
			w, h := 100+i%400, 30+i%270
			if i%1000 == 0 {
				w, h = 65535, 65535
			}
			if err := con.Resize(w, h); err != nil {
				sent <- fmt.Errorf("window-change %d: %w", i, err)
				return
			}
		}
		sent <- con.Resize(123, 45)
	}()
	select {
	case err := <-sent:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(stormWait):
		t.Fatalf("%d window-changes not sent after %s: the server stopped reading the connection", storm, stormWait)
	}
	con.Out.Reset()
	if err := con.Type("x"); err != nil {
		t.Fatal(err)
	}
	waitFrame(t, con, "size 123x45 keys 1", longWait)
	checkMaxWindow(t, pr)
}

// The idle timeout and the maximum session time fire even when the
// program does not return (here: a model stuck in Update): the client is
// told why and the session ends. They used to run on the goroutine that
// fed the program and waited on it.
func TestTimeoutsFireWhileProgramIsStuck(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		cfg  sshserver.Config
		want string
	}{
		"idle": {sshserver.Config{IdleTimeout: 300 * time.Millisecond}, "session closed after 300ms without input"},
		"max":  {sshserver.Config{MaxSessionTime: 500 * time.Millisecond}, "maximum session time of 500ms"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, pr, _ := startProbe(t, tc.cfg)
			c, con := openProbe(t, srv, 80, 24)
			defer c.Close()
			waitFrame(t, con, "size 80x24", longWait)
			blockModel(t, con, pr)
			waitFrame(t, con, tc.want, longWait)
			if code, err := con.WaitExit(longWait); err != nil || code != 1 {
				t.Fatalf("exit %d, %v", code, err)
			}
		})
	}
}

// blockModel makes the session's model block in Update and waits until it has.
func blockModel(t *testing.T, con *sshtest.Console, pr *probe) {
	t.Helper()
	if err := con.Type("h"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-pr.stuck:
	case <-time.After(longWait):
		t.Fatal("the model never got the key that blocks it")
	}
}

// SIGTERM (Shutdown) is prompt even with a program that does not return:
// it used to wait for it until its deadline (~30 s in production).
func TestShutdownWithStuckProgram(t *testing.T) {
	t.Parallel()
	srv, pr, _ := startProbe(t, sshserver.Config{})
	c, con := openProbe(t, srv, 80, 24)
	defer c.Close()
	waitFrame(t, con, "size 80x24", longWait)
	blockModel(t, con, pr)
	ctx, cancel := context.WithTimeout(context.Background(), longWait)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v (a stuck program held it until its deadline)", err)
	}
	waitFrame(t, con, "server is shutting down", longWait)
}

// env requests are bounded in count, size and content; what is refused
// never reaches the session.
func TestEnvRequestsBounded(t *testing.T) {
	t.Parallel()
	srv, pr, logs := startProbe(t, sshserver.Config{})
	c, err := srv.Dial(srv.Admin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for name, value := range map[string]string{
		"BAD NAME": "x", "1ABC": "x", strings.Repeat("N", 65): "x",
		"LONG": strings.Repeat("x", 1025), "TITLE": "a\x1b]0;pwned\x07",
	} {
		if err := sess.Setenv(name, value); err == nil {
			t.Fatalf("env %.20q=%.20q accepted", name, value)
		}
	}
	accepted := 0
	for i := range 40 {
		if sess.Setenv(fmt.Sprintf("V%d", i), "x") == nil {
			accepted++
		}
	}
	if accepted != sshserver.MaxEnvVars {
		t.Fatalf("%d of 40 env requests accepted, want %d", accepted, sshserver.MaxEnvVars)
	}
	if err := sess.RequestPty("xterm", 24, 80, nil); err != nil {
		t.Fatal(err)
	}
	out := &sshtest.Buffer{}
	sess.Stdout = out
	if _, err := sess.StdinPipe(); err != nil { // kept open: EOF on input ends a session
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := out.WaitFor("size 80x24", longWait); err != nil {
		t.Fatal(err)
	}
	if env := pr.last().Session.Environ(); len(env) != sshserver.MaxEnvVars+1 { // + TERM
		t.Fatalf("the session got %d variables: %q", len(env), env)
	}
	if n := strings.Count(logs.String(), `msg="ssh env request refused"`); n != 1 {
		t.Fatalf("%d refusal log lines, want 1 per session:\n%s", n, logs.String())
	}

	// The total is bounded too: 8 values of 1000 bytes fit in 8 KiB, a 9th does not.
	sess2, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess2.Close()
	for i := range 9 {
		err := sess2.Setenv(fmt.Sprintf("BIG%d", i), strings.Repeat("x", 1000))
		if (err == nil) != (i < 8) {
			t.Fatalf("env %d of 1000 bytes: %v", i+1, err)
		}
	}
}

// A connection cannot open more than MaxSessionsPerConn session channels
// at once; closing one makes room.
func TestSessionsPerConnectionBounded(t *testing.T) {
	t.Parallel()
	srv, _, _ := startProbe(t, sshserver.Config{})
	c, err := srv.Dial(srv.Admin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var open []*gossh.Session
	for range sshserver.MaxSessionsPerConn {
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, s)
	}
	if s, err := c.NewSession(); err == nil || !strings.Contains(err.Error(), "at most 4 sessions") {
		if s != nil {
			s.Close()
		}
		t.Fatalf("session %d on one connection: %v", sshserver.MaxSessionsPerConn+1, err)
	}
	_ = open[0].Close()
	deadline := time.Now().Add(longWait)
	for {
		s, err := c.NewSession()
		if err == nil {
			s.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no room after closing a session: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A terminal type that is huge or carries control characters is replaced
// by "dumb" (no colours) before the renderer or the log sees it.
func TestTerminalTypeBounded(t *testing.T) {
	t.Parallel()
	srv, pr, _ := startProbe(t, sshserver.Config{})
	for _, term := range []string{strings.Repeat("x", 100_000), "xterm\x1b]0;pwned\x07", "xterm-256color\n"} {
		c, err := srv.Dial(srv.Admin)
		if err != nil {
			t.Fatal(err)
		}
		con, err := sshtest.OpenConsole(c, term, 80, 24)
		if err != nil {
			t.Fatal(err)
		}
		waitFrame(t, con, "size 80x24", longWait)
		info := pr.last()
		if pty, _, _ := info.Session.Pty(); pty.Term != "dumb" || info.Renderer.ColorProfile() != termenv.Ascii {
			t.Fatalf("terminal type %.20q reached the session as %.20q", term, pty.Term)
		}
		c.Close()
	}
}

// Input floods: megabytes typed or pasted keep the server's heap within
// 16 MiB of a quiet session's, no key message grows past the paste bound,
// and the session answers afterwards. Bubble Tea used to buffer a paste
// without end marker, or a run of runes filling its reads, whole and
// rescan it on every read. Not parallel: it measures the whole process.
func TestInputFloodsBounded(t *testing.T) {
	srv, pr, _ := startProbe(t, sshserver.Config{})
	g0, h0 := sshtest.Settle()
	_, _ = hostileSession(t, srv, g0, h0, 80, 24, nil, "size 80x24") // warm-up: lazy globals join the baseline
	g0, h0 = sshtest.Settle()
	quiet, _ := hostileSession(t, srv, g0, h0, 80, 24, nil, "size 80x24")
	const flood = 8 << 20
	for _, tc := range []struct {
		name, prefix string
		fill         byte
	}{
		{"paste without end marker", "\x1b[200~", 'a'},
		{"run of runes", "", 'b'},
	} {
		c, con := openProbe(t, srv, 80, 24)
		waitFrame(t, con, "size 80x24", longWait)
		sent := make(chan error, 1)
		go func() { sent <- con.Type(tc.prefix + strings.Repeat(string(tc.fill), flood)) }()
		select {
		case err := <-sent:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(stormWait):
			_, heap := sshtest.Settle()
			t.Fatalf("%s: %d MiB not read by the server after %s (heap %d MiB)", tc.name, flood>>20, stormWait, heap>>20)
		}
		if err := con.Resize(77, 22); err != nil { // a mark after the flood
			t.Fatal(err)
		}
		con.Out.Reset()
		waitFrame(t, con, "size 77x22", longWait)
		_, hLive := sshtest.Settle()
		if live := hLive - min(h0, hLive); live > quiet+16<<20 {
			t.Fatalf("%s: server heap +%d KiB after %d MiB of input, a quiet session +%d KiB", tc.name, live>>10, flood>>20, quiet>>10)
		}
		if n := pr.maxRunes.Load(); n > sshserver.MaxPasteBytes {
			t.Fatalf("%s: a key message of %d runes reached the program", tc.name, n)
		}
		_ = c.Close()
		back := waitSettled(t, srv, g0, h0, 4<<20)
		t.Logf("%s: %d MiB of input; server heap +%d KiB after it (quiet session +%d KiB); back to baseline %s after close",
			tc.name, flood>>20, (hLive-min(h0, hLive))>>10, quiet>>10, back.Round(time.Millisecond))
	}
}
