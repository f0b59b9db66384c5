package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// The test binary doubles as the pamconsole binary: with PAMCONSOLE_AS_MAIN
// set it runs the real command line, so integration tests drive the same
// code path a user does without a separate build.
func TestMain(m *testing.M) {
	sshtest.MaybeRunDriver() // the SSH benchmarks' client processes
	if os.Getenv("PAMCONSOLE_AS_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// binary is a running child pamconsole process.
type binary struct {
	cmd    *exec.Cmd
	stdout *lockedBuffer
	stderr *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startBinary runs `pamconsole args…` as a child process with a private HOME.
func startBinary(t *testing.T, home string, args ...string) *binary {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PAMCONSOLE_AS_MAIN=1", "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_DATA_HOME="+filepath.Join(home, ".local/share"))
	b := &binary{cmd: cmd, stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	cmd.Stdout, cmd.Stderr = b.stdout, b.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return b
}

// waitFor polls the child's stdout until re matches or the deadline passes.
func (b *binary) waitFor(t *testing.T, re *regexp.Regexp, d time.Duration) []string {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(b.stdout.String()); m != nil {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %v\nstdout:\n%s\nstderr:\n%s", re, b.stdout.String(), b.stderr.String())
	return nil
}

// freeAddr returns a loopback address that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// runCmd runs the command line in-process and returns stdout and stderr.
func runCmd(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := run(ctx, args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func isolatedEnv(t *testing.T) map[string]string {
	home := t.TempDir()
	return map[string]string{
		"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config"), "XDG_DATA_HOME": filepath.Join(home, ".local/share"),
		"PAMCONSOLE_URL": "", "PAMCONSOLE_CLIENT_ID": "", "PAMCONSOLE_CLIENT_SECRET": "", "PAMCONSOLE_PROFILE": "",
	}
}

func TestFirstRunExplainsHowToStart(t *testing.T) {
	out, _, err := runCmd(t, isolatedEnv(t))
	if err != nil {
		t.Fatalf("default command without config: %v", err)
	}
	for _, want := range []string{"pamconsole demo", "pamconsole server", "pamconsole config add"} {
		if !strings.Contains(out, want) {
			t.Errorf("first-run help does not mention %q:\n%s", want, out)
		}
	}
}

var (
	reClientID = regexp.MustCompile(`client_id: (\S+)`)
	reSecret   = regexp.MustCompile(`client_secret: (\S+)`)
	reListen   = regexp.MustCompile(`listening on (http://\S+)`)
)

// startServer runs `pamconsole server` on a fresh database and returns its
// URL and bootstrap credential.
func startServer(t *testing.T, home, db string) (b *binary, url, cid, secret string) {
	t.Helper()
	b = startBinary(t, home, "server", "--addr", freeAddr(t), "--db", db)
	url = b.waitFor(t, reListen, 20*time.Second)[1]
	if m := reClientID.FindStringSubmatch(b.stdout.String()); m != nil {
		cid = m[1]
	}
	if m := reSecret.FindStringSubmatch(b.stdout.String()); m != nil {
		secret = m[1]
	}
	return b, url, cid, secret
}

func TestConfigAddExplainsEachFailureInOneLine(t *testing.T) {
	home := t.TempDir()
	_, url, cid, secret := startServer(t, home, filepath.Join(home, "data", "pam.db"))
	if cid == "" || secret == "" {
		t.Fatal("server did not print the bootstrap credential")
	}
	cases := []struct {
		name, url, secret, want string
	}{
		{"wrong secret", url, secret + "x", "client id or secret"},
		{"wrong url", url + "/nothing-here", secret, "check the url"},
		{"unreachable", "http://" + freeAddr(t), secret, "cannot reach"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := isolatedEnv(t)
			env["PAM_TEST_SECRET"] = tc.secret
			_, _, err := runCmd(t, env, "config", "add", "--name", "p", "--url", tc.url, "--client-id", cid, "--client-secret-env", "PAM_TEST_SECRET")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error containing %q, got %v", tc.want, err)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error leaks the secret: %v", err)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Fatalf("want one line, got %q", err)
			}
		})
	}
	t.Run("good profile is saved", func(t *testing.T) {
		env := isolatedEnv(t)
		env["PAM_TEST_SECRET"] = secret
		out, _, err := runCmd(t, env, "config", "add", "--name", "local", "--url", url, "--client-id", cid, "--client-secret-env", "PAM_TEST_SECRET")
		if err != nil || !strings.Contains(out, `profile "local" saved`) {
			t.Fatalf("config add: %v\n%s", err, out)
		}
		out, _, err = runCmd(t, env, "config", "list")
		if err != nil || !strings.Contains(out, "local") || strings.Contains(out, secret) {
			t.Fatalf("config list: %v\n%s", err, out)
		}
	})
}

func TestServerRestartPrintsWhereTheBootstrapFileIs(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "data", "pam.db")
	b, _, cid, secret := startServer(t, home, db)
	if cid == "" || secret == "" {
		t.Fatalf("first start did not print the credential:\n%s", b.stdout.String())
	}
	fi, err := os.Stat(filepath.Join(home, "data", bootstrapFileName))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("bootstrap file: %v mode %v", err, fi)
	}
	b.cmd.Process.Signal(os.Interrupt)
	b.cmd.Wait()
	b2, _, _, secret2 := startServer(t, home, db)
	if secret2 != "" || strings.Contains(b2.stdout.String(), secret) {
		t.Fatalf("restart printed a secret:\n%s", b2.stdout.String())
	}
	if !strings.Contains(b2.stdout.String(), bootstrapFileName) {
		t.Fatalf("restart does not say where the credential is:\n%s", b2.stdout.String())
	}
}
