package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// StateHelp is implemented by screens whose key map holds keys that apply
// only in some states (D with marked rows, y in a dialog…). The help overlay
// shows a disabled binding with HelpWhen's text ("when rows are marked");
// an empty text keeps it hidden — a key this person may never use (a write
// key for a viewer) is not advertised at all.
type StateHelp interface {
	HelpWhen(b key.Binding) string
}

// helpEntry is one line of the help overlay.
type helpEntry struct {
	key, desc, when string
}

// helpSection is a titled block of entries.
type helpSection struct {
	title   string
	entries []helpEntry
}

// helpKeys scroll and close the overlay (UX.md: ? and esc close it).
var helpKeys = struct {
	Down, Up, PageDown, PageUp, Top, Bottom key.Binding
}{
	Down:     key.NewBinding(key.WithKeys("j", "down")),
	Up:       key.NewBinding(key.WithKeys("k", "up")),
	PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d", " ")),
	PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u")),
	Top:      key.NewBinding(key.WithKeys("g", "home")),
	Bottom:   key.NewBinding(key.WithKeys("G", "end")),
}

// helpSections collects the top screen's bindings (disabled ones with their
// HelpWhen text), the global keys and the overlay's own keys.
func (a *App) helpSections() []helpSection {
	var secs []helpSection
	if t := a.top(); t != nil {
		var when func(key.Binding) string
		if sh, ok := t.(StateHelp); ok {
			when = sh.HelpWhen
		}
		secs = append(secs, helpSection{title: a.titleOf(t), entries: entriesOf(t.KeyMap().FullHelp(), when)})
	}
	global := entriesOf(a.shownKeys().FullHelp(), nil)
	if len(a.stacks[a.active]) > 1 {
		global = append(global, helpEntry{key: "esc", desc: "back to the screen below"})
	}
	secs = append(secs, helpSection{title: "Everywhere", entries: global})
	secs = append(secs, helpSection{title: "In this help", entries: []helpEntry{
		{key: "j/k ↑/↓", desc: "scroll"}, {key: "pgup/pgdn", desc: "scroll a page"}, {key: "esc ? q", desc: "close"},
	}})
	return secs
}

// entriesOf flattens key-map columns, skipping duplicates and bindings that
// are disabled without a "when" text.
func entriesOf(groups [][]key.Binding, when func(key.Binding) string) []helpEntry {
	var out []helpEntry
	seen := map[string]bool{}
	for _, g := range groups {
		for _, b := range g {
			h := b.Help()
			if h.Key == "" || seen[h.Key+"\x00"+h.Desc] {
				continue
			}
			e := helpEntry{key: h.Key, desc: h.Desc}
			if !b.Enabled() {
				if when == nil {
					continue
				}
				if e.when = when(b); e.when == "" {
					continue
				}
			}
			seen[h.Key+"\x00"+h.Desc] = true
			out = append(out, e)
		}
	}
	return out
}

// helpLines lays the sections out in as many columns as fit width w, each
// section's entries filling its columns top to bottom.
func (a *App) helpLines(w int) []string {
	st := a.c.Styles
	var lines []string
	for i, sec := range a.helpSections() {
		if i > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.Title.Render(sec.title))
		lines = append(lines, a.sectionLines(sec.entries, w)...)
	}
	return lines
}

func (a *App) sectionLines(entries []helpEntry, w int) []string {
	if len(entries) == 0 {
		return nil
	}
	st := a.c.Styles
	keyW := 0
	for _, e := range entries {
		keyW = max(keyW, lipgloss.Width(e.key))
	}
	cells := make([]string, len(entries))
	for i, e := range entries {
		text := e.desc
		if e.when != "" {
			text += " (" + e.when + ")"
		}
		k := e.key + strings.Repeat(" ", keyW-lipgloss.Width(e.key))
		if e.when != "" {
			cells[i] = st.Muted.Render(k + "  " + text)
		} else {
			cells[i] = st.Bold.Render(k) + "  " + st.Muted.Render(text)
		}
	}
	rows, colW := helpGrid(cells, w)
	out := make([]string, rows)
	for r := range rows {
		var b strings.Builder
		for c := range colW {
			i := c*rows + r
			if i >= len(cells) {
				break
			}
			if c > 0 {
				b.WriteString(strings.Repeat(" ", helpGap))
			}
			b.WriteString(cells[i])
			if c < len(colW)-1 {
				b.WriteString(strings.Repeat(" ", colW[c]-lipgloss.Width(cells[i])))
			}
		}
		out[r] = wrapHelpLine(b.String(), w)
	}
	return flattenLines(out)
}

const helpGap = 3

// helpGrid picks the most columns (filled top to bottom) whose widths, each
// its widest cell, fit in w; one column when none do.
func helpGrid(cells []string, w int) (rows int, colW []int) {
	for cols := len(cells); cols > 1; cols-- {
		rows = (len(cells) + cols - 1) / cols
		used := (len(cells) + rows - 1) / rows
		widths := make([]int, used)
		total := helpGap * (used - 1)
		for i, c := range cells {
			widths[i/rows] = max(widths[i/rows], lipgloss.Width(c))
		}
		for _, cw := range widths {
			total += cw
		}
		if total <= w {
			return rows, widths
		}
	}
	return len(cells), []int{0}
}

// wrapHelpLine wraps a single-column entry that is wider than the screen,
// so a long description is never cut off.
func wrapHelpLine(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Wrap(s, w, "")
}

func flattenLines(ls []string) []string {
	var out []string
	for _, l := range ls {
		out = append(out, strings.Split(l, "\n")...)
	}
	return out
}

// helpView is the help overlay (see scrollView).
func (a *App) helpView() string {
	w, h := a.contentSize()
	return a.scrollView(a.helpLines(w), h, a.helpOffset)
}

// scrollView shows lines from off on in h rows, with a last row saying how
// to scroll when they do not all fit (the help and message overlays).
func (a *App) scrollView(lines []string, h, off int) string {
	maxOff := helpMaxOffset(len(lines), h)
	if maxOff == 0 {
		return strings.Join(lines, "\n")
	}
	off = min(max(off, 0), maxOff)
	shown := lines[off:min(off+h-1, len(lines))]
	more := a.c.Styles.Muted.Render(helpMoreLine(off, maxOff))
	return strings.Join(append(shown, more), "\n")
}

// helpMaxOffset is the last scroll offset for n lines in h rows (one row
// is kept for the "more" line when they do not fit).
func helpMaxOffset(n, h int) int {
	if n <= h {
		return 0
	}
	return n - max(h-1, 1)
}

func helpMoreLine(off, maxOff int) string {
	switch {
	case off == 0:
		return "↓ more below — j/↓ or pgdn scrolls, esc closes"
	case off >= maxOff:
		return "↑ more above — k/↑ or pgup scrolls, esc closes"
	}
	return "↑↓ more — j/k or pgup/pgdn scrolls, esc closes"
}

// helpKey handles a key while the help overlay is open.
func (a *App) helpKey(msg tea.KeyMsg) tea.Cmd {
	w, h := a.contentSize()
	var closed bool
	a.helpOffset, closed = a.scrollKey(msg, a.helpOffset, len(a.helpLines(w)), h)
	a.showHelp = !closed
	return nil
}

// scrollKey moves an overlay's offset for msg over n lines in h rows, or
// reports that msg closes the overlay (esc, ?, f1, q, !).
func (a *App) scrollKey(msg tea.KeyMsg, off, n, h int) (int, bool) {
	page := max(h-2, 1)
	maxOff := helpMaxOffset(n, h)
	switch {
	case key.Matches(msg, a.keys.Help, a.keys.HelpF1, a.keys.Close, a.keys.QuitList, a.keys.Messages):
		return 0, true
	case key.Matches(msg, helpKeys.Down):
		off++
	case key.Matches(msg, helpKeys.Up):
		off--
	case key.Matches(msg, helpKeys.PageDown):
		off += page
	case key.Matches(msg, helpKeys.PageUp):
		off -= page
	case key.Matches(msg, helpKeys.Top):
		off = 0
	case key.Matches(msg, helpKeys.Bottom):
		off = maxOff
	}
	return min(max(off, 0), maxOff), false
}
