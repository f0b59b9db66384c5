package sshtest

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/sshserver"
)

// BenchConnectFirstFrame measures, per op, an in-process client connecting,
// authenticating, opening a 80×24 PTY console and receiving firstFrame.
// cfg.NewModel is the model under test (a trivial one, or the real console).
func BenchConnectFirstFrame(b *testing.B, cfg sshserver.Config, firstFrame string) {
	srv := StartServer(b, cfg)
	b.ReportAllocs()
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		c, err := srv.Dial(srv.Admin)
		if err != nil {
			b.Fatal(err)
		}
		con, err := OpenConsole(c, "xterm-256color", 80, 24)
		if err != nil {
			b.Fatal(err)
		}
		if err := con.WaitFor(firstFrame, 10*time.Second); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		b.StopTimer()
		_ = c.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-frame")
}

// BenchSessionMemory measures the server's heap and goroutines per live
// session: n sessions are opened by a child process (see SpawnClients), so
// only the server's side is counted, then dropped abruptly. Reports
// "heap-B/session" and "goroutines/session". The calling package's
// TestMain must call MaybeRunDriver.
func BenchSessionMemory(b *testing.B, cfg sshserver.Config, firstFrame string, n int) {
	srv := StartServer(b, cfg)
	if err := openAndDrop(b, srv, 1, firstFrame); err != nil { // warm up lazy globals
		b.Fatal(err)
	}
	var heap, goroutines float64
	b.ResetTimer()
	for range b.N {
		g0, h0 := Settle()
		clients, err := srv.SpawnClients(b, srv.Admin, n, firstFrame)
		if err != nil {
			b.Fatal(err)
		}
		g1, h1 := Settle()
		heap += float64(int64(h1)-int64(h0)) / float64(n)
		goroutines += float64(g1-g0) / float64(n)
		_ = clients.Drop()
		if err := WaitBaseline(srv, g0, 10*time.Second); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(heap/float64(b.N), "heap-B/session")
	b.ReportMetric(goroutines/float64(b.N), "goroutines/session")
}

func openAndDrop(tb testing.TB, srv *Server, n int, firstFrame string) error {
	g0, _ := Settle()
	clients, err := srv.SpawnClients(tb, srv.Admin, n, firstFrame)
	if err != nil {
		return err
	}
	_ = clients.Drop()
	return WaitBaseline(srv, g0, 10*time.Second)
}

// Settle runs the garbage collector and returns the goroutine count and
// the live heap in bytes.
func Settle() (goroutines int, heap uint64) {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return runtime.NumGoroutine(), ms.HeapAlloc
}

// WaitBaseline waits until the server has no session and the goroutine
// count is back to at most baseline.
func WaitBaseline(srv *Server, baseline int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		g := runtime.NumGoroutine()
		if srv.ActiveSessions() == 0 && g <= baseline {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("after %s: %d sessions, %d goroutines (baseline %d)", timeout, srv.ActiveSessions(), g, baseline)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
