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
	ahead  chan batch    // the batches after the first, read and converted ahead
}

// batch is one read of the stream, converted.
type batch struct {
	rows  []row
	total int // -1: the server does not say
	err   error
}

// readAhead is how many converted batches wait for the list: the next
// batch is decoded and converted while the list applies this one.
const readAhead = 1

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

// read reads and converts the first batch (in the list's command, off the
// UI thread); the following batches are read ahead (pump).
func (l *load) read(n int) (list.Page[row], error) {
	p, err := l.page(l.next(n))
	if err == nil && p.Next != nil {
		l.pump()
	}
	return p, err
}

// next reads the next n credentials and converts them to rows.
func (l *load) next(n int) batch {
	var in []client.Credential
	err := l.watch(func() (err error) { in, err = l.src.Next(n); return err })
	b := batch{rows: l.conv.rows(in, make([]row, 0, len(in))), total: -1, err: err}
	if t, ok := l.src.Total(); ok {
		b.total = t
	}
	return b
}

// pump reads and converts the batches after the first in a goroutine of
// the load, readAhead of them ahead of the list: decoding and converting
// the next batch overlaps the list's measuring, indexing and applying of
// this one. It stops after the last batch, an error, or the load's end.
func (l *load) pump() {
	l.ahead = make(chan batch, readAhead)
	go func() {
		defer close(l.ahead)
		for {
			b := l.next(nextBatch)
			select {
			case l.ahead <- b:
			case <-l.ctx.Done():
				return
			}
			if b.err != nil {
				return // io.EOF included
			}
		}
	}()
}

// following is the Next of a page: the batch pump read ahead.
func (l *load) following(ctx context.Context) (list.Page[row], error) {
	select {
	case b, ok := <-l.ahead:
		if !ok { // the load ended before this batch
			return list.Page[row]{Total: -1}, context.Cause(l.ctx)
		}
		return l.page(b)
	case <-ctx.Done():
		return list.Page[row]{Total: -1}, context.Cause(ctx)
	}
}

// page is batch b as the list's page: the last one closes the stream.
func (l *load) page(b batch) (list.Page[row], error) {
	p := list.Page[row]{Total: b.total, Items: b.rows}
	switch {
	case errors.Is(b.err, io.EOF):
		l.cancel(nil) // done: closes the stream
		return p, nil
	case b.err != nil:
		l.cancel(b.err)
		return p, b.err
	}
	p.Next = l.following
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
