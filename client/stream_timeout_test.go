package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

// slowList serves a credential list of rows rows, one every gap, then
// waits stall before the end of the array.
func slowList(rows int, gap, stall time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		flush := w.(http.Flusher).Flush
		io.WriteString(w, `{"code":200,"response":{"status":200},"total":`+fmt.Sprint(rows)+`,"credentials":[`)
		flush()
		for i := range rows {
			if i > 0 {
				io.WriteString(w, ",")
			}
			fmt.Fprintf(w, `{"id":"%d","identifier":"cred-%d"}`, i+1, i+1)
			flush()
			select {
			case <-time.After(gap):
			case <-r.Context().Done():
				return
			}
		}
		select {
		case <-time.After(stall):
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, `]}`)
	}
}

// Issue 18: http.Client.Timeout covers reading the body, so the console's
// list of a million credentials failed after 30 s on a busy machine
// ("591,133 of 1,000,000 credentials · load failed: … Client.Timeout").
// A stream is read for as long as the body keeps coming.
func TestStreamOutlivesTheClientTimeoutWhileRowsArrive(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("/", slowList(30, 50*time.Millisecond, 0)) // 1.5 s of rows
	c := f.client(t, WithTimeout(600*time.Millisecond))
	s, err := c.Credentials.Stream(context.Background(), CredentialListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := drainStream(t, s, 4); len(got) != 30 || got[29].ID != "30" {
		t.Fatalf("read %d rows", len(got))
	}
}

// A server that stops sending still fails the stream, after the timeout
// without data, with an error that says so.
func TestStreamFailsWhenTheBodyStalls(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("/", slowList(3, 0, time.Minute))
	c := f.client(t, WithTimeout(300*time.Millisecond))
	s, err := c.Credentials.Stream(context.Background(), CredentialListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	for {
		b, err := s.Next(10)
		n += len(b)
		if errors.Is(err, io.EOF) {
			t.Fatalf("the stream ended (%d rows) though the server stalled", n)
		}
		if err != nil {
			if n != 3 || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("after %d rows: %v", n, err)
			}
			return
		}
	}
}
