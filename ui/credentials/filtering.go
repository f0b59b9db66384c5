package credentials

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui/widgets/filter"
)

// snapMsg carries a filter snapshot built off the UI thread over the first
// n rows of data generation gen.
type snapMsg struct {
	gen  uint64
	n    int
	snap *filter.Snapshot
}

// sortMsg carries a sort order computed off the UI thread.
type sortMsg struct {
	seq  uint64
	gen  uint64
	perm []int
	pos  []int
}

func (m *Model) startFilter() tea.Cmd {
	return tea.Batch(m.bar.Focus(), m.buildSnapshot())
}

// filterKey handles a key while the filter input has focus: enter keeps the
// filter, esc clears it, anything else edits the query.
func (m *Model) filterKey(k tea.KeyMsg) tea.Cmd {
	switch out, cmd := m.bar.Key(k, m.keys.KeepFilter, m.keys.ClearFilter); out {
	case filter.Cleared:
		return m.clearFilter()
	case filter.Changed:
		return tea.Batch(cmd, m.flt.SetQuery(m.bar.Value()))
	default:
		return cmd
	}
}

func (m *Model) clearFilter() tea.Cmd {
	m.bar.Clear()
	m.shown = filter.Result{}
	cmd := m.flt.SetQuery("") // makes every search in flight stale
	m.applyView()
	return cmd
}

// onFilter shows a current result; a result for an older query or older
// rows is dropped by Apply.
func (m *Model) onFilter(r filter.Result) {
	if !m.flt.Apply(r) {
		return
	}
	if r.Query != "" && r.Indices == nil {
		return // asked before any snapshot existed: the snapshot's own search will answer
	}
	newQuery := r.Query != m.shown.Query
	m.shown = r
	m.applyView()
	if newQuery {
		m.table.GotoTop() // the best match, as every fuzzy finder does
	}
}

// buildSnapshot builds the filter's snapshot of every row received so far,
// unless it is up to date or a build is already running (the next batch or
// the build's answer tries again).
func (m *Model) buildSnapshot() tea.Cmd {
	n := len(m.hay)
	if m.snapPending || (m.snapLen == n && m.flt.Snapshot() != nil) {
		return nil
	}
	m.snapPending = true
	hay, gen := m.hay[:n:n], m.gen
	return func() tea.Msg { return snapMsg{gen: gen, n: n, snap: filter.NewSnapshot(hay)} }
}

func (m *Model) onSnapshot(msg snapMsg) tea.Cmd {
	m.snapPending = false
	if msg.gen != m.gen {
		return m.buildSnapshot()
	}
	m.snapLen = msg.n
	cmd := m.flt.SetSnapshot(msg.snap) // re-runs the query on the new rows
	if m.flt.Query() == "" {
		cmd = nil // nothing to re-run: the view already shows every row
	}
	if !m.loading && msg.n < len(m.hay) {
		return tea.Batch(cmd, m.buildSnapshot())
	}
	return cmd
}

// startSort computes the order of m.sort over the current rows in a
// command; the server's order needs no work.
func (m *Model) startSort() tea.Cmd {
	m.sortSeq = m.c.NextID()
	if m.sort.col < 0 && !m.sort.desc {
		m.perm, m.pos, m.sortBusy = nil, nil, false
		m.applyView()
		return nil
	}
	m.sortBusy = true
	n := len(m.recs)
	recs, rows, spec, seq, gen := m.recs[:n:n], m.rows[:n:n], m.sort, m.sortSeq, m.gen
	return func() tea.Msg {
		perm := sortPerm(recs, rows, spec)
		return sortMsg{seq: seq, gen: gen, perm: perm, pos: positions(perm)}
	}
}

func (m *Model) onSort(msg sortMsg) {
	if msg.seq != m.sortSeq || msg.gen != m.gen {
		return
	}
	m.sortBusy = false
	m.perm, m.pos = msg.perm, msg.pos
	m.applyView()
}
