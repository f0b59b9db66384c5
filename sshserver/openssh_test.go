package sshserver_test

import (
	"context"
	"io"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// TestOpenSSHClient runs the real OpenSSH client once, as a user would.
func TestOpenSSHClient(t *testing.T) {
	t.Parallel()
	bin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("OpenSSH client not installed (apt-get install -y openssh-client); skipping the OpenSSH run")
	}
	srv, _ := start(t, sshserver.Config{})
	keyFile := srv.Admin.WriteFile(t, t.TempDir())
	host, port, _ := strings.Cut(srv.Addr, ":")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-F", "/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
		"-i", keyFile, "-p", port, "-tt", "alice@"+host)
	cmd.Env = append(cmd.Environ(), "TERM=xterm-256color")
	out := &sshtest.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := out.WaitFor("hello admin "+srv.Admin.Fingerprint(), 15*time.Second); err != nil {
		_ = cmd.Process.Kill()
		t.Fatal(err)
	}
	_, _ = io.WriteString(stdin, "q")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("ssh exited with %v; output:\n%s", err, out.Text())
	}
}
