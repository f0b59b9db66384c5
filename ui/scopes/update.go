package scopes

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// Update handles the page's keys. Unknown messages are ignored.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
	case tea.KeyMsg:
		var cmd tea.Cmd
		m, cmd = m.handleKey(msg)
		m.syncKeys()
		return m, cmd
	case tea.MouseMsg:
		if !m.confirming {
			m.mouse(msg)
			m.syncKeys()
		}
	}
	return m, nil
}

func (m Model) handleKey(k tea.KeyMsg) (Model, tea.Cmd) {
	if m.confirming {
		return m.handleConfirm(k)
	}
	if key.Matches(k, m.keys.Save) {
		return m, m.emitSave()
	}
	if m.focus == FocusSearch {
		return m.handleSearchKey(k)
	}
	switch {
	case key.Matches(k, m.keys.Back):
		return m.back()
	case key.Matches(k, m.keys.Tab):
		m.setFocus(m.nextFocus(+1))
	case k.String() == "shift+tab":
		m.setFocus(m.nextFocus(-1))
	case key.Matches(k, m.keys.Search):
		m.setFocus(FocusSearch)
	case key.Matches(k, m.keys.Help):
		// The screens holding this page capture input (tab and letters are
		// the page's own), so the root does not see ? unless asked.
		return m, ui.ShowHelp(m.c)
	case key.Matches(k, m.keys.Left):
		if m.results == nil {
			m.setFocus(FocusGroups)
		}
	case key.Matches(k, m.keys.Right):
		m.setFocus(FocusScopes)
	case m.focus == FocusGroups && k.String() == "enter":
		m.setFocus(FocusScopes)
	case key.Matches(k, m.keys.Toggle):
		m.toggle()
	case key.Matches(k, m.keys.SelectAll):
		m.setTarget(true)
	case key.Matches(k, m.keys.ClearAll):
		m.setTarget(false)
	case key.Matches(k, m.keys.Reset):
		copy(m.selected, m.saved)
	default:
		m.move(k)
	}
	return m, nil
}

func (m Model) handleConfirm(k tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(k, m.keys.Yes):
		m.confirming = false
		return m, m.emitBack()
	case key.Matches(k, m.keys.No):
		m.confirming = false
	}
	return m, nil
}

// handleSearchKey: while the search bar has focus, letters type into it.
func (m Model) handleSearchKey(k tea.KeyMsg) (Model, tea.Cmd) {
	switch k.String() {
	case "esc":
		m.search.SetValue("")
		m.runSearch()
		m.setFocus(FocusGroups)
		return m, nil
	case "tab", "enter", "down":
		m.setFocus(m.nextFocus(+1))
		return m, nil
	case "shift+tab":
		m.setFocus(m.nextFocus(-1))
		return m, nil
	}
	before := m.search.Value()
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(k)
	if m.search.Value() != before {
		m.runSearch()
	}
	return m, cmd
}

// back: esc first clears an active search, then leaves (asking first when
// there are unsaved changes and the host wants that).
func (m Model) back() (Model, tea.Cmd) {
	if m.results != nil {
		m.search.SetValue("")
		m.runSearch()
		m.setFocus(FocusGroups)
		return m, nil
	}
	if m.opts.ConfirmLeave && m.Dirty() {
		m.confirming = true
		return m, nil
	}
	return m, m.emitBack()
}

func (m Model) emitSave() tea.Cmd {
	sel := m.Selected()
	return ui.Emit(m.c, SaveMsg{Selected: sel})
}

func (m Model) emitBack() tea.Cmd {
	sel := m.Selected()
	return ui.Emit(m.c, BackMsg{Selected: sel})
}

// panes lists the focusable panes in tab order; the groups pane is hidden
// while a search shows its results.
func (m Model) panes() []Focus {
	if m.results != nil {
		return []Focus{FocusSearch, FocusScopes}
	}
	return []Focus{FocusSearch, FocusGroups, FocusScopes}
}

func (m Model) nextFocus(step int) Focus {
	p := m.panes()
	for i, f := range p {
		if f == m.focus {
			return p[(i+step+len(p))%len(p)]
		}
	}
	return p[0]
}

func (m *Model) setFocus(f Focus) {
	m.focus = f
	if f == FocusSearch {
		m.search.Focus()
	} else {
		m.search.Blur()
	}
}

// rowCount is the number of rows in the scopes pane.
func (m Model) rowCount() int {
	if m.results != nil {
		return len(m.results)
	}
	if len(m.groups) == 0 {
		return 0
	}
	g := m.groups[m.group]
	return g.end - g.start
}

// itemAt maps a scopes-pane row to its item index.
func (m Model) itemAt(row int) int {
	if m.results != nil {
		return m.results[row].item
	}
	return m.groups[m.group].start + row
}

func (m *Model) toggle() {
	switch m.focus {
	case FocusScopes:
		if m.rowCount() > 0 {
			i := m.itemAt(m.cursor)
			m.selected[i] = !m.selected[i]
		}
	case FocusGroups:
		if len(m.groups) == 0 {
			return
		}
		g := m.groups[m.group]
		all := true
		for i := g.start; i < g.end; i++ {
			all = all && m.selected[i]
		}
		for i := g.start; i < g.end; i++ {
			m.selected[i] = !all
		}
	}
}

// setTarget selects (on) or clears every scope of the selected group, or,
// while a search is active, every match that contains the query (never a
// loose fuzzy match: see bulkMatch).
func (m *Model) setTarget(on bool) {
	if m.results != nil {
		for _, r := range m.results {
			if r.bulk {
				m.selected[r.item] = on
			}
		}
		return
	}
	if len(m.groups) == 0 {
		return
	}
	g := m.groups[m.group]
	for i := g.start; i < g.end; i++ {
		m.selected[i] = on
	}
}

// move handles cursor keys in the focused pane.
func (m *Model) move(k tea.KeyMsg) {
	page := max(m.listHeight()-1, 1)
	delta := 0
	switch {
	case key.Matches(k, m.keys.Up):
		delta = -1
	case key.Matches(k, m.keys.Down):
		delta = 1
	case key.Matches(k, m.keys.PageUp):
		delta = -page
	case key.Matches(k, m.keys.PageDown):
		delta = page
	case key.Matches(k, m.keys.Top):
		delta = -1 << 30
	case key.Matches(k, m.keys.Bottom):
		delta = 1 << 30
	default:
		return
	}
	if m.focus == FocusGroups && len(m.groups) > 0 {
		g := clamp(m.group+delta, 0, len(m.groups)-1)
		if g != m.group {
			m.group, m.cursor, m.top = g, 0, 0
		}
	} else if m.focus == FocusScopes {
		m.cursor = clamp(m.cursor+delta, 0, max(m.rowCount()-1, 0))
	}
	m.clampScroll()
}

// clampScroll keeps both cursors on screen.
func (m *Model) clampScroll() {
	h := m.listHeight()
	m.cursor = clamp(m.cursor, 0, max(m.rowCount()-1, 0))
	m.top = scrollTo(m.top, m.cursor, h)
	m.groupTop = scrollTo(m.groupTop, m.group, h)
}

func scrollTo(top, cursor, h int) int {
	if cursor < top {
		return cursor
	}
	if cursor >= top+h {
		return cursor - h + 1
	}
	return max(top, 0)
}

func clamp(v, lo, hi int) int {
	return min(max(v, lo), hi)
}
