package list

import (
	"cmp"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
)

// orderState is the rows' order: col < 0 is the server's order.
type orderState struct {
	col     int
	desc    bool
	seq     uint64
	pending bool  // a sort is being computed
	perm    []int // the sorted row indices; nil: server order
	pos     []int // pos[row] = place of row in perm
}

func (o orderState) active() bool { return o.col >= 0 || o.desc }

// sortMsg carries an order computed off the UI thread.
type sortMsg struct {
	seq  uint64
	perm []int
	pos  []int
}

// cycleSort is o: the next sort column ascending, after the last one the
// server's order again.
func (l *Model[T]) cycleSort() tea.Cmd {
	l.order.col++
	if l.order.col >= len(l.spec.Sorts) {
		l.order.col = -1
	}
	l.order.desc = false
	return l.startSort()
}

// flipSort is O: the same order, reversed.
func (l *Model[T]) flipSort() tea.Cmd {
	l.order.desc = !l.order.desc
	return l.startSort()
}

// SortLabel describes the order: "Name ↑", "server order".
func (l *Model[T]) SortLabel() string {
	if l.order.col < 0 {
		if l.order.desc {
			return "server order, reversed"
		}
		return "server order"
	}
	if l.order.desc {
		return l.spec.Sorts[l.order.col].Title + " ↓"
	}
	return l.spec.Sorts[l.order.col].Title + " ↑"
}

// startSort computes the order over the current rows in a command; stale
// answers (an older o, older rows) are dropped by seq.
func (l *Model[T]) startSort() tea.Cmd {
	l.order.seq = l.c.NextID()
	if !l.order.active() {
		l.order.perm, l.order.pos, l.order.pending = nil, nil, false
		l.applyView()
		return nil
	}
	l.order.pending = true
	n := len(l.items)
	items, seq, col, desc := l.items[:n:n], l.order.seq, l.order.col, l.order.desc
	var compare func(a, b T) int
	if col >= 0 {
		compare = l.spec.Sorts[col].Compare
	}
	return func() tea.Msg {
		perm := sortPerm(items, compare, desc)
		return sortMsg{seq: seq, perm: perm, pos: positions(perm)}
	}
}

func (l *Model[T]) onSort(msg sortMsg) {
	if msg.seq != l.order.seq {
		return
	}
	l.order.pending = false
	l.order.perm, l.order.pos = msg.perm, msg.pos
	l.applyView()
}

// sortPerm returns the row indices in the order of compare (nil: the
// server's), reversed when desc; ties keep the server's order.
func sortPerm[T any](items []T, compare func(a, b T) int, desc bool) []int {
	perm := make([]int, len(items))
	for i := range perm {
		perm[i] = i
	}
	if compare == nil {
		if desc {
			slices.Reverse(perm)
		}
		return perm
	}
	slices.SortFunc(perm, func(a, b int) int {
		c := compare(items[a], items[b])
		if desc {
			c = -c
		}
		if c == 0 {
			return cmp.Compare(a, b)
		}
		return c
	})
	return perm
}

// positions inverts perm: pos[row] = where row sits in perm.
func positions(perm []int) []int {
	pos := make([]int, len(perm))
	for i, row := range perm {
		pos[row] = i
	}
	return pos
}

// applyView shows the filter's rows in the sort's order, narrowed to the
// preset's; rows that arrived after the sort follow in the server's order
// until it runs again.
func (l *Model[T]) applyView() {
	idx := l.keepPreset(l.filteredView())
	var highlight func(row int, buf []int) []int
	if l.filterShown() {
		highlight = l.shown.Highlight // computed for the rows drawn only
	}
	l.table.SetViewFunc(idx, highlight)
}

// filteredView is the filter's rows in the sort's order (nil: every row in
// the server's order).
func (l *Model[T]) filteredView() []int {
	if l.filterShown() {
		idx := l.shown.Indices
		if l.order.pos != nil {
			idx = orderBy(idx, l.order.pos)
		}
		return idx
	}
	if l.order.perm == nil {
		return nil
	}
	view := l.order.perm
	if n := len(l.items); len(view) < n {
		view = slices.Grow(slices.Clip(view), n-len(view))
		for r := len(l.order.perm); r < n; r++ {
			view = append(view, r)
		}
	}
	return view
}

// orderBy sorts the filter's indices by each row's place in the sort; rows
// beyond pos come after every sorted row.
func orderBy(indices []int, pos []int) []int {
	at := func(row int) int {
		if row < len(pos) {
			return pos[row]
		}
		return len(pos) + row
	}
	order := make([]int, len(indices))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(at(indices[a]), at(indices[b])) })
	outI := make([]int, len(order))
	for i, o := range order {
		outI[i] = indices[o]
	}
	return outI
}
