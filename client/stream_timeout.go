package client

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// A streamed body (GET credential at a million rows) may take longer to
// read than a whole ordinary call may take: http.Client.Timeout covers the
// body too, so a list still arriving was cut off after 30 s on a busy
// machine. A streamed request is bounded instead by the client's timeout
// until the response headers and then between two reads of the body: a
// server that stops sending fails as before, one that keeps sending is read
// to the end.

// streamDo sends req for a streamed body: hc without its Timeout, the
// headers and each wait for more of the body bounded by it (0: unbounded).
func streamDo(hc *http.Client, req *http.Request) (*http.Response, error) {
	idle := hc.Timeout
	if idle <= 0 {
		return hc.Do(req)
	}
	unbounded := *hc
	unbounded.Timeout = 0
	ctx, cancel := context.WithCancelCause(req.Context())
	stalled := fmt.Errorf("no data from the server for %s: %w", idle, context.DeadlineExceeded)
	t := time.AfterFunc(idle, func() { cancel(stalled) })
	resp, err := unbounded.Do(req.WithContext(ctx))
	if err != nil {
		t.Stop()
		cancel(nil)
		if ctx.Err() != nil && context.Cause(ctx) == stalled {
			err = stalled
		}
		return nil, err
	}
	t.Reset(idle)
	resp.Body = &idleBody{body: resp.Body, ctx: ctx, cancel: cancel, t: t, idle: idle, stalled: stalled}
	return resp, nil
}

// idleBody is a response body whose reads restart the stall timer.
type idleBody struct {
	body    io.ReadCloser
	ctx     context.Context
	cancel  context.CancelCauseFunc
	t       *time.Timer
	idle    time.Duration
	stalled error
}

func (b *idleBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if n > 0 {
		b.t.Reset(b.idle)
	}
	if err != nil && err != io.EOF && context.Cause(b.ctx) == b.stalled {
		err = b.stalled
	}
	return n, err
}

func (b *idleBody) Close() error {
	b.t.Stop()
	b.cancel(nil)
	return b.body.Close()
}
