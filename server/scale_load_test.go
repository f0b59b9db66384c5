//go:build scale

package server_test

// BenchmarkScaleLoad is issue 18's "whole list at 1M": GET credential read
// to the end, raw (io.Copy of the body to io.Discard, what curl does) and
// through client.Credentials.Stream (what the console does), one after
// the other against the same server. The server runs in a child process
// (this test binary, TestScaleServeHelper) so the client's allocations are
// counted alone and the two compete for the cores as a console and its
// server do. Run:
//
//	go test -tags scale -run '^$' -bench 'ScaleLoad' -benchmem -timeout 60m ./server/
//
// A 1M seed takes a minute or more; PAMCONSOLE_SCALE_DIR=/some/dir keeps
// the seeded databases there and reuses them on the next run.

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

const (
	scaleServeEnv = "PAMCONSOLE_SCALE_SERVE" // credentials the child seeds and serves
	scaleDirEnv   = "PAMCONSOLE_SCALE_DIR"   // optional: where seeded databases are kept
	scaleProfEnv  = "PAMCONSOLE_SCALE_SERVER_CPUPROFILE"
)

var scaleLoadSizes = []struct {
	name string
	n    int
}{{"100k", 100_000}, {"1M", 1_000_000}}

// TestScaleServeHelper is the child server of BenchmarkScaleLoad; it
// skips unless started by it. It prints "SERVE url client_id secret" on
// stdout and serves until its stdin closes.
func TestScaleServeHelper(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv(scaleServeEnv))
	if err != nil {
		t.Skip("the child server of BenchmarkScaleLoad")
	}
	dir := t.TempDir()
	if keep := os.Getenv(scaleDirEnv); keep != "" {
		dir = filepath.Join(keep, strconv.Itoa(n))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(bg, filepath.Join(dir, "pam.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ready := filepath.Join(dir, "ready")
	creds, err := os.ReadFile(ready)
	if err != nil {
		_, cid, secret, err := st.Bootstrap(bg)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SeedDemo(bg, rand.New(rand.NewPCG(42, 42)), n, 40); err != nil {
			t.Fatal(err)
		}
		creds = []byte(cid + " " + secret)
		if err := os.WriteFile(ready, creds, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := server.New(st, server.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(bg)
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	fmt.Printf("SERVE http://%s %s\n", ln.Addr(), creds)
	io.Copy(io.Discard, os.Stdin)
	stop()
	<-done
}

// scaleServer is a child server holding n demo credentials and a client
// signed in to it.
type scaleServer struct {
	url string
	c   *client.Client
	pid int
}

func startScaleServer(b *testing.B, n int) *scaleServer {
	args := []string{"-test.run=^TestScaleServeHelper$", "-test.timeout=0"}
	if p := os.Getenv(scaleProfEnv); p != "" {
		args = append(args, "-test.cpuprofile="+p+"."+strconv.Itoa(n))
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), scaleServeEnv+"="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stdin.Close(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 4 || f[0] != "SERVE" {
			continue
		}
		go io.Copy(io.Discard, stdout)
		b.Logf("server with %d credentials ready in %v", n, time.Since(start).Round(time.Millisecond))
		c, err := client.New(f[1], f[2], f[3], client.WithTimeout(time.Hour))
		if err != nil {
			b.Fatal(err)
		}
		return &scaleServer{url: f[1], c: c, pid: cmd.Process.Pid}
	}
	b.Fatalf("the child server ended before serving: %v", sc.Err())
	return nil
}

func BenchmarkScaleLoad(b *testing.B) {
	pat := flag.Lookup("test.bench").Value.String()
	for _, size := range scaleLoadSizes {
		if strings.Contains(pat, "/") && !strings.Contains(pat, size.name) {
			continue
		}
		srv := startScaleServer(b, size.n)
		rawTransfer(b, srv, size.n) // warm: the count cache and the page cache
		b.Run(size.name, func(b *testing.B) {
			var raw, load, rawCPU, loadCPU, clientCPU time.Duration
			var body int64
			var allocs, bytes uint64
			for b.Loop() {
				s0, t0 := procCPU(b, srv.pid), time.Now()
				body = rawTransfer(b, srv, size.n)
				raw += time.Since(t0)
				rawCPU += procCPU(b, srv.pid) - s0
				var m0, m1 runtime.MemStats
				runtime.ReadMemStats(&m0)
				s1, c1, t1 := procCPU(b, srv.pid), selfCPU(b), time.Now()
				streamAll(b, srv, size.n)
				load += time.Since(t1)
				loadCPU += procCPU(b, srv.pid) - s1
				clientCPU += selfCPU(b) - c1
				runtime.ReadMemStats(&m1)
				allocs += m1.Mallocs - m0.Mallocs
				bytes += m1.TotalAlloc - m0.TotalAlloc
			}
			rows := float64(b.N) * float64(size.n)
			perOp := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
			b.ReportMetric(perOp(raw), "raw-s")
			b.ReportMetric(perOp(load), "load-s")
			b.ReportMetric(rows/raw.Seconds(), "raw-rows/s")
			b.ReportMetric(rows/load.Seconds(), "load-rows/s")
			b.ReportMetric(load.Seconds()/raw.Seconds(), "load/raw")
			// CPU seconds say what wall time cannot on a shared machine:
			// the server's for each read, and the client's decode.
			b.ReportMetric(perOp(rawCPU), "server-cpu-s-raw")
			b.ReportMetric(perOp(loadCPU), "server-cpu-s-load")
			b.ReportMetric(perOp(clientCPU), "client-cpu-s")
			b.ReportMetric(float64(allocs)/rows, "allocs/cred")
			b.ReportMetric(float64(bytes)/rows, "B/cred")
			b.ReportMetric(float64(body)/1e6, "MB-body")
		})
	}
}

// procCPU is the user and system CPU time process pid has used.
func procCPU(b *testing.B, pid int) time.Duration {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(stat[bytesLastIndex(stat, ')')+2:])) // after "pid (comm) "
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ
}

func bytesLastIndex(b []byte, c byte) int { return strings.LastIndexByte(string(b), c) }

// selfCPU is this process's user and system CPU time.
func selfCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rawTransfer reads GET credential as curl does and returns the body size.
func rawTransfer(b *testing.B, srv *scaleServer, n int) int64 {
	tok, err := srv.c.Token(bg)
	if err != nil {
		b.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodGet, srv.url+"/iso/pam/credential", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	size, err := io.Copy(io.Discard, resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || size < int64(n)*100 {
		b.Fatalf("raw GET credential: %s, %d bytes, %v", resp.Status, size, err)
	}
	return size
}

// streamAll reads the whole list through the client as the console does.
func streamAll(b *testing.B, srv *scaleServer, n int) {
	s, err := srv.c.Credentials.Stream(bg, client.CredentialListOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rows := 0
	for {
		batch, err := s.Next(2000)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		rows += len(batch)
	}
	if rows != n {
		b.Fatalf("streamed %d credentials, want %d", rows, n)
	}
}
