package list

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
)

// Update handles what belongs to the list: its loads, filter and sort
// results, the keys of the filter bar, movement, marks, sort, detail, and
// the answers of its confirmations and writes. handled is false for
// anything else (the screen's action keys, the screen's own replies), which
// the screen then handles. Window sizes are the screen's: it calls SetSize.
func (l *Model[T]) Update(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	defer l.syncKeys()
	switch msg := msg.(type) {
	case pageMsg:
		return l.onPage(msg), true
	case filter.Result:
		l.onFilter(msg)
		return nil, true
	case sortMsg:
		l.onSort(msg)
		return nil, true
	case typedMsg:
		return l.onTyped(msg), true
	case doneMsg:
		return l.onDone(msg), true
	case ui.PoppedMsg:
		return l.onPopped(msg.Result)
	case tea.KeyMsg:
		return l.key(msg)
	case tea.MouseMsg:
		return l.mouse(msg)
	}
	return nil, false
}

func (l *Model[T]) key(k tea.KeyMsg) (tea.Cmd, bool) {
	if l.bar.Focused() {
		return l.barKey(k), true
	}
	kk := l.Keys
	switch {
	case key.Matches(k, kk.Filter):
		return l.bar.Focus(), true
	case key.Matches(k, kk.ClearFilter):
		return l.clearFilter(), true
	case key.Matches(k, kk.Sort):
		return l.cycleSort(), true
	case key.Matches(k, kk.Flip):
		return l.flipSort(), true
	case key.Matches(k, kk.Export):
		return l.exportCSV(), true
	case key.Matches(k, kk.Detail):
		it, _ := l.Focused()
		return ui.Push(l.c, l.spec.Detail(it)), true
	case l.isTableKey(k):
		l.table, _ = l.table.Update(k)
		return l.more(), true
	}
	return nil, false
}

// isTableKey reports whether k moves the cursor or marks a row.
func (l *Model[T]) isTableKey(k tea.KeyMsg) bool {
	t := l.table.Keys
	return key.Matches(k, t.Up, t.Down, t.PageUp, t.PageDown, t.HalfUp, t.HalfDown, t.Home, t.End, t.ToggleMark, t.MarkAll, t.Left, t.Right)
}
