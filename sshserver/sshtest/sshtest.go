// Package sshtest drives an sshserver.Server with a real SSH client
// (golang.org/x/crypto/ssh) in tests and benchmarks: keys, a test server
// with an injectable model, a console session whose frames can be awaited,
// a child-process client driver (so server-side memory and goroutines can
// be measured alone) and the benchmark bodies.
package sshtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/pamconsole/pamconsole/sshserver"
)

// Key is a client key pair.
type Key struct {
	Signer     gossh.Signer
	PrivatePEM []byte // OpenSSH private key, unencrypted
}

// NewKey generates an ed25519 client key.
func NewKey(tb testing.TB) *Key {
	tb.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		tb.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "sshtest")
	if err != nil {
		tb.Fatal(err)
	}
	return &Key{Signer: signer, PrivatePEM: pem.EncodeToMemory(block)}
}

// Fingerprint is the key's SHA256:… fingerprint.
func (k *Key) Fingerprint() string { return gossh.FingerprintSHA256(k.Signer.PublicKey()) }

// AuthorizedLine is the key's authorized_keys line with the given options
// ("" for none) and comment.
func (k *Key) AuthorizedLine(options, comment string) string {
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.Signer.PublicKey())))
	if options != "" {
		line = options + " " + line
	}
	return line + " " + comment
}

// RoleLine is the line granting role ("admin" or "viewer") to the key.
func (k *Key) RoleLine(role, comment string) string {
	return k.AuthorizedLine(fmt.Sprintf(`environment="%s=%s"`, sshserver.RoleEnvVar, role), comment)
}

// WriteFile stores the private key with mode 0600 in dir and returns its path.
func (k *Key) WriteFile(tb testing.TB, dir string) string {
	tb.Helper()
	f, err := os.CreateTemp(dir, "id_ed25519_*") // created 0600
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(k.PrivatePEM); err != nil {
		tb.Fatal(err)
	}
	return f.Name()
}

// Server is a running sshserver on 127.0.0.1 with an admin and a viewer key.
type Server struct {
	*sshserver.Server
	Addr      string
	HostKeyFP string
	Dir       string // temp dir holding the host key and authorized_keys
	Admin     *Key
	Viewer    *Key
	served    chan error
}

// StartServer starts a server whose authorized_keys grants Admin and
// Viewer, with rate limiting off unless cfg sets it. cfg.HostKeyPath and
// AuthorizedKeysPath default into a temp dir; extraLines are appended to
// authorized_keys. The server is shut down when the test ends.
func StartServer(tb testing.TB, cfg sshserver.Config, extraLines ...string) *Server {
	tb.Helper()
	dir := tb.TempDir()
	s := &Server{Dir: dir, Admin: NewKey(tb), Viewer: NewKey(tb), served: make(chan error, 1)}
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(dir, "hostkey", "ssh_host_ed25519")
	}
	if cfg.AuthorizedKeysPath == "" {
		cfg.AuthorizedKeysPath = filepath.Join(dir, "authorized_keys")
		lines := append([]string{
			"# test keys",
			s.Admin.RoleLine("admin", "admin@test"),
			s.Viewer.RoleLine("viewer", "viewer@test"),
		}, extraLines...)
		if err := os.WriteFile(cfg.AuthorizedKeysPath, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = -1
	}
	srv, err := sshserver.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	s.Server, s.Addr, s.HostKeyFP = srv, ln.Addr().String(), srv.HostKeyFingerprint()
	go func() { s.served <- srv.Serve(ln) }()
	tb.Cleanup(func() { _ = srv.Close() })
	return s
}

// Served returns Serve's result once it has returned.
func (s *Server) Served() <-chan error { return s.served }

// Dial connects with key, checking the host key's fingerprint.
func (s *Server) Dial(key *Key) (*gossh.Client, error) {
	return Dial(s.Addr, s.HostKeyFP, gossh.PublicKeys(key.Signer))
}

// Dial opens an SSH connection offering the given auth methods.
func Dial(addr, hostKeyFP string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, ClientConfig(hostKeyFP, auth...))
}

// ClientConfig is a client config that pins the host key fingerprint.
func ClientConfig(hostKeyFP string, auth ...gossh.AuthMethod) *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User: "tester",
		Auth: auth,
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			if got := gossh.FingerprintSHA256(key); got != hostKeyFP {
				return fmt.Errorf("host key %s, want %s", got, hostKeyFP)
			}
			return nil
		},
		Timeout: 10 * time.Second,
	}
}

// Buffer collects a session's output; safe for concurrent use. The zero
// value is ready to use.
type Buffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func newBuffer() *Buffer { return &Buffer{} }

// signal returns the channel closed at the next write. Called with b.mu held.
func (b *Buffer) signal() chan struct{} {
	if b.changed == nil {
		b.changed = make(chan struct{})
	}
	return b.changed
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.b.Write(p)
	close(b.signal())
	b.changed = make(chan struct{})
	return len(p), nil
}

// Reset forgets what was received so far (WaitFor and Text then see only
// what arrives later), so a long test does not rescan megabytes of frames.
func (b *Buffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.b = bytes.Buffer{}
}

// Text is everything received so far with ANSI sequences removed.
func (b *Buffer) Text() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return ansi.Strip(b.b.String())
}

// WaitFor waits until the text contains want.
func (b *Buffer) WaitFor(want string, timeout time.Duration) error {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		b.mu.Lock()
		has := strings.Contains(ansi.Strip(b.b.String()), want)
		changed := b.signal()
		b.mu.Unlock()
		if has {
			return nil
		}
		select {
		case <-changed:
		case <-deadline.C:
			return fmt.Errorf("no %q within %s; got:\n%s", want, timeout, b.Text())
		}
	}
}

// Console is an interactive session with a PTY and a shell request, as
// `ssh -t` opens it. Stdout and stderr go to Out, in arrival order.
type Console struct {
	Session *gossh.Session
	Out     *Buffer
	stdin   io.WriteCloser
}

// OpenConsole requests a PTY of w×h with TERM=term and starts the shell.
func OpenConsole(c *gossh.Client, term string, w, h int) (*Console, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	con := &Console{Session: sess, Out: newBuffer()}
	sess.Stdout, sess.Stderr = con.Out, con.Out
	if con.stdin, err = sess.StdinPipe(); err != nil {
		sess.Close()
		return nil, err
	}
	if err := sess.RequestPty(term, h, w, gossh.TerminalModes{}); err != nil {
		sess.Close()
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, err
	}
	return con, nil
}

// Type sends keystrokes.
func (c *Console) Type(keys string) error {
	_, err := io.WriteString(c.stdin, keys)
	return err
}

// Resize sends a window-change request.
func (c *Console) Resize(w, h int) error { return c.Session.WindowChange(h, w) }

// WaitFor waits until the output contains want.
func (c *Console) WaitFor(want string, timeout time.Duration) error {
	return c.Out.WaitFor(want, timeout)
}

// WaitExit waits for the session to end and returns its exit status
// (-1 if it ended without one, e.g. the connection dropped).
func (c *Console) WaitExit(timeout time.Duration) (int, error) {
	done := make(chan error, 1)
	go func() { done <- c.Session.Wait() }()
	select {
	case err := <-done:
		return ExitCode(err), nil
	case <-time.After(timeout):
		return -1, fmt.Errorf("session still running after %s; output:\n%s", timeout, c.Out.Text())
	}
}

// Close closes the session channel.
func (c *Console) Close() error { return c.Session.Close() }

// ExitCode maps a session's Wait/Run error to its exit status.
func ExitCode(err error) int {
	var exit *gossh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitStatus()
	default:
		return -1
	}
}
