package scopes

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/ui"
)

// fixedLines is every line that is not a list row: search bar, pane
// headers, counts and the status/confirm line.
const fixedLines = 4

func (m Model) listHeight() int {
	h := m.height - fixedLines
	if m.opts.Heading != "" {
		h--
	}
	return max(h, 1)
}

func (m Model) styles() *ui.Styles {
	if m.c != nil && m.c.Styles != nil {
		return m.c.Styles
	}
	return ui.NewStyles(lipgloss.DefaultRenderer())
}

// View renders the page in its width × height.
func (m Model) View() string {
	st := m.styles()
	var lines []string
	if m.opts.Heading != "" {
		lines = append(lines, fit(st.Bold.Render(m.opts.Heading), m.width))
	}
	lines = append(lines, m.searchLine(st))
	lines = append(lines, m.panesView(st)...)
	lines = append(lines, m.countsLine(st), m.statusLine(st))
	return strings.Join(lines, "\n")
}

func (m Model) searchLine(st *ui.Styles) string {
	label := "Search: "
	if m.focus == FocusSearch {
		label = st.Focused.Render("Search: ")
	} else {
		label = st.Label.Render(label)
	}
	return fit(label+m.search.View(), m.width)
}

func (m Model) countsLine(st *ui.Styles) string {
	n, total, added, removed := m.Counts()
	s := fmt.Sprintf("%d of %d scopes selected", n, total)
	change := fmt.Sprintf("+%d −%d", added, removed)
	against := " unsaved"
	if m.opts.New {
		against = " vs defaults"
	}
	if added+removed > 0 {
		change = st.Warning.Render(change + against)
	} else {
		change = st.Muted.Render(change)
	}
	return fit(st.Bold.Render(s)+"  "+change, m.width)
}

func (m Model) statusLine(st *ui.Styles) string {
	switch {
	case m.confirming:
		_, _, a, r := m.Counts()
		return fit(st.Warning.Render(fmt.Sprintf("Discard unsaved changes (+%d −%d)? y/n", a, r)), m.width)
	case m.status != "" && m.statusErr:
		return fit(st.Error.Render("! "+m.status), m.width)
	case m.status != "":
		return fit(st.Muted.Render(m.status), m.width)
	}
	if list := m.changeList(); list != "" {
		return fit(st.Warning.Render(list), m.width)
	}
	return fit(st.Muted.Render(m.hint()), m.width)
}

// hint says what the keys do where the focus is.
func (m Model) hint() string {
	scope := "group"
	if m.results != nil {
		scope = "matches"
	}
	switch m.focus {
	case FocusSearch:
		return "type to search · enter: results · esc: leave search · ctrl+s: " + m.keys.Save.Help().Desc
	case FocusGroups:
		return "space: toggle group · a/x: all/none · enter: its scopes · /: search · r: reset"
	}
	return "space: toggle · a/x: all/none in " + scope + " · /: search · r: reset · esc: back"
}

// panesView renders the header row and listHeight rows: groups | scopes,
// or the flat search results across the full width.
func (m Model) panesView(st *ui.Styles) []string {
	h := m.listHeight()
	if m.results != nil {
		header := m.paneHeader(st, fmt.Sprintf("%d matches across all groups", len(m.results)), m.focus == FocusScopes) +
			st.Muted.Render(" · ") + m.bulkNote(st)
		return append([]string{fit(header, m.width)}, m.resultRows(st, m.width, h)...)
	}
	leftW := m.groupsWidth()
	rightW := max(m.width-leftW-3, 10)
	left := append([]string{m.paneHeader(st, "Groups", m.focus == FocusGroups)}, m.groupRows(st, leftW, h)...)
	title := "Scopes"
	if len(m.groups) > 0 {
		title = m.groups[m.group].label
	}
	right := append([]string{m.paneHeader(st, title, m.focus == FocusScopes) + st.Muted.Render("  ! privileged")}, m.scopeRows(st, rightW, h)...)
	sep := st.Muted.Render(" │ ")
	out := make([]string, len(left))
	for i := range left {
		out[i] = fit(pad(left[i], leftW)+sep+right[i], m.width)
	}
	return out
}

// bulkNote says, before a or x is pressed, how many results they act on.
func (m Model) bulkNote(st *ui.Styles) string {
	q := strings.TrimSpace(m.search.Value())
	switch n := m.bulkCount(); n {
	case 0:
		return st.Warning.Render(fmt.Sprintf("a/x: none contains “%s”", q))
	case 1:
		return st.Warning.Render(fmt.Sprintf("a/x: the 1 containing “%s”", q))
	default:
		return st.Warning.Render(fmt.Sprintf("a/x: the %d containing “%s”", n, q))
	}
}

func (m Model) paneHeader(st *ui.Styles, title string, focused bool) string {
	if focused {
		return st.Focused.Render(st.Bold.Render(title))
	}
	return st.Muted.Render(title)
}

// groupsWidth fits the longest group label and its count, in at most two
// fifths of the width (and at least 24 columns).
func (m Model) groupsWidth() int {
	w := 0
	for _, g := range m.groups {
		w = max(w, ansi.StringWidth(g.label))
	}
	return clamp(w+8, 16, max(m.width*2/5, 24))
}

func (m Model) groupRows(st *ui.Styles, w, h int) []string {
	rows := make([]string, h)
	for r := range h {
		gi := m.groupTop + r
		if gi >= len(m.groups) {
			break
		}
		g := m.groups[gi]
		sel := 0
		for i := g.start; i < g.end; i++ {
			if m.selected[i] {
				sel++
			}
		}
		count := fmt.Sprintf("%d/%d", sel, g.end-g.start)
		label := ansi.Truncate(g.label, max(w-2-len(count)-1, 1), "…")
		line := pad(label, w-2-len(count)) + count
		rows[r] = m.c.Mark(m.groupZone(gi), m.cursorRow(st, line, gi == m.group, m.focus == FocusGroups))
	}
	return rows
}

func (m Model) scopeRows(st *ui.Styles, w, h int) []string {
	rows := make([]string, h)
	n := m.rowCount()
	labelW := 0
	for r := range n {
		labelW = max(labelW, ansi.StringWidth(m.items[m.itemAt(r)].label))
	}
	labelW = min(labelW, w/2)
	for r := range h {
		row := m.top + r
		if row >= n {
			break
		}
		it := m.items[m.itemAt(row)]
		line := m.checkbox(m.itemAt(row)) + m.mark(st, it) + pad(ansi.Truncate(it.label, labelW, "…"), labelW) + "  " + st.Muted.Render(it.key)
		rows[r] = m.c.Mark(m.rowZone(row), m.cursorRow(st, ansi.Truncate(line, w-2, "…"), row == m.cursor, m.focus == FocusScopes))
	}
	return rows
}

// resultRows renders search matches flat: checkbox, label and key with the
// matched characters highlighted, then the group.
func (m Model) resultRows(st *ui.Styles, w, h int) []string {
	rows := make([]string, h)
	labelW, keyW := 0, 0
	for _, r := range m.results {
		it := m.items[r.item]
		labelW = max(labelW, ansi.StringWidth(it.label))
		keyW = max(keyW, ansi.StringWidth(it.key))
	}
	labelW, keyW = min(labelW, w/3), min(keyW, w/3)
	base := st.Renderer.NewStyle()
	for i := range h {
		row := m.top + i
		if row >= len(m.results) {
			break
		}
		r := m.results[row]
		it := m.items[r.item]
		labelBase := base
		if !r.bulk {
			labelBase = st.Muted // a loose match: shown for finding, a/x skip it
		}
		label := highlight(it.label, r.labelMatched, st.Highlight, labelBase)
		key := highlight(it.key, r.keyMatched, st.Highlight, st.Muted)
		line := m.checkbox(r.item) + m.mark(st, it) + pad(ansi.Truncate(label, labelW, "…"), labelW) + "  " +
			pad(ansi.Truncate(key, keyW, "…"), keyW) + "  " + st.Muted.Render(m.groups[it.group].label)
		rows[i] = m.c.Mark(m.rowZone(row), m.cursorRow(st, ansi.Truncate(line, w-2, "…"), row == m.cursor, m.focus == FocusScopes))
	}
	return rows
}

// mark is the column after a checkbox: "!" for a privileged scope.
func (m Model) mark(st *ui.Styles, it item) string {
	if privileged(it.key) {
		return st.Warning.Render(" ! ")
	}
	return "   "
}

func (m Model) checkbox(i int) string {
	if m.selected[i] {
		return "[x]"
	}
	return "[ ]"
}

// cursorRow marks the current row: "> " in the focused pane, "· " in the
// other (so the shown group stays visible while the scopes pane has focus).
func (m Model) cursorRow(st *ui.Styles, line string, current, focused bool) string {
	switch {
	case current && focused:
		return st.Focused.Render("> ") + st.Bold.Render(line)
	case current:
		return "· " + line
	}
	return "  " + line
}

// pad right-pads s (which may hold ANSI styles) to w cells.
func pad(s string, w int) string {
	if d := w - ansi.StringWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// fit truncates s to w cells.
func fit(s string, w int) string { return ansi.Truncate(s, w, "…") }

// maxListed is how many changed scopes the counts line names; more would
// not be read (the counts still say how many).
const maxListed = 4

// changeList names the scopes to be added (+) and removed (−) when there
// are 1 to maxListed of them, privileged ones flagged with "!"; "" otherwise
// (the counts line still says how many).
func (m Model) changeList() string {
	if _, _, a, r := m.Counts(); a+r == 0 || a+r > maxListed {
		return ""
	}
	var parts []string
	for i, on := range m.selected {
		if on == m.saved[i] {
			continue
		}
		sign := "+"
		if !on {
			sign = "−"
		}
		name := m.items[i].label
		if privileged(m.items[i].key) {
			name += " !"
		}
		parts = append(parts, sign+name)
	}
	return "Changes: " + strings.Join(parts, ", ")
}
