package credentials

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
)

// Batch sizes of the streaming load: a small first batch paints the first
// screenful quickly, later batches amortise the per-message cost.
const (
	firstBatch = 500
	nextBatch  = 2000
)

// load is one streaming read of the list, from the first batch to the
// last. The list cancels its context when a reload or leaving the screen
// abandons it; the stream is closed then.
type load struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	src    source
	conv   converter
	stall  time.Duration // longest wait for one batch before giving up
}

// streamLoad is the list's Load: open the stream, read the first batch;
// each page's Next reads the following batch. The rows of one load agree
// on "now" (the converter's), so expiry states do not change mid-load.
func streamLoad(c *ui.Common, a api) func(ctx context.Context, _ string) (list.Page[row], error) {
	return func(ctx context.Context, _ string) (list.Page[row], error) {
		ctx, cancel := context.WithCancelCause(ctx)
		l := &load{ctx: ctx, cancel: cancel, conv: newConverter(c.Clock(), c.Client), stall: c.RequestTimeout}
		var src source
		if err := l.watch(func() (err error) { src, err = a.Stream(ctx); return err }); err != nil {
			cancel(err)
			return list.Page[row]{}, err
		}
		l.src = src
		context.AfterFunc(ctx, func() { src.Close() })
		return l.read(firstBatch)
	}
}

// read converts the next n credentials to rows (in the list's command, off
// the UI thread).
func (l *load) read(n int) (list.Page[row], error) {
	var batch []client.Credential
	err := l.watch(func() (err error) { batch, err = l.src.Next(n); return err })
	p := list.Page[row]{Total: -1, Items: l.conv.rows(batch, make([]row, 0, len(batch)))}
	if t, ok := l.src.Total(); ok {
		p.Total = t
	}
	switch {
	case errors.Is(err, io.EOF):
		l.cancel(nil) // done: closes the stream
		return p, nil
	case err != nil:
		l.cancel(err)
		return p, err
	}
	p.Next = func(context.Context) (list.Page[row], error) { return l.read(nextBatch) }
	return p, nil
}

// watch runs fn, cancelling the load if it stalls longer than l.stall: a
// whole 100k body may take long, but no single batch should.
func (l *load) watch(fn func() error) error {
	if l.stall > 0 {
		t := time.AfterFunc(l.stall, func() { l.cancel(errStalled) })
		defer t.Stop()
	}
	err := fn()
	if err != nil && !errors.Is(err, io.EOF) && l.ctx.Err() != nil {
		// Say why the load stopped rather than the transport's "context canceled".
		return context.Cause(l.ctx)
	}
	return err
}

// errStalled is the cause of a load cancelled for a batch that never came.
var errStalled = errors.New("the credential list stopped arriving: timed out waiting for the server")
