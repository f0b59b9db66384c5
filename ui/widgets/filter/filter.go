package filter

import (
	"strings"
	"sync"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"
)

// Result is the answer to one query; it is also the tea.Msg the commands of
// SetQuery and SetSnapshot produce. It holds no per-match structure: the
// matched positions of a row are computed on demand (Highlight), for the
// rows drawn.
type Result struct {
	Seq      uint64 // sequence number of the request; see Filter.IsCurrent
	Query    string // the query it answers
	Indices  []int  // matching snapshot rows, best first; nil = every row
	Canceled bool   // the search stopped early because a newer one was asked

	snap *Snapshot // what Indices index
	m    *matcher
}

// All reports whether the result stands for every row (empty query).
func (r Result) All() bool { return r.Query == "" && !r.Canceled }

// seqs numbers every request of every Filter, so a Result from one Filter is
// never current for another.
var seqs atomic.Uint64

// Filter owns the sequence numbers of one filter input. The zero value is
// ready; keep it in the screen's model and call its methods on that field.
type Filter struct {
	snap    *Snapshot
	query   string
	seq     uint64    // latest request
	asked   uint64    // the request that started the current query (SetQuery, or a snapshot of another Builder)
	run     *runState // shared with running searches so they can stop
	applied Result    // last applied result, the base for narrowing
}

// runState decides which searches of one Filter go on; the searches read it
// from their goroutines. While a list loads, each page asks the same query
// again: the latest search runs, and so does one earlier search (the
// runner) so that a result keeps coming however fast pages do; the searches
// in between stop, so at most two run at once.
type runState struct {
	mu         sync.Mutex
	asked      uint64 // Filter.asked: a search asked before it answers an older query or rows
	applied    uint64 // Seq of the applied result: a search asked before it would be refused
	latest     uint64 // the latest search
	latestDone bool   // it has returned
	runner     uint64 // an earlier search of the current query let run to its end; 0: none
}

// ask records search seq; restart: the query or the rows changed.
func (rs *runState) ask(seq uint64, restart bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if restart {
		rs.asked, rs.runner = seq, 0
	} else if rs.runner == 0 && rs.latest != 0 && !rs.latestDone {
		rs.runner = rs.latest
	}
	rs.latest, rs.latestDone = seq, false
}

// stopped reports whether search seq (of the query asked at asked) is no
// longer wanted.
func (rs *runState) stopped(seq, asked uint64) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.asked != asked || rs.applied > seq || seq != rs.latest && seq != rs.runner
}

// done records that search seq returned.
func (rs *runState) done(seq uint64) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.runner == seq {
		rs.runner = 0
	}
	if rs.latest == seq {
		rs.latestDone = true
	}
}

func (rs *runState) setApplied(seq uint64) {
	rs.mu.Lock()
	rs.applied = seq
	rs.mu.Unlock()
}

// Query returns the query of the latest request.
func (f *Filter) Query() string { return f.query }

// Snapshot returns the snapshot searches run on (nil before SetSnapshot).
func (f *Filter) Snapshot() *Snapshot { return f.snap }

// SetSnapshot replaces the searchable rows (new data) and returns the
// command that re-runs the current query on them. When s extends the old
// snapshot (both from one Builder: rows appended while a list loads), the
// re-run only checks the old matches and the new rows, and the searches of
// the current query still running on the shorter snapshot go on: their
// results are applied as they arrive (see Apply), so matches stream in
// while pages keep coming. Otherwise every reply computed on the old
// snapshot becomes stale.
func (f *Filter) SetSnapshot(s *Snapshot) tea.Cmd {
	extends := s.extends(f.snap)
	f.snap = s
	return f.request(f.query, !extends)
}

// SetQuery starts a search for q and returns the command that runs it. The
// command's Result is current until the next SetQuery or SetSnapshot.
func (f *Filter) SetQuery(q string) tea.Cmd {
	f.query = q
	return f.request(q, true)
}

// IsCurrent reports whether r answers the latest request of this Filter.
func (f *Filter) IsCurrent(r Result) bool {
	return r.Seq != 0 && r.Seq == f.seq && !r.Canceled
}

// Apply records r as the shown result and reports whether it was; a refused
// r changes nothing and must be dropped by the caller. A current r is
// applied; so is a result for the current query computed on a shorter
// snapshot of the current one's Builder (asked before the latest rows came),
// unless a result asked later was applied already: it is exact for the rows
// it covers, and the rows added since come with a later result. A result
// for an older query, for rows of another Builder or canceled is refused.
func (f *Filter) Apply(r Result) bool {
	if !f.IsCurrent(r) && !f.isPrefixAnswer(r) {
		return false
	}
	f.applied = r
	if f.run != nil {
		f.run.setApplied(r.Seq)
	}
	return true
}

// isPrefixAnswer: r answers the current query on an earlier prefix of the
// current snapshot, and nothing newer is applied.
func (f *Filter) isPrefixAnswer(r Result) bool {
	return r.Seq != 0 && !r.Canceled && r.Query != "" && r.Query == f.query &&
		r.Seq >= f.asked && r.Seq > f.applied.Seq && f.snap.extends(r.snap)
}

// request takes a new sequence number for a search of q on f.snap; restart:
// the query or the Builder changed, so earlier searches are no longer
// wanted.
func (f *Filter) request(q string, restart bool) tea.Cmd {
	f.seq = seqs.Add(1)
	if f.run == nil {
		f.run = new(runState)
	}
	restart = restart || f.asked == 0
	if restart {
		f.asked = f.seq
	}
	f.run.ask(f.seq, restart)
	seq, asked, snap, rs := f.seq, f.asked, f.snap, f.run
	if q == "" || snap == nil {
		return func() tea.Msg { rs.done(seq); return Result{Seq: seq, Query: q} }
	}
	stop := func() bool { return rs.stopped(seq, asked) }
	base, narrowing := f.narrowingBase(q)
	return func() tea.Msg {
		defer rs.done(seq)
		var r Result
		if narrowing {
			r = narrowed(snap, q, base, stop)
		} else {
			r = run(snap, q, nil, stop)
		}
		r.Seq = seq
		return r
	}
}

// narrowingBase returns the applied result when q extends its query and the
// snapshot holds the rows it was computed on (the same snapshot, or a longer
// one from the same Builder), so q's matches among those rows are a subset
// of it.
func (f *Filter) narrowingBase(q string) (Result, bool) {
	a := f.applied
	if a.Seq == 0 || a.Query == "" || a.Indices == nil || !strings.HasPrefix(q, a.Query) {
		return Result{}, false
	}
	return a, f.snap.extends(a.snap)
}

// Search filters the whole snapshot for query, synchronously.
func Search(s *Snapshot, query string) Result {
	if query == "" {
		return Result{Query: query}
	}
	return run(s, query, nil, nil)
}

// Narrow filters only the rows of base (a Result for a query that query
// extends, on s or on an earlier snapshot of s's Builder) and the rows added
// since, synchronously. The result equals Search(s, query).
func Narrow(s *Snapshot, query string, base Result) Result {
	if query == "" {
		return Result{Query: query}
	}
	if base.Indices == nil || !s.extends(base.snap) {
		return run(s, query, nil, nil)
	}
	return narrowed(s, query, base, nil)
}

// narrowed searches base's rows plus the rows s has beyond base's snapshot.
func narrowed(s *Snapshot, query string, base Result, stop func() bool) Result {
	if len(base.Indices)*2 > base.snap.Len() {
		// Most rows matched: the rows a fresh scan looks at (those holding
		// the query's first byte) are about the same, without the bitmap.
		return run(s, query, nil, stop)
	}
	set := newRowSet(s.Len(), base.Indices)
	for r := base.snap.Len(); r < s.Len(); r++ {
		set[r>>6] |= 1 << (r & 63)
	}
	return run(s, query, set, stop)
}

func run(s *Snapshot, query string, set rowSet, stop func() bool) Result {
	idx, ok := search(s, query, set, stop)
	if !ok {
		return Result{Query: query, Canceled: true}
	}
	return Result{Query: query, Indices: idx, snap: s, m: newMatcher(query)}
}
