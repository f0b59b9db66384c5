package list

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
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
	index   *filter.Builder // this load's filter rows, appended by its page commands
}

// prefetch is how near the end the cursor comes before a Lazy list asks
// for the next page.
const prefetch = 50

// replacing: the rows on screen will be replaced by this load's first page.
func (s loadState) replacing() bool { return s.loading && s.fresh }

// pageMsg is one page, measured and indexed for the filter off the UI
// thread.
type pageMsg struct {
	load   uint64
	items  any             // []T, boxed once so the message type is not generic
	widths []int           // the widest cell of each column over the page
	index  *filter.Builder // the builder the page's rows were appended to; nil: none
	total  int
	next   func(ctx context.Context) (pageMsg, error)
	query  string
	err    error
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
		loaded: l.load.loaded, total: -1, index: filter.NewBuilder()}
	query := ""
	if l.spec.ServerSearch {
		query = l.bar.Value()
		l.search.asked = query
	}
	load, spec, index := l.spec.Load, l.spec, l.load.index
	return l.fetch(func(ctx context.Context) (pageMsg, error) {
		p, err := load(ctx, query)
		p.Items = withRoom(p.Items, p.Total) // here, off the UI thread
		return convert(spec, p, index), err
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

// convert measures a page's cells and appends its rows to the load's
// filter index (off the UI thread; index nil: not indexed). Pages of one
// load are converted one after the other, each after the previous one was
// applied, so the index holds the rows in the list's order.
func convert[T any](spec Spec[T], p Page[T], index *filter.Builder) pageMsg {
	items := p.Items
	msg := pageMsg{total: p.Total, items: items, index: index}
	for i, it := range items {
		cells := spec.Cells(it)
		if i == 0 {
			msg.widths = make([]int, len(cells))
		}
		vtable.Widen(msg.widths, cells)
		if index != nil {
			index.AddCells(cells, spec.Match)
		}
	}
	if next := p.Next; next != nil {
		msg.next = func(ctx context.Context) (pageMsg, error) {
			np, err := next(ctx)
			return convert(spec, np, index), err
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
	items, _ := msg.items.([]T)
	if fresh {
		l.replace(items, msg.widths, msg.index)
		if l.spec.ServerSearch {
			l.search.answered = msg.query
			l.table.GotoTop()
		}
	} else {
		l.append(items, msg.widths, msg.index)
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
// the same keys. widths are the rows' column widths (nil: measured here);
// index holds the rows for the filter (nil: indexed here).
func (l *Model[T]) replace(items []T, widths []int, index *filter.Builder) {
	l.held = &held[T]{items: items}
	l.table.SetSource(len(items), l.source(l.held), widths)
	l.items = items
	if index == nil || index.Len() != len(items) {
		index = l.indexOf(items)
	}
	l.index = index
	l.shown = filter.Result{}
	l.order.perm, l.order.pos = nil, nil
}

func (l *Model[T]) append(items []T, widths []int, index *filter.Builder) {
	l.items = append(l.items, items...)
	l.held.items = l.items
	if index != l.index || l.index.Len() != len(l.items) {
		// The rows were replaced (Put, Remove) while this load went on.
		l.index = l.indexOf(l.items)
	}
	l.table.Grow(len(items), widths)
}

// indexOf builds the filter's rows of items on the UI thread (a row put or
// removed; pages are indexed in their command).
func (l *Model[T]) indexOf(items []T) *filter.Builder {
	b := filter.NewBuilder()
	for _, it := range items {
		b.AddCells(l.spec.Cells(it), l.spec.Match)
	}
	return b
}

// withRoom returns s with room for total elements (the load's total, when
// the server says), so a streamed list of a million rows is not copied
// twenty times as it grows, nor left with up to twice the room it needs.
func withRoom[E any](s []E, total int) []E {
	if total <= cap(s) || total > 1<<26 {
		return s
	}
	out := make([]E, len(s), total)
	copy(out, s)
	return out
}
