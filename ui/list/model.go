package list

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Spec is what a list screen supplies: its rows' shape, where they come
// from and its texts. Everything else (states, filter, marks, info line,
// confirmations, writes in flight, detail push) is the list's.
type Spec[T any] struct {
	// Noun and Nouns name one row and several ("device", "devices") in the
	// info line and in the default state texts.
	Noun, Nouns string
	// Columns returns the columns for a content width (a screen may show
	// fewer or narrower columns on a narrow terminal).
	Columns func(width int) []vtable.Column
	// Cells renders one item, one string per column. The table asks for the
	// rows on screen at each frame (the list keeps items, not cells), and
	// the load's command for every row once, off the UI thread, to measure
	// the columns and index the filter: it must be cheap and only read the
	// item and values fixed when the spec was built.
	Cells func(T) []string
	// Key identifies an item (its record id): the cursor and the marks stay
	// on the same key across reloads, filters and sorts.
	Key func(T) string
	// Match lists the columns the filter searches.
	Match []int
	// Tone colours a row (expired, inactive); nil: every row is normal.
	Tone func(T) vtable.Tone
	// Load fetches the first page of rows for query ("" unless
	// ServerSearch). ctx ends with the load (a reload or the session).
	Load func(ctx context.Context, query string) (Page[T], error)
	// ServerSearch sends the query to Load (debounced while typing) instead
	// of filtering the loaded rows.
	ServerSearch bool
	// Lazy fetches a page's Next only when the cursor comes near the end of
	// the rows; otherwise every page is fetched at once (a streaming read).
	Lazy bool
	// Stream passes Load and Next the load's context without the per-call
	// time limit: the source bounds its own waits (a long streaming body).
	Stream bool
	// Marks turns on marking (space, ctrl+a).
	Marks bool
	// Sorts are the orders o cycles through after the server's order.
	Sorts []Sort[T]
	// Detail, when set, is the screen enter pushes for the focused item.
	Detail func(T) ui.Screen
	Texts  Texts
}

// Sort is one order of the rows.
type Sort[T any] struct {
	Title   string           // shown in the info line: "sort: Name ↑"
	Compare func(a, b T) int // must only read a and b: it runs off the UI thread
}

// Texts are the list's words; empty ones get a default built from the nouns.
type Texts struct {
	Loading     string // no rows yet: "Loading devices…"
	Empty       string // loaded, no rows: "No devices yet — press n to add one"
	EmptyRO     string // the same in a read-only session (no "press n")
	NoMatch     string // a filter or search shows nothing: "No device matches the filter — esc clears it"
	Failed      string // the load failed and no rows are shown: "Could not load the devices — ctrl+r retries"
	Placeholder string // the filter bar's hint: "hostname, IP, type"
	Order       string // after the count when there is no sort key: "newest first"
}

// Page is one answer of Load or Next.
type Page[T any] struct {
	Items []T
	// Total is every row the server has for the query; -1 when it does not say.
	Total int
	// Next fetches the following page; nil on the last page.
	Next func(ctx context.Context) (Page[T], error)
}

// Model is a list screen's list. Create it with New and keep it in the
// screen's model; call Update first from the screen's Update.
type Model[T any] struct {
	c     *ui.Common
	spec  Spec[T]
	table vtable.Model
	bar   filter.Bar
	flt   filter.Filter
	Keys  KeyMap

	items []T             // row i of the table; replaced, never modified in place
	held  *held[T]        // the items the table's source reads (see replace)
	index *filter.Builder // the filter's rows: cells of Spec.Match, appended as pages arrive

	load  loadState
	shown filter.Result // the local filter's result on screen (Seq 0: none)
	// lastQuery is the query of the last result applied: a result for
	// another query puts the cursor on the best match.
	lastQuery string
	search    searchState
	order     orderState
	preset    presetState[T]

	selectWhen func(T) bool // put the cursor on this row once it loads

	busy  string // what the write in flight does ("Deleting “x”…"); "" when idle
	actID uint64
	asks  map[uint64]func(option string) tea.Cmd // confirmations waiting for y

	width, height, reserved int
	zoneID                  string // the table's click zone (see zone)
}

// New returns the list of spec for the session c. The screen calls Reload
// from its Init.
func New[T any](c *ui.Common, spec Spec[T]) *Model[T] {
	spec.Texts = spec.Texts.withDefaults(spec.Noun, spec.Nouns)
	// Marks only feed bulk writes (D, V): a read-only session has none, so
	// it is not offered marks that lead nowhere (tester finding).
	spec.Marks = spec.Marks && c.CanWrite()
	t := vtable.New(spec.Columns(80), vtable.DefaultStyles(c.Renderer, c.Styles.Accent))
	t.SetMatchColumns(spec.Match)
	t.SetMarking(spec.Marks)
	t.Focus()
	l := &Model[T]{c: c, spec: spec, table: t, bar: filter.NewBar(c, spec.Texts.Placeholder), Keys: newKeyMap(t.Keys),
		asks: map[uint64]func(string) tea.Cmd{}, width: 80, height: 20, load: loadState{total: -1}}
	l.order.col = -1
	if spec.Tone != nil {
		l.table.SetToneFunc(func(r int) vtable.Tone { return spec.Tone(l.items[r]) })
	}
	l.SetSize(80, 20, 0)
	return l
}

func (t Texts) withDefaults(noun, nouns string) Texts {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&t.Loading, "Loading "+nouns+"…")
	def(&t.Empty, "No "+nouns+" yet")
	def(&t.EmptyRO, "No "+nouns+" visible to this client")
	def(&t.NoMatch, "No "+noun+" matches the filter — esc clears it")
	def(&t.Failed, "Could not load the "+nouns+" — ctrl+r retries")
	return t
}

// SetSize gives the list the screen's content size; reserved lines are the
// screen's own, below the list (a legend, a revealed secret).
func (l *Model[T]) SetSize(w, h, reserved int) {
	if w != l.width || l.table.Width() == 0 {
		l.table.SetColumns(l.spec.Columns(w))
	}
	l.width, l.height, l.reserved = w, h, reserved
	l.table.SetSize(w, max(h-1-reserved, 2))
	l.bar.SetWidth(max(min(w/2-2, 40), 10))
}

// Width is the list's width (a form pushed from the screen takes it).
func (l *Model[T]) Width() int { return l.width }

// Height is the screen's content height the list was given.
func (l *Model[T]) Height() int { return l.height }

// held is the items of one replace, as the table's Source reads them: the
// table asks the old rows for the cursor's key after the list has its new
// ones.
type held[T any] struct{ items []T }

// source is the table's view of h through the spec.
func (l *Model[T]) source(h *held[T]) vtable.Source {
	cells, key := l.spec.Cells, l.spec.Key
	return vtable.Source{
		Cells: func(r int) []string { return cells(h.items[r]) },
		Key:   func(r int) string { return key(h.items[r]) },
	}
}

// keyAt is the key of row r.
func (l *Model[T]) keyAt(r int) string { return l.spec.Key(l.items[r]) }

// Items returns every loaded item (do not modify it).
func (l *Model[T]) Items() []T { return l.items }

// Len is the number of loaded rows; Shown the number the filter shows.
func (l *Model[T]) Len() int { return len(l.items) }

// Shown is the number of rows the view shows.
func (l *Model[T]) Shown() int { return l.table.ViewLen() }

// Focused returns the item under the cursor; ok is false when none is shown.
func (l *Model[T]) Focused() (item T, ok bool) {
	r := l.table.Cursor()
	if r < 0 || r >= len(l.items) {
		return item, false
	}
	return l.items[r], true
}

// Marked returns the marked items in row order.
func (l *Model[T]) Marked() []T {
	rows := l.table.MarkedRows()
	out := make([]T, 0, len(rows))
	for _, r := range rows {
		out = append(out, l.items[r])
	}
	return out
}

// MarkedCount and HiddenMarked count the marks, and those the filter hides.
func (l *Model[T]) MarkedCount() int { return l.table.MarkedCount() }

// HiddenMarked is how many marked rows the current view hides.
func (l *Model[T]) HiddenMarked() int { return l.table.HiddenMarkedCount() }

// Typing is true while the filter bar has the keys (CapturesInput).
func (l *Model[T]) Typing() bool { return l.bar.Focused() }

// Loaded is true once a load succeeded.
func (l *Model[T]) Loaded() bool { return l.load.loaded }

// Busy is true while a load or a write is out (ui.Busy).
func (l *Model[T]) Busy() bool { return l.load.loading || l.busy != "" }

// Writing is true while a write is out: one at a time, so a second one
// does not make the first's answer stale.
func (l *Model[T]) Writing() bool { return l.busy != "" }

// Settling implements ui.Settler: keys that act on rows wait while the
// rows on screen are about to be replaced — a filter or search not yet
// answered, a sort not yet applied, a load that will replace the rows.
func (l *Model[T]) Settling() bool {
	if l.bar.Focused() {
		return false // typing goes to the bar at once
	}
	searching := l.spec.ServerSearch && l.search.pending(l.bar.Value())
	return l.load.replacing() || l.filterPending() || l.order.pending || searching
}

// Names lists up to limit names, quoted, for confirmation texts.
func Names(names []string, limit int) string {
	var q []string
	for i, n := range names {
		if i == limit {
			q = append(q, "…")
			break
		}
		q = append(q, "“"+n+"”")
	}
	return strings.Join(q, ", ")
}
