package list

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// hostScreen is the smallest list screen: one column of host names,
// streamed in pages of pageRows.
type hostScreen struct {
	Screen[string]
	list *Model[string]
}

const pageRows = 100

func newHostScreen(c *ui.Common, n int) *hostScreen {
	var page func(from int) (Page[string], error)
	page = func(from int) (Page[string], error) {
		p := Page[string]{Total: n}
		for i := from; i < min(from+pageRows, n); i++ {
			p.Items = append(p.Items, fmt.Sprintf("host-%05d", i))
		}
		if from+pageRows < n {
			p.Next = func(context.Context) (Page[string], error) { return page(from + pageRows) }
		}
		return p, nil
	}
	s := &hostScreen{}
	s.list = New(c, Spec[string]{
		Noun: "host", Nouns: "hosts",
		Columns: func(int) []vtable.Column { return []vtable.Column{{Title: "Host"}} },
		Cells:   func(h string) []string { return []string{h} },
		Key:     func(h string) string { return h },
		Match:   []int{0},
		Load:    func(context.Context, string) (Page[string], error) { return page(0) },
		Stream:  true,
	})
	s.Screen = Screen[string]{List: s.list}
	return s
}

func (s *hostScreen) Title() string                           { return "Hosts" }
func (s *hostScreen) KeyMap() help.KeyMap                     { return s.list.table.Keys }
func (s *hostScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) { return s, s.Handle(msg) }
func (s *hostScreen) View() string                            { return s.list.View() }

// Issue 18: a million rows were indexed for the filter on the UI thread,
// page by page as they were applied. Each page's rows are now measured and
// indexed in the command that made the page; a query typed while the list
// streams in ends with every match of every row.
func TestStreamedRowsAreIndexedInTheirCommand(t *testing.T) {
	const n = 4_000
	c := uitest.NewCommon(nil)
	s := newHostScreen(c, n)
	k := uitest.Show(t, c, s, uitest.WithHold(IsPage), uitest.WithSize(80, 20))
	k.ReleaseOne() // the first page
	k.Press("/")
	k.Type("host-1")
	for k.ReleaseOne() {
		if s.list.index != s.list.load.index {
			t.Fatal("a page was indexed again on the UI thread")
		}
	}
	if len(s.list.Items()) != n || s.list.index.Len() != n {
		t.Fatalf("loaded %d rows, indexed %d", len(s.list.Items()), s.list.index.Len())
	}
	all := filter.NewSnapshot(s.list.Items())
	want := len(filter.Search(all, "host-1").Indices)
	if s.list.Shown() != want || !strings.Contains(k.View(), Thousands(want)+" of 4,000 hosts") {
		t.Fatalf("the filter shows %d rows, not the %d matches of the loaded rows:\n%s", s.list.Shown(), want, k.View())
	}
}

// Issue 18: an action on one row of a million (activate, release) put the
// row back and indexed every row again on the UI thread. The index is kept
// when the row's searched cells are the same, extended for a new row, and
// built again only when a searched cell changed.
func TestPutKeepsTheIndexWhenTheSearchedCellsAreTheSame(t *testing.T) {
	c := uitest.NewCommon(nil)
	s := newHostScreen(c, 250)
	k := uitest.Show(t, c, s, uitest.WithSize(80, 20))
	before := s.list.index
	k.Run(s.list.Put("host-00007"))
	if s.list.index != before {
		t.Fatal("putting a row with the same cells built the index again")
	}
	k.Run(s.list.Put("host-99999"))
	if s.list.index != before || s.list.index.Len() != 251 {
		t.Fatalf("a new row did not extend the index (%d rows)", s.list.index.Len())
	}
	k.Press("/")
	k.Type("99999")
	if s.list.Shown() != 1 || !k.Shows("host-99999") {
		t.Fatalf("the new row is not found:\n%s", k.View())
	}
}

// A filter typed while a million rows stream in showed rows that do not
// match it until the load ended: every page re-ran the query and made the
// result in flight stale, so none was applied while pages kept coming. The
// result for the rows loaded when the query was typed is now shown at once.
func TestFilterResultsStreamInWhileLoading(t *testing.T) {
	const n = 1_000
	c := uitest.NewCommon(nil)
	s := newHostScreen(c, n)
	k := uitest.Show(t, c, s, uitest.WithHold(IsPage), uitest.WithSize(80, 20))
	k.ReleaseOne() // the first page: host-00000 … host-00099; the second is held
	k.Hold(func(msg tea.Msg) bool {
		_, isResult := msg.(filter.Result)
		return IsPage(msg) || isResult
	})
	k.Press("/")
	k.Type("99")   // held: [page 2, result "9", result "99" on 100 rows]
	k.ReleaseOne() // page 2 comes first; the query re-runs on 200 rows (held)
	k.ReleaseOne() // result "9": an older query, dropped
	k.ReleaseOne() // result "99" on the first 100 rows
	if len(s.list.Items()) != 2*pageRows {
		t.Fatalf("%d rows loaded, want the test to look at the load in progress", len(s.list.Items()))
	}
	view := k.View()
	if s.list.Shown() != 1 || !strings.Contains(view, "host-00099") || strings.Contains(view, "host-00000") {
		t.Fatalf("while loading, the table shows %d rows, not only the match of 99 among those searched:\n%s", s.list.Shown(), view)
	}
	k.Release()
	all := filter.NewSnapshot(s.list.Items())
	if want := len(filter.Search(all, "99").Indices); len(s.list.Items()) != n || s.list.Shown() != want {
		t.Fatalf("after the load: %d rows, %d shown, want %d", len(s.list.Items()), s.list.Shown(), want)
	}
}

// While a list streams in, the header gives the total and the status the
// progress ("4,000 hosts · loading 1,000 / 4,000"): "1,000 of 4,000 hosts"
// read like a filter (tester finding at 1M).
func TestLoadingHeaderDoesNotReadLikeAFilter(t *testing.T) {
	c := uitest.NewCommon(nil)
	s := newHostScreen(c, 4_000)
	k := uitest.Show(t, c, s, uitest.WithHold(IsPage), uitest.WithSize(80, 20))
	k.ReleaseOne() // the first page; the next one is held
	if v := k.View(); strings.Contains(v, " of 4,000 hosts") || !strings.Contains(v, "4,000 hosts") || !strings.Contains(v, "loading") {
		t.Fatalf("header while loading:\n%s", v)
	}
	for k.ReleaseOne() {
	}
	k.MustShow("4,000 hosts")
}

// A read-only session is not offered marks: they only feed bulk writes
// (tester finding: viewers saw "space mark" and "ctrl+a" in the footer).
func TestReadOnlySessionHasNoMarks(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.ReadOnly = true
	l := New(c, Spec[string]{Noun: "host", Nouns: "hosts", Marks: true,
		Columns: func(int) []vtable.Column { return []vtable.Column{{Title: "Host"}} },
		Cells:   func(h string) []string { return []string{h} },
		Key:     func(h string) string { return h },
		Load: func(context.Context, string) (Page[string], error) {
			return Page[string]{Items: []string{"a", "b"}, Total: 2}, nil
		},
	})
	k := uitest.Show(t, c, &hostScreen{Screen: Screen[string]{List: l}, list: l})
	k.Press("space", "ctrl+a")
	if n := l.MarkedCount(); n != 0 || k.Shows("mark") {
		t.Fatalf("a read-only session marked %d rows / was offered marks:\n%s", n, k.View())
	}
}
