package sshserver_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

const wait = 10 * time.Second

// start runs a server with the recording hello model; cfg may tweak it.
func start(t *testing.T, cfg sshserver.Config, extraLines ...string) (*sshtest.Server, *sessions) {
	t.Helper()
	rec := &sessions{}
	if cfg.NewModel == nil {
		cfg.NewModel = rec.newModel
	}
	return sshtest.StartServer(t, cfg, extraLines...), rec
}

func console(t *testing.T, srv *sshtest.Server, key *sshtest.Key) *sshtest.Console {
	t.Helper()
	c, err := srv.Dial(key)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	con, err := sshtest.OpenConsole(c, "xterm-256color", 80, 24)
	if err != nil {
		t.Fatalf("open console: %v", err)
	}
	return con
}

func mustWait(t *testing.T, con *sshtest.Console, want string) {
	t.Helper()
	if err := con.WaitFor(want, wait); err != nil {
		t.Fatal(err)
	}
}

func mustExit(t *testing.T, con *sshtest.Console, wantCode int) {
	t.Helper()
	code, err := con.WaitExit(wait)
	if err != nil {
		t.Fatal(err)
	}
	if code != wantCode {
		t.Fatalf("exit status %d, want %d; output:\n%s", code, wantCode, con.Out.Text())
	}
}

func TestAcceptedKeyGetsFirstFrameAndQuits(t *testing.T) {
	t.Parallel()
	srv, rec := start(t, sshserver.Config{})
	con := console(t, srv, srv.Admin)
	mustWait(t, con, "hello admin "+srv.Admin.Fingerprint())
	mustWait(t, con, "size 80x24")
	if err := con.Type("q"); err != nil {
		t.Fatal(err)
	}
	mustExit(t, con, 0)
	info := rec.last()
	if info.Role != sshserver.RoleAdmin || info.KeyFingerprint != srv.Admin.Fingerprint() ||
		info.Width != 80 || info.Height != 24 || info.User != "tester" || info.SessionID == "" {
		t.Fatalf("SessionInfo = %+v", info)
	}
}

func TestViewerRoleReachesNewModel(t *testing.T) {
	t.Parallel()
	plain := sshtest.NewKey(t)
	srv, rec := start(t, sshserver.Config{}, plain.AuthorizedLine("", "no-role@test"))
	for _, tc := range []struct {
		name string
		key  *sshtest.Key
	}{{"explicit viewer", srv.Viewer}, {"no role option", plain}} {
		con := console(t, srv, tc.key)
		mustWait(t, con, "hello viewer "+tc.key.Fingerprint())
		if info := rec.last(); info.Role != sshserver.RoleViewer || info.KeyFingerprint != tc.key.Fingerprint() {
			t.Fatalf("%s: SessionInfo = %+v", tc.name, info)
		}
	}
}

func TestUnknownKeyRejectedBeforeAnyScreen(t *testing.T) {
	t.Parallel()
	srv, rec := start(t, sshserver.Config{})
	stranger := sshtest.NewKey(t)
	if c, err := srv.Dial(stranger); err == nil {
		c.Close()
		t.Fatal("unknown key was accepted")
	} else if !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("unexpected error: %v", err)
	}
	if n := rec.count(); n != 0 {
		t.Fatalf("NewModel called %d times for a rejected key", n)
	}
}

func TestPasswordAndKeyboardInteractiveRefused(t *testing.T) {
	t.Parallel()
	srv, rec := start(t, sshserver.Config{})
	asked := false
	_, err := sshtest.Dial(srv.Addr, srv.HostKeyFP,
		gossh.Password("hunter2"),
		gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			asked = true
			return []string{"hunter2"}, nil
		}))
	if err == nil {
		t.Fatal("password / keyboard-interactive login accepted")
	}
	// The server offers "publickey" only, so the client never even tries
	// the other methods.
	if !strings.Contains(err.Error(), "[none]") || strings.Contains(err.Error(), "password") || asked {
		t.Fatalf("methods were attempted: %v (keyboard-interactive asked: %v)", err, asked)
	}
	if rec.count() != 0 {
		t.Fatal("NewModel called without authentication")
	}
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	srv, _ := start(t, sshserver.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	other := console(t, srv, srv.Viewer)
	mustWait(t, other, "hello viewer")
	for _, key := range []string{"p", "v", "c", "b", "s", "n"} {
		con := console(t, srv, srv.Admin)
		mustWait(t, con, "hello admin")
		if err := con.Type(key); err != nil {
			t.Fatal(err)
		}
		mustWait(t, con, "internal error and was closed (ref ")
		mustExit(t, con, 1)
	}
	// The other session is alive and still answers keys.
	if err := other.Type("x"); err != nil {
		t.Fatal(err)
	}
	mustWait(t, other, "keys 1")
	if n := srv.ActiveSessions(); n != 1 {
		t.Fatalf("%d active sessions, want 1", n)
	}
	out := logs.String()
	if strings.Count(out, `msg="ssh session panic"`) != 6 {
		t.Fatalf("want 6 panic log lines, got:\n%s", out)
	}
	if strings.Contains(out, "boom") {
		t.Fatalf("panic values other than runtime errors must not be logged:\n%s", out)
	}
	if !strings.Contains(out, "nil pointer dereference") {
		t.Fatalf("runtime error not described in the log:\n%s", out)
	}
}

// The idle timeout is wide against the gaps between keys (2 s vs 100 ms),
// so a starved scheduler on a loaded machine does not read as idleness; the
// close is only bounded loosely for the same reason.
func TestIdleTimeoutClosesIdleSession(t *testing.T) {
	t.Parallel()
	const idle = 2 * time.Second
	srv, _ := start(t, sshserver.Config{IdleTimeout: idle})
	con := console(t, srv, srv.Admin)
	mustWait(t, con, "hello admin")
	// Keystrokes keep it open past the timeout…
	began := time.Now()
	for i := 1; time.Since(began) < idle+500*time.Millisecond; i++ {
		time.Sleep(100 * time.Millisecond)
		if err := con.Type("x"); err != nil {
			t.Fatalf("session closed while active (after %d keys): %v\n%s", i, err, con.Out.Text())
		}
	}
	// …and without them it closes.
	start := time.Now()
	mustWait(t, con, "session closed after 2s without input")
	mustExit(t, con, 1)
	if d := time.Since(start); d > idle+20*time.Second {
		t.Fatalf("idle session closed after %s", d)
	}
}

func TestMaxSessionTime(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{MaxSessionTime: 500 * time.Millisecond})
	con := console(t, srv, srv.Admin)
	mustWait(t, con, "hello admin")
	mustWait(t, con, "maximum session time of 500ms")
	mustExit(t, con, 1)
}

func TestNoPTYGetsMessage(t *testing.T) {
	t.Parallel()
	srv, rec := start(t, sshserver.Config{})
	c, err := srv.Dial(srv.Admin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	err = sess.Shell()
	if err == nil {
		err = sess.Wait()
	}
	if code := sshtest.ExitCode(err); code != 1 {
		t.Fatalf("exit status %d (%v), want 1", code, err)
	}
	if !strings.Contains(stderr.String(), "pamconsole needs an interactive terminal: ssh -t -p ") {
		t.Fatalf("stderr = %q", stderr.String())
	}
	if rec.count() != 0 {
		t.Fatal("a model was started without a terminal")
	}
}

func TestCommandRefused(t *testing.T) {
	t.Parallel()
	srv, rec := start(t, sshserver.Config{})
	c, err := srv.Dial(srv.Admin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 24, 80, nil); err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("cat /etc/passwd")
	if code := sshtest.ExitCode(err); code != 1 || !strings.Contains(string(out), "connect without a command") {
		t.Fatalf("exit %d, output %q", code, out)
	}
	if rec.count() != 0 {
		t.Fatal("a model was started for a command")
	}
}

func TestRestrictionsFromAuthorizedKeys(t *testing.T) {
	t.Parallel()
	noPty, elsewhere, expired := sshtest.NewKey(t), sshtest.NewKey(t), sshtest.NewKey(t)
	srv, rec := start(t, sshserver.Config{},
		noPty.AuthorizedLine(`no-pty,environment="PAMCONSOLE_ROLE=admin"`, "nopty"),
		elsewhere.AuthorizedLine(`from="10.0.0.0/8,!127.0.0.1"`, "elsewhere"),
		expired.AuthorizedLine(`expiry-time="20200101"`, "expired"))

	c, err := srv.Dial(noPty)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := sshtest.OpenConsole(c, "xterm", 80, 24); err == nil {
		t.Fatal("no-pty key got a PTY")
	}
	for _, k := range []*sshtest.Key{elsewhere, expired} {
		if c, err := srv.Dial(k); err == nil {
			c.Close()
			t.Fatal("restricted key accepted")
		}
	}
	if rec.count() != 0 {
		t.Fatal("a model was started for a restricted key")
	}
}

func TestResizeReachesModel(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{})
	con := console(t, srv, srv.Admin)
	mustWait(t, con, "size 80x24")
	if err := con.Resize(120, 40); err != nil {
		t.Fatal(err)
	}
	mustWait(t, con, "size 120x40")
}

func TestRendererFollowsClientTerminal(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{})
	for term, want := range map[string]string{"xterm-256color": "ansi256", "dumb": "ascii", "xterm": "ansi"} {
		c, err := srv.Dial(srv.Admin)
		if err != nil {
			t.Fatal(err)
		}
		con, err := sshtest.OpenConsole(c, term, 80, 24)
		if err != nil {
			t.Fatal(err)
		}
		mustWait(t, con, "profile "+want)
		c.Close()
	}
}

func TestNewModelErrorEndsSession(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	srv, _ := start(t, sshserver.Config{
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		NewModel: func(sshserver.SessionInfo) (tea.Model, []tea.ProgramOption, error) {
			return nil, nil, errors.New("api unreachable")
		},
	})
	con := console(t, srv, srv.Admin)
	mustWait(t, con, "the console could not start (ref ")
	mustExit(t, con, 1)
	if strings.Contains(con.Out.Text(), "api unreachable") || !strings.Contains(logs.String(), "api unreachable") {
		t.Fatalf("the error belongs in the log, not on the client:\nclient: %s\nlog: %s", con.Out.Text(), logs.String())
	}
}

func TestConnectionRateLimitPerIP(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{RateLimit: 0.01, RateBurst: 2})
	for i := range 2 {
		c, err := srv.Dial(srv.Admin)
		if err != nil {
			t.Fatalf("connection %d refused: %v", i+1, err)
		}
		c.Close()
	}
	if c, err := srv.Dial(srv.Admin); err == nil {
		c.Close()
		t.Fatal("third connection within the burst window was accepted")
	}
}

func TestReloadAuthorizedKeys(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	demoted := sshtest.NewKey(t)
	srv, _ := start(t, sshserver.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))},
		demoted.RoleLine("admin", "demoted@test"))
	viewer := console(t, srv, srv.Viewer)
	mustWait(t, viewer, "hello viewer")
	wasAdmin := console(t, srv, demoted)
	mustWait(t, wasAdmin, "hello admin")
	admin := console(t, srv, srv.Admin)
	mustWait(t, admin, "hello admin")
	path := srv.Dir + "/authorized_keys"
	file := srv.Admin.RoleLine("admin", "still admin") + "\n" + demoted.RoleLine("viewer", "now viewer") + "\n"
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := srv.ReloadAuthorizedKeys(); err != nil {
		t.Fatal(err)
	}
	if c, err := srv.Dial(srv.Viewer); err == nil {
		c.Close()
		t.Fatal("removed key still accepted after reload")
	}
	// The removed key's and the demoted key's live sessions are told and ended.
	for name, con := range map[string]*sshtest.Console{"removed": viewer, "demoted": wasAdmin} {
		if err := con.WaitFor("access for your key was revoked", wait); err != nil {
			t.Fatalf("%s key's session: %v", name, err)
		}
		mustExit(t, con, 1)
	}
	for _, want := range []string{
		"key=" + srv.Viewer.Fingerprint() + " session=",
		"key=" + demoted.Fingerprint() + " session=",
	} {
		if !strings.Contains(logs.String(), want) || !strings.Contains(logs.String(), "ssh session access revoked") {
			t.Fatalf("log lacks the revocation of %q:\n%s", want, logs.String())
		}
	}
	if err := admin.Type("x"); err != nil { // the key still allowed is left alone
		t.Fatal(err)
	}
	mustWait(t, admin, "keys 1")
	// A broken file is refused and the previous keys stay.
	if err := os.WriteFile(path, []byte("ssh-ed25519 garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := srv.ReloadAuthorizedKeys(); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("reload of a broken file: %v", err)
	}
	c, err := srv.Dial(srv.Admin)
	if err != nil {
		t.Fatalf("previous keys lost after a failed reload: %v", err)
	}
	c.Close()
	if err := admin.Type("x"); err != nil { // and no session was ended by it
		t.Fatal(err)
	}
	mustWait(t, admin, "keys 2")
}

func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{})
	con := console(t, srv, srv.Admin)
	mustWait(t, con, "hello admin")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	mustWait(t, con, "server is shutting down")
	if err := <-srv.Served(); !errors.Is(err, sshserver.ErrServerClosed) {
		t.Fatalf("Serve returned %v", err)
	}
	if _, err := srv.Dial(srv.Admin); err == nil {
		t.Fatal("connection accepted after shutdown")
	}
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestNewModelPanicContained(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{
		NewModel: func(info sshserver.SessionInfo) (tea.Model, []tea.ProgramOption, error) {
			if info.Role == sshserver.RoleViewer {
				panic("boom in NewModel")
			}
			return helloModel{info: info}, nil, nil
		},
	})
	bad := console(t, srv, srv.Viewer)
	mustWait(t, bad, "internal error and was closed (ref ")
	mustExit(t, bad, 1)
	good := console(t, srv, srv.Admin)
	mustWait(t, good, "hello admin")
}

func TestLoginGraceClosesSilentConnections(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{LoginGrace: 200 * time.Millisecond})
	conn, err := net.Dial("tcp", srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	if _, err := io.Copy(io.Discard, conn); err != nil { // returns at EOF: the server hung up
		t.Fatalf("connection not closed by the server: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("closed after %s", d)
	}
}

// A group- or world-writable authorized_keys stops the server at start and
// is refused on reload, the keys in force staying.
func TestWritableAuthorizedKeysRefusedAtStartAndReload(t *testing.T) {
	t.Parallel()
	srv, _ := start(t, sshserver.Config{})
	path := srv.Dir + "/authorized_keys"
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	err := srv.ReloadAuthorizedKeys()
	if err == nil || !strings.Contains(err.Error(), path+" has mode 0666") || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Fatalf("reload of a world-writable file: %v", err)
	}
	c, err := srv.Dial(srv.Admin)
	if err != nil {
		t.Fatalf("keys in force lost after a refused reload: %v", err)
	}
	c.Close()
	_, err = sshserver.New(sshserver.Config{
		HostKeyPath: srv.Dir + "/hostkey2", AuthorizedKeysPath: path,
		NewModel: (&sessions{}).newModel,
	})
	if err == nil || !strings.Contains(err.Error(), path+" has mode 0666") {
		t.Fatalf("New with a world-writable authorized_keys: %v", err)
	}
}

// A refused public key is logged at the default level with its SHA256
// fingerprint and the client's address, so a failed login says who tried.
func TestRefusedKeyLoggedWithFingerprintAndAddress(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	srv, _ := start(t, sshserver.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	stranger := sshtest.NewKey(t)
	if c, err := srv.Dial(stranger); err == nil {
		c.Close()
		t.Fatal("unknown key was accepted")
	}
	var line string
	for _, l := range strings.Split(logs.String(), "\n") {
		if strings.Contains(l, "ssh key not authorized") {
			line = l
		}
	}
	for _, want := range []string{"level=INFO", "key=" + stranger.Fingerprint(), "remote_ip=127.0.0.1", "key_type=ssh-ed25519"} {
		if !strings.Contains(line, want) {
			t.Fatalf("refused-key log line %q lacks %q; log:\n%s", line, want, logs.String())
		}
	}
}
