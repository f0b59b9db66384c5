package main

import (
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

// consoleSession opens the real console over SSH at 80×24, applies change,
// waits for its table to be drawn again, and returns the server process's
// heap above h0 while it is live and how long goroutines and heap took to
// come back to the baseline after the client closed.
func consoleSession(t *testing.T, srv *sshtest.Server, g0 int, h0 uint64, change func(*sshtest.Console) error) (uint64, time.Duration) {
	t.Helper()
	c, err := srv.Dial(srv.Viewer)
	if err != nil {
		t.Fatal(err)
	}
	con, err := sshtest.OpenConsole(c, "xterm-256color", 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	const frame = "2 client credentials"
	if err := con.WaitFor(frame, time.Minute); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		con.Out.Reset()
		if err := change(con); err != nil {
			t.Fatal(err)
		}
		if err := con.WaitFor(frame, time.Minute); err != nil {
			_, h := sshtest.Settle()
			t.Fatalf("%v (heap %d MiB)", err, h>>20)
		}
	}
	_, hLive := sshtest.Settle()
	_ = c.Close()
	start := time.Now()
	for {
		g, h := sshtest.Settle()
		if srv.ActiveSessions() == 0 && g <= g0 && h <= h0+4<<20 {
			return hLive - min(h0, hLive), time.Since(start)
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("a minute after close: %d sessions, %d goroutines (baseline %d), heap %d KiB (baseline %d KiB)",
				srv.ActiveSessions(), g, g0, h>>10, h0>>10)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Issue 17 §1 with the real console: one window-change of 65535×65535
// drove `pamconsole ssh` to 16.8 GB. Now the session costs what an 80×24
// one does within 32 MiB (it is drawn at 500×300), and its memory returns
// after the client closes. Not parallel: it measures the whole process.
func TestSSHConsoleHugeWindowBounded(t *testing.T) {
	srv := sshtest.StartServer(t, consoleConfig(t))
	g0, h0 := sshtest.Settle()
	consoleSession(t, srv, g0, h0, nil) // warm-up: lazy globals and the key's API client join the baseline
	g0, h0 = sshtest.Settle()
	base, baseBack := consoleSession(t, srv, g0, h0, nil)
	huge, hugeBack := consoleSession(t, srv, g0, h0, func(con *sshtest.Console) error { return con.Resize(65535, 65535) })
	t.Logf("server heap over baseline: 80x24 session +%d KiB (back in %s after close); after a 65535x65535 window-change +%d KiB (back in %s)",
		base>>10, baseBack.Round(time.Millisecond), huge>>10, hugeBack.Round(time.Millisecond))
	if huge > base+32<<20 {
		t.Fatalf("a 65535x65535 session holds +%d KiB, an 80x24 one +%d KiB", huge>>10, base>>10)
	}
}
