package list

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui/widgets/filter"
)

// searchState is the server search (Spec.ServerSearch): what was asked,
// what the rows answer, and the debounce of typing.
type searchState struct {
	asked    string // the query of the load in flight or last sent
	answered string // the query the rows on screen answer
	typedSeq uint64 // latest debounce tick
}

// pending: the query typed is not the one the rows answer yet.
func (s searchState) pending(typed string) bool { return typed != s.answered }

// debounce is how long typing must pause before a server search is sent.
const debounce = 250 * time.Millisecond

// DebounceForTest is debounce, for the tests of screens that search.
const DebounceForTest = debounce

// typedMsg is the debounce tick of a server search.
type typedMsg struct{ seq uint64 }

// query is the query on screen: the local filter's or the server search's.
func (l *Model[T]) query() string {
	if l.spec.ServerSearch {
		return l.search.answered
	}
	if l.filterShown() {
		return l.shown.Query
	}
	return ""
}

// Query is the filter or search query the rows on screen answer ("" for none).
func (l *Model[T]) Query() string { return l.query() }

// filterShown: a local filter result with a query is on screen.
func (l *Model[T]) filterShown() bool { return l.shown.Seq != 0 && l.shown.Query != "" }

// filterPending: the local filter's latest query (or its re-run on new
// rows) has not been applied yet.
func (l *Model[T]) filterPending() bool {
	if l.spec.ServerSearch || l.flt.Query() == "" {
		return false
	}
	return !l.flt.IsCurrent(l.shown)
}

// Filtering reports whether a filter or search is active (typed or shown).
func (l *Model[T]) Filtering() bool {
	return l.bar.Focused() || l.bar.Value() != "" || l.query() != ""
}

// barKey handles a key while the bar has focus: enter keeps the query, esc
// clears it, anything else edits it.
func (l *Model[T]) barKey(k tea.KeyMsg) tea.Cmd {
	out, cmd := l.bar.Key(k, l.Keys.KeepFilter, l.Keys.ClearFilter)
	switch out {
	case filter.Cleared:
		return l.clearFilter()
	case filter.Kept:
		if l.spec.ServerSearch {
			return l.searchNow()
		}
	case filter.Changed:
		if l.spec.ServerSearch {
			l.search.typedSeq = l.c.NextID()
			seq := l.search.typedSeq
			return tea.Batch(cmd, l.c.Tick(debounce, func(time.Time) tea.Msg { return typedMsg{seq: seq} }))
		}
		if l.index != nil {
			// The rows loaded so far: pages arriving with no query did not
			// give them to the filter. SetQuery supersedes this re-run.
			l.flt.SetSnapshot(l.shownRows())
		}
		return tea.Batch(cmd, l.flt.SetQuery(l.bar.Value()))
	}
	return cmd
}

// searchNow sends the typed search at once unless the rows already answer it.
func (l *Model[T]) searchNow() tea.Cmd {
	l.search.typedSeq = l.c.NextID() // a pending debounce tick is now stale
	if l.bar.Value() == l.search.asked {
		return nil
	}
	return l.Reload()
}

func (l *Model[T]) onTyped(msg typedMsg) tea.Cmd {
	if msg.seq != l.search.typedSeq || l.bar.Value() == l.search.asked {
		return nil
	}
	return l.Reload()
}

// clearFilter empties the bar and shows every row again.
func (l *Model[T]) clearFilter() tea.Cmd {
	l.bar.Clear()
	if l.spec.ServerSearch {
		return l.searchNow()
	}
	l.shown, l.lastQuery = filter.Result{}, ""
	cmd := l.flt.SetQuery("") // makes every search in flight stale
	l.applyView()
	return cmd
}

// onFilter shows a current local filter result; a result for an older
// query or older rows is dropped.
func (l *Model[T]) onFilter(r filter.Result) {
	if !l.flt.Apply(r) {
		return
	}
	if r.Query != "" && r.Indices == nil && l.flt.Snapshot() == nil {
		return // asked before any rows: the snapshot's own search answers
	}
	newQuery := r.Query != l.lastQuery
	l.shown, l.lastQuery = r, r.Query
	l.applyView()
	if newQuery {
		l.table.GotoTop() // the best match first, as every fuzzy finder does
	}
	l.trySelect()
}

// afterRows re-runs the filter and the sort on changed rows (done: the
// load is complete) and shows the result.
func (l *Model[T]) afterRows(done bool) tea.Cmd {
	var cmds []tea.Cmd
	if !l.spec.ServerSearch && (done || l.flt.Query() != "") {
		if l.index == nil {
			l.index = filter.NewBuilder()
		}
		cmd := l.flt.SetSnapshot(l.shownRows())
		if l.flt.Query() != "" {
			cmds = append(cmds, cmd)
		}
	}
	if done && l.order.active() {
		cmds = append(cmds, l.startSort())
	}
	l.applyView()
	l.trySelect()
	return tea.Batch(cmds...)
}

// shownRows is the filter's view of the rows on screen only: a page's
// command indexes its rows before the page is applied.
func (l *Model[T]) shownRows() *filter.Snapshot {
	return l.index.Snapshot().Prefix(len(l.items))
}
