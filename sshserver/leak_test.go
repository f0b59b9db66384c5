package sshserver_test

import (
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// TestAbruptDropsLeaveNoLeak: 50 sessions, opened by a child process, are
// dropped by killing it (no SSH goodbye); within 10 s the server's
// goroutines are back to baseline and its heap close to it. Not parallel:
// it counts the whole process's goroutines.
func TestAbruptDropsLeaveNoLeak(t *testing.T) {
	srv := sshtest.StartServer(t, sshserver.Config{NewModel: helloModelFunc})
	const frame = "hello admin"
	// Warm up once so lazily built globals (cipher tables, lipgloss, …) are
	// part of the baseline.
	warm, err := srv.SpawnClients(t, srv.Admin, 1, frame)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := sshtest.Settle()
	_ = warm.Drop()
	if err := sshtest.WaitBaseline(srv, g, 10*time.Second); err != nil {
		t.Fatal(err)
	}

	g0, h0 := sshtest.Settle()
	clients, err := srv.SpawnClients(t, srv.Admin, 50, frame)
	if err != nil {
		t.Fatal(err)
	}
	gLive, hLive := sshtest.Settle()
	if n := srv.ActiveSessions(); n != 50 || gLive < g0+50 {
		t.Fatalf("%d live sessions, %d goroutines (baseline %d): the sessions did not all start", n, gLive, g0)
	}
	_ = clients.Drop()
	start := time.Now()
	if err := sshtest.WaitBaseline(srv, g0, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	_, h1 := sshtest.Settle()
	const slack = 512 << 10
	if h1 > h0+slack {
		t.Fatalf("heap %d B after drops, baseline %d B (live: %d B)", h1, h0, hLive)
	}
	t.Logf("50 sessions: +%d goroutines, +%d KiB heap while live; back to baseline in %s (heap %+d B)",
		gLive-g0, (int64(hLive)-int64(h0))>>10, time.Since(start).Round(time.Millisecond), int64(h1)-int64(h0))
}
