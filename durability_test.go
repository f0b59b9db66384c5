package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
)

// Promise 15 (SECURITY.md): an acknowledged write survives SIGKILL of the
// server, and no half-written row is left behind.
func TestDurabilityAfterSIGKILL(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "data", "pam.db")
	b, url, cid, secret := startServer(t, home, db)
	c, err := client.New(url, cid, secret)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var mu sync.Mutex
	acked := map[string]string{} // identifier → password
	lastAcked := map[int]string{}
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				ident := fmt.Sprintf("dur-%d-%d", w, i)
				user := "svc" + ident
				pw := "pw:" + ident + ":" + strings.Repeat("x", i%50)
				_, err := c.Credentials.Upsert(ctx, client.CredentialUpsert{
					Identifier: ident, Username: &user, Hostname: fmt.Sprintf("dur-host-%d", w), IP: "10.9.0.1", Content: pw,
				})
				if err != nil {
					return // the server is gone
				}
				mu.Lock()
				acked[ident], lastAcked[w] = pw, ident
				mu.Unlock()
			}
		}(w)
	}
	// Kill once enough writes are acknowledged (a condition, not a fixed
	// time: a slow machine acknowledges fewer per second), and not before
	// writes are in full flow.
	time.Sleep(500 * time.Millisecond)
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 100 {
			break
		}
	}
	if err := b.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	b.cmd.Wait()
	cancel()
	wg.Wait()
	if len(acked) < 20 {
		t.Fatalf("only %d writes acknowledged before the kill; the test proves nothing", len(acked))
	}

	_, url2, _, _ := startServer(t, home, db)
	c2, err := client.New(url2, cid, secret)
	if err != nil {
		t.Fatal(err)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel2()
	list, err := c2.Credentials.List(ctx2, client.CredentialListOptions{Search: "dur-"})
	if err != nil {
		t.Fatal(err)
	}
	present := map[string]bool{}
	for _, cr := range list.Credentials {
		present[cr.Identifier] = true
	}
	for ident := range acked {
		if !present[ident] {
			t.Errorf("acknowledged write %s lost after SIGKILL", ident)
		}
	}
	// Every stored row (acknowledged or caught mid-flight) must be whole:
	// its password decrypts to exactly what was sent. The newest row of each
	// writer is the one most at risk, so all of those are read.
	checked := 0
	for _, cr := range list.Credentials {
		if !strings.HasPrefix(cr.Identifier, "dur-") {
			continue
		}
		want, wasAcked := acked[cr.Identifier]
		isLast := false
		for _, l := range lastAcked {
			isLast = isLast || l == cr.Identifier
		}
		if wasAcked && !isLast && checked > 150 {
			continue
		}
		got, err := c2.Credentials.Get(ctx2, cr.Identifier)
		if err != nil {
			t.Fatalf("row %s unreadable after restart: %v", cr.Identifier, err)
		}
		if !wasAcked {
			want = "pw:" + cr.Identifier + ":"
			if !strings.HasPrefix(got.Password, want) {
				t.Errorf("unacknowledged row %s is half-written", cr.Identifier)
			}
		} else if got.Password != want {
			t.Errorf("row %s: password differs after restart", cr.Identifier)
		}
		checked++
	}
	t.Logf("%d acknowledged writes before SIGKILL, %d rows after restart, %d passwords checked", len(acked), len(present), checked)
}
