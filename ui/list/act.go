package list

import (
	"context"
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// askTag marks a confirmation the list asked for.
type askTag struct{ id uint64 }

// Confirm asks question in a y/n dialog; a yes (or one of the options, whose
// key act receives; "" for y) runs act.
func (l *Model[T]) Confirm(title, question string, act func(option string) tea.Cmd, options ...confirm.Option) tea.Cmd {
	id := l.c.NextID()
	l.asks[id] = act
	return confirm.AskTagged(l.c, title, question, askTag{id}, options...)
}

// onPopped runs a confirmed act; ok is false for a result that is not a
// confirmation of the list.
func (l *Model[T]) onPopped(result any) (tea.Cmd, bool) {
	r, isConfirm := result.(confirm.Result)
	if !isConfirm {
		return nil, false
	}
	tag, ok := r.Tag.(askTag)
	if !ok {
		return nil, false
	}
	act := l.asks[tag.id]
	delete(l.asks, tag.id)
	if !r.Yes || act == nil {
		return nil, true
	}
	return act(r.Option), true
}

// doneMsg is the answer of a write sent with Do: then runs on the UI thread.
type doneMsg struct {
	id   uint64
	then func() tea.Cmd
}

// Do sends one write: busy (shown in the info line, Writing true) until
// its answer; call runs in a command with a bounded context and returns
// what to do with the answer on the UI thread. The session's Guard is
// checked right before. An answer to an older write is dropped.
func (l *Model[T]) Do(busy string, call func(ctx context.Context) func() tea.Cmd) tea.Cmd {
	if err := l.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	l.actID, l.busy = l.c.NextID(), busy
	id, c := l.actID, l.c
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		return doneMsg{id: id, then: call(ctx)}
	}
}

func (l *Model[T]) onDone(msg doneMsg) tea.Cmd {
	if msg.id != l.actID {
		return nil
	}
	l.actID, l.busy = 0, ""
	if msg.then == nil {
		return nil
	}
	return msg.then()
}

// Put shows item in place of the row with its key, or adds it (with the
// cursor on it), without a reload. The filter's index is kept when the
// row's searched cells did not change (an action on a row of a million) and
// extended when the row is new and no load is appending to it; otherwise
// it is built again.
func (l *Model[T]) Put(item T) tea.Cmd {
	k := l.spec.Key(item)
	cells := l.spec.Cells(item)
	widths := l.table.ContentWidths()
	vtable.Widen(widths, cells)
	items := slices.Clone(l.items)
	if i := slices.IndexFunc(items, func(it T) bool { return l.spec.Key(it) == k }); i >= 0 {
		var index *filter.Builder
		if l.index != nil && vtable.JoinCells(l.spec.Cells(items[i]), l.spec.Match) == vtable.JoinCells(cells, l.spec.Match) {
			index = l.index
		}
		items[i] = item
		l.replace(items, widths, index)
		return l.afterRows(true)
	}
	var index *filter.Builder
	if l.index != nil && !l.load.loading && l.index.Len() == len(items) {
		index = l.index
		index.AddCells(cells, l.spec.Match)
	}
	l.replace(append(items, item), widths, index)
	cmd := l.afterRows(true)
	l.table.SetCursorByKey(k)
	return cmd
}

// Remove drops the rows with these keys; the cursor stays at the same
// place in the list (on the row after the one removed).
func (l *Model[T]) Remove(keys ...string) tea.Cmd {
	gone := make(map[string]bool, len(keys))
	for _, k := range keys {
		gone[k] = true
	}
	next := l.nextKeptKey(gone)
	var items []T
	for _, it := range l.items {
		if !gone[l.spec.Key(it)] {
			items = append(items, it)
		}
	}
	l.replace(items, l.table.ContentWidths(), nil)
	cmd := l.afterRows(true)
	if next != "" {
		l.table.SetCursorByKey(next)
	}
	return cmd
}

// nextKeptKey is the key of the first row at or after the cursor (else
// before it) in the view that is not gone.
func (l *Model[T]) nextKeptKey(gone map[string]bool) string {
	p := l.table.CursorPos()
	for _, step := range []int{1, -1} {
		for q := p; ; q += step {
			r := l.table.RowAt(q)
			if r < 0 {
				break
			}
			if k := l.keyAt(r); !gone[k] {
				return k
			}
		}
	}
	return ""
}

// Select puts the cursor on the row with key k (after a save); false when
// the view does not show it.
func (l *Model[T]) Select(k string) bool { return l.table.SetCursorByKey(k) }

// SelectWhen puts the cursor on the first row for which match is true once
// such a row has loaded (after a save, the saved row of the reload).
func (l *Model[T]) SelectWhen(match func(T) bool) {
	l.selectWhen = match
	l.trySelect()
}

func (l *Model[T]) trySelect() {
	if l.selectWhen == nil {
		return
	}
	for i, it := range l.items {
		if l.selectWhen(it) {
			if l.table.SetCursorByKey(l.keyAt(i)) {
				l.selectWhen = nil
			}
			return
		}
	}
}
