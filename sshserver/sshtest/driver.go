package sshtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// driverEnv carries the driver's parameters to the child test binary.
const driverEnv = "PAMCONSOLE_SSHTEST_DRIVER"

type driverParams struct {
	Addr, HostKeyFP, FirstFrame string
	Key                         []byte
	Sessions                    int
}

// MaybeRunDriver turns this test binary into a client driver when
// SpawnClients started it, and exits; otherwise it returns at once. Call
// it first thing in TestMain of any package using SpawnClients (and so the
// memory benchmark):
//
//	func TestMain(m *testing.M) { sshtest.MaybeRunDriver(); os.Exit(m.Run()) }
func MaybeRunDriver() {
	raw := os.Getenv(driverEnv)
	if raw == "" {
		return
	}
	if err := runDriver(raw); err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	// Hold the sessions until the parent kills us or closes our stdin; the
	// connections are then dropped by the kernel, without any SSH goodbye.
	_, _ = io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}

func runDriver(raw string) error {
	var p driverParams
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		return err
	}
	signer, err := gossh.ParsePrivateKey(p.Key)
	if err != nil {
		return err
	}
	errs := make(chan error, p.Sessions)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8) // keep the handshakes from swamping 2 cores
	for range p.Sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := Dial(p.Addr, p.HostKeyFP, gossh.PublicKeys(signer))
			if err != nil {
				errs <- err
				return
			}
			con, err := OpenConsole(c, "xterm-256color", 80, 24)
			if err == nil {
				err = con.WaitFor(p.FirstFrame, 30*time.Second)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	fmt.Println("READY")
	return nil
}

// Clients is a child process holding SSH sessions open.
type Clients struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr bytes.Buffer
}

// SpawnClients starts a child process (this test binary, see
// MaybeRunDriver) that opens n console sessions with key and returns once
// every one has shown firstFrame. Keeping the clients out of this process
// lets the caller measure the server's own goroutines and heap.
func (s *Server) SpawnClients(tb testing.TB, key *Key, n int, firstFrame string) (*Clients, error) {
	tb.Helper()
	raw, err := json.Marshal(driverParams{Addr: s.Addr, HostKeyFP: s.HostKeyFP, FirstFrame: firstFrame, Key: key.PrivatePEM, Sessions: n})
	if err != nil {
		return nil, err
	}
	c := &Clients{cmd: exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")}
	c.cmd.Env = append(os.Environ(), driverEnv+"="+string(raw))
	c.cmd.Stderr = &c.stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		return nil, err
	}
	tb.Cleanup(func() { _ = c.Drop() })
	line, err := readLine(out, 90*time.Second)
	switch {
	case err != nil:
		_ = c.Drop()
		return nil, fmt.Errorf("client driver: %w (stderr: %s)", err, c.stderr.String())
	case line == "READY":
		return c, nil
	case strings.HasPrefix(line, "ERROR"):
		_ = c.Drop()
		return nil, errors.New("client driver: " + line)
	default:
		_ = c.Drop()
		return nil, fmt.Errorf("client driver did not start (got %q): call sshtest.MaybeRunDriver() first in TestMain", line)
	}
}

func readLine(r io.Reader, timeout time.Duration) (string, error) {
	got := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if t := strings.TrimSpace(sc.Text()); t == "READY" || strings.HasPrefix(t, "ERROR") {
				got <- t
				return
			}
		}
		got <- ""
	}()
	select {
	case line := <-got:
		return line, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("no answer within %s", timeout)
	}
}

// Drop kills the child: every connection ends abruptly.
func (c *Clients) Drop() error {
	if c.cmd.ProcessState != nil {
		return nil
	}
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
	return nil
}
