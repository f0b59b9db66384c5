package list

// presetState is a named restriction of the rows on top of the filter and
// the sort ("expired or expiring", "unused ≥ 90 days"); keep nil: none.
type presetState[T any] struct {
	name string
	keep func(T) bool
}

// SetPreset shows only the rows keep is true for, named name in the info
// line, on top of the filter and the sort; keep nil shows every row again.
// keep runs on the UI thread over every row: it must be cheap (a field
// comparison).
func (l *Model[T]) SetPreset(name string, keep func(T) bool) {
	if keep == nil {
		name = ""
	}
	l.preset = presetState[T]{name: name, keep: keep}
	l.applyView()
}

// Preset is the name of the preset shown ("" for none).
func (l *Model[T]) Preset() string { return l.preset.name }

// Visible returns the items the view shows, in view order (the filter,
// the sort and the preset applied): what E writes, what a header counts.
func (l *Model[T]) Visible() []T {
	n := l.table.ViewLen()
	out := make([]T, 0, n)
	for p := range n {
		if r := l.table.RowAt(p); r >= 0 && r < len(l.items) {
			out = append(out, l.items[r])
		}
	}
	return out
}

// keepPreset narrows a view (nil: every row in row order) to the preset's
// rows.
func (l *Model[T]) keepPreset(idx []int) []int {
	if l.preset.keep == nil {
		return idx
	}
	if idx == nil {
		idx = make([]int, len(l.items))
		for i := range idx {
			idx[i] = i
		}
	}
	outI := make([]int, 0, len(idx))
	for _, r := range idx {
		if r < len(l.items) && l.preset.keep(l.items[r]) {
			outI = append(outI, r)
		}
	}
	return outI
}
