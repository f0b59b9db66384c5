package credentials

import (
	"context"
	"errors"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Batch sizes of the streaming load: a small first batch paints the first
// screenful quickly, later batches amortise the per-message cost.
const (
	firstBatch = 500
	nextBatch  = 2000
)

// load is one streaming read of the list. A reload or leaving the screen
// cancels it; its late batches are recognised by id and dropped.
type load struct {
	id     uint64
	ctx    context.Context
	cancel context.CancelCauseFunc
	api    api
	src    source // set by the first batch's command, then only read by later commands
	conv   converter
	stall  time.Duration // longest wait for one batch before giving up
}

// batchMsg carries one decoded batch. The conversion to records and cells
// happened in the command, off the UI thread.
type batchMsg struct {
	id    uint64
	load  *load
	recs  []record
	rows  [][]string
	keys  []string
	hay   []string // filter haystacks, vtable.JoinCells(row, matchCols)
	total int      // -1 when the server did not say
	done  bool
	err   error
}

// first opens the stream and reads the first batch.
func (l *load) first() tea.Cmd {
	return func() tea.Msg {
		var src source
		err := l.watch(func() (err error) { src, err = l.api.Stream(l.ctx); return err })
		if err != nil {
			return batchMsg{id: l.id, load: l, done: true, err: err}
		}
		l.src = src
		return l.read(firstBatch)
	}
}

// next reads the following batch.
func (l *load) next() tea.Cmd {
	return func() tea.Msg { return l.read(nextBatch) }
}

func (l *load) read(n int) batchMsg {
	var batch []client.Credential
	err := l.watch(func() (err error) { batch, err = l.src.Next(n); return err })
	msg := batchMsg{id: l.id, load: l, total: -1}
	if t, ok := l.src.Total(); ok {
		msg.total = t
	}
	msg.recs, msg.rows, msg.keys = l.conv.convert(batch, nil, make([][]string, 0, len(batch)), nil)
	msg.hay = make([]string, len(msg.rows))
	for i, row := range msg.rows {
		msg.hay[i] = vtable.JoinCells(row, matchCols)
	}
	switch {
	case errors.Is(err, io.EOF):
		msg.done = true
	case err != nil:
		msg.done, msg.err = true, err
	}
	if msg.done {
		l.src.Close()
	}
	return msg
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

// Causes of a cancelled load.
var (
	errStalled   = errors.New("the credential list stopped arriving: timed out waiting for the server")
	errAbandoned = errors.New("the credential list load was replaced or left")
)

// abandon cancels the load; its stream is closed by whichever command or
// message sees it next. Safe on nil and safe to call twice.
func (l *load) abandon() {
	if l != nil {
		l.cancel(errAbandoned)
	}
}

// closeCmd closes the stream of a load whose batches are being dropped.
func (l *load) closeCmd() tea.Cmd {
	return func() tea.Msg {
		if l.src != nil {
			l.src.Close()
		}
		return nil
	}
}
