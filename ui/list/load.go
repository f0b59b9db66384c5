package list

import (
	"context"
	"slices"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
)

// loadState is the load in progress or the last one.
type loadState struct {
	id      uint64
	cancel  context.CancelFunc
	loading bool
	fresh   bool // no page of this load yet: the rows on screen are the old ones
	loaded  bool // a load succeeded once
	err     error
	total   int // -1 unknown
	next    func(ctx context.Context) (pageMsg, error)
	ctx     context.Context
}

// prefetch is how near the end the cursor comes before a Lazy list asks
// for the next page.
const prefetch = 50

// replacing: the rows on screen will be replaced by this load's first page.
func (s loadState) replacing() bool { return s.loading && s.fresh }

// pageMsg is one page converted to cells off the UI thread.
type pageMsg struct {
	load  uint64
	items []any // []T, boxed so the message type is not generic
	rows  [][]string
	keys  []string
	total int
	next  func(ctx context.Context) (pageMsg, error)
	query string
	err   error
}

// IsPage reports whether msg is a page of rows arriving (tests hold pages
// to look at a load in progress).
func IsPage(msg tea.Msg) bool {
	_, ok := msg.(pageMsg)
	return ok
}

// Reload abandons the load in progress (its late pages are dropped) and
// loads the rows again; the old rows stay on screen until the first page.
func (l *Model[T]) Reload() tea.Cmd {
	if l.load.cancel != nil {
		l.load.cancel()
	}
	parent := l.c.Ctx
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	l.load = loadState{id: l.c.NextID(), cancel: cancel, ctx: ctx, loading: true, fresh: true,
		loaded: l.load.loaded, total: -1}
	query := ""
	if l.spec.ServerSearch {
		query = l.bar.Value()
		l.search.asked = query
	}
	load, spec := l.spec.Load, l.spec
	return l.fetch(func(ctx context.Context) (pageMsg, error) {
		p, err := load(ctx, query)
		return convert(spec, p), err
	}, query)
}

// Close abandons the load in progress (the screen or session is going away).
func (l *Model[T]) Close() {
	if l.load.cancel != nil {
		l.load.cancel()
	}
}

// fetch runs one page request of the current load in a command; the
// conversion to cells happens there too, off the UI thread.
func (l *Model[T]) fetch(get func(context.Context) (pageMsg, error), query string) tea.Cmd {
	id, lctx, stream := l.load.id, l.load.ctx, l.spec.Stream
	timeout := l.c.RequestTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return func() tea.Msg {
		ctx, cancel := lctx, context.CancelFunc(func() {})
		if !stream {
			ctx, cancel = context.WithTimeout(lctx, timeout)
		}
		defer cancel()
		msg, err := get(ctx)
		msg.load, msg.query, msg.err = id, query, err
		return msg
	}
}

// convert renders a page's cells, keys and haystacks (off the UI thread).
func convert[T any](spec Spec[T], p Page[T]) pageMsg {
	msg := pageMsg{total: p.Total, items: make([]any, len(p.Items)), rows: make([][]string, len(p.Items)),
		keys: make([]string, len(p.Items))}
	for i, it := range p.Items {
		msg.items[i] = it
		msg.rows[i] = spec.Cells(it)
		msg.keys[i] = spec.Key(it)
	}
	if next := p.Next; next != nil {
		msg.next = func(ctx context.Context) (pageMsg, error) {
			np, err := next(ctx)
			return convert(spec, np), err
		}
	}
	return msg
}

// onPage applies a page of the current load; pages of older loads are dropped.
func (l *Model[T]) onPage(msg pageMsg) tea.Cmd {
	if msg.load != l.load.id {
		return nil
	}
	fresh := l.load.fresh
	l.load.fresh = false
	if msg.err != nil {
		l.load.loading, l.load.err, l.load.next = false, msg.err, nil
		l.load.cancel()
		return ui.Toast(ui.ToastError, "Loading "+l.spec.Nouns+" failed: "+ui.ErrorText(msg.err))
	}
	l.load.err, l.load.loaded = nil, true
	if msg.total >= 0 {
		l.load.total = msg.total
	}
	items := make([]T, len(msg.items))
	for i, it := range msg.items {
		items[i] = it.(T)
	}
	if fresh {
		l.replace(items, msg.rows, msg.keys)
		if l.spec.ServerSearch {
			l.search.answered = msg.query
			l.table.GotoTop()
		}
	} else {
		l.append(items, msg.rows, msg.keys)
	}
	l.load.next, l.load.loading = msg.next, false
	if msg.next == nil {
		l.load.cancel()
	}
	return tea.Batch(l.afterRows(msg.next == nil), l.more())
}

// more fetches the next page: at once, or (Lazy) when the cursor nears the end.
func (l *Model[T]) more() tea.Cmd {
	next := l.load.next
	if next == nil || l.load.loading {
		return nil
	}
	if l.spec.Lazy && l.table.CursorPos() < l.table.ViewLen()-prefetch {
		return nil
	}
	l.load.loading, l.load.next = true, nil
	return l.fetch(next, l.search.answered)
}

// replace puts new rows in place of the old ones; cursor and marks stay on
// the same keys.
func (l *Model[T]) replace(items []T, rows [][]string, keys []string) {
	l.items, l.rows, l.keys = items, rows, keys
	l.index = filter.NewBuilder()
	for _, row := range rows {
		l.index.AddCells(row, l.spec.Match)
	}
	l.table.SetRows(slices.Clip(rows), slices.Clip(keys))
	l.shown = filter.Result{}
	l.order.perm, l.order.pos = nil, nil
}

func (l *Model[T]) append(items []T, rows [][]string, keys []string) {
	l.items = append(l.items, items...)
	l.rows = append(l.rows, rows...)
	l.keys = append(l.keys, keys...)
	if l.index == nil {
		l.index = filter.NewBuilder()
	}
	for _, row := range rows {
		l.index.AddCells(row, l.spec.Match)
	}
	l.table.AppendRows(rows, keys)
}
