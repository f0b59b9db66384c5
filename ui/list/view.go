package list

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/ui"
)

// View is the info line and the table: exactly height − reserved lines.
func (l *Model[T]) View() string {
	l.table.SetEmptyText(l.emptyText())
	l.table.SetNoMatchText(l.noMatchText())
	return Fit(l.InfoLine(), l.width) + "\n" + l.c.Mark(l.zone(), l.table.View())
}

// noMatchText is what the table says when rows exist but none is shown:
// the spec's NoMatch ("— esc clears it") for a filter; for a preset alone,
// what undoes it (esc clears a filter, not a preset — tester finding).
func (l *Model[T]) noMatchText() string {
	if l.query() == "" && l.preset.name != "" {
		return "No " + l.spec.Nouns + " " + l.preset.name + " — its key again shows all"
	}
	return l.spec.Texts.NoMatch
}

// emptyText is what the table says when it shows no row, by state.
func (l *Model[T]) emptyText() string {
	t := l.spec.Texts
	switch {
	case l.spec.ServerSearch && l.search.answered != "" && len(l.items) == 0:
		return t.NoMatch
	case len(l.items) > 0:
		return l.noMatchText() // rows exist: the filter or the preset hides them all
	case l.load.err != nil:
		return t.Failed
	case !l.load.loaded:
		return t.Loading
	case !l.c.CanWrite():
		return t.EmptyRO
	}
	return t.Empty
}

// InfoLine is the filter (or the kept query), the counts, the marks, the
// order and what is in flight: "/ graf · 2 of 6 client credentials · 1 marked".
func (l *Model[T]) InfoLine() string {
	st := l.c.Styles
	var parts []string
	switch {
	case l.bar.Focused():
		parts = append(parts, l.bar.View())
	case l.query() != "":
		parts = append(parts, st.Focused.Render("/ "+l.query()))
	}
	if l.preset.name != "" {
		parts = append(parts, st.Focused.Render(l.preset.name))
	}
	count := l.count()
	if o := l.spec.Texts.Order; o != "" && l.load.loaded {
		count += ", " + o
	}
	parts = append(parts, count)
	if n := l.table.MarkedCount(); n > 0 {
		parts = append(parts, Count(n, "marked", "marked")+hidden(l.table.HiddenMarkedCount()))
	}
	if s := l.status(); s != "" { // before the sort: a failure must not be cut off
		parts = append(parts, s)
	}
	if len(l.spec.Sorts) > 0 {
		parts = append(parts, st.Muted.Render("sort: "+l.SortLabel()))
	}
	if s := columnsHint(l.table.HiddenColumns()); s != "" {
		parts = append(parts, st.Muted.Render(s))
	}
	sep := st.Muted.Render(" · ")
	if l.bar.Focused() {
		return parts[0] + "  " + strings.Join(parts[1:], sep)
	}
	return strings.Join(parts, sep)
}

func hidden(n int) string {
	if n == 0 {
		return ""
	}
	return ", " + strconv.Itoa(n) + " hidden by the filter"
}

// count is "6 client credentials", "1 device", "2 of 6 …", "200 of 450 entries".
func (l *Model[T]) count() string {
	n := len(l.items)
	switch {
	case !l.load.loaded && n == 0:
		return strings.ToUpper(l.spec.Nouns[:1]) + l.spec.Nouns[1:]
	case l.filterShown() || l.filterPending() || l.preset.keep != nil:
		if l.filterPending() {
			return "filtering " + Thousands(n) + "…"
		}
		return Thousands(l.table.ViewLen()) + " of " + Count(n, l.spec.Noun, l.spec.Nouns)
	case l.load.total > n && l.load.loading:
		// "loading 1,000 / 1,000,000" follows: "1,000 of 1,000,000" read
		// like a filter (tester finding).
		return Count(l.load.total, l.spec.Noun, l.spec.Nouns)
	case l.load.total > n:
		return Thousands(n) + " of " + Count(l.load.total, l.spec.Noun, l.spec.Nouns)
	}
	return Count(n, l.spec.Noun, l.spec.Nouns)
}

// status is the load's progress or failure, or the write in flight.
func (l *Model[T]) status() string {
	st := l.c.Styles
	switch {
	case l.busy != "":
		return st.Muted.Render(l.busy)
	case l.load.loading && l.load.fresh:
		return st.Warning.Render("loading…")
	case l.load.loading && l.load.total >= 0:
		return st.Warning.Render("loading " + Thousands(len(l.items)) + " / " + Thousands(l.load.total))
	case l.load.loading:
		return st.Warning.Render("loading " + Thousands(len(l.items)) + "…")
	case l.load.err != nil:
		return st.Error.Render("load failed: "+ui.ErrorText(l.load.err)) + st.Muted.Render(" — ctrl+r retries")
	}
	return ""
}

// Count is "1 device" or "3 devices" (with thousands separators).
func Count(n int, noun, nouns string) string {
	if n == 1 {
		return "1 " + noun
	}
	return Thousands(n) + " " + nouns
}

// Thousands formats n with comma separators: 100000 → "100,000".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Fit cuts s to at most w cells (one line).
func Fit(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// columnsHint says that columns are scrolled out or do not fit, and how to
// reach them: "← 2 columns", "3 more columns →".
func columnsHint(left, right int) string {
	var s []string
	if left > 0 {
		s = append(s, "← "+Count(left, "column", "columns"))
	}
	if right > 0 {
		s = append(s, Count(right, "more column", "more columns")+" →")
	}
	return strings.Join(s, " ")
}
