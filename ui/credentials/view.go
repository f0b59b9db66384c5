package credentials

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/ui"
)

// View renders the info line, the table and the legend: exactly the
// height the root gave the screen.
func (m *Model) View() string {
	var b strings.Builder
	b.Grow((m.width + 16) * m.height)
	b.WriteString(fit(m.infoLine(), m.width))
	b.WriteByte('\n')
	b.WriteString(m.table.View())
	b.WriteByte('\n')
	b.WriteString(fit(m.legend(), m.width))
	return b.String()
}

// infoLine shows the filter input (or the kept query), the counts, the
// order and the progress of a load.
func (m *Model) infoLine() string {
	st := m.c.Styles
	var parts []string
	switch {
	case m.bar.Focused():
		parts = append(parts, m.bar.View())
	case m.filterShown():
		parts = append(parts, st.Focused.Render("/ "+m.flt.Query()))
	}
	parts = append(parts, m.countText())
	parts = append(parts, st.Muted.Render("sort: "+m.sort.label()))
	switch {
	case m.loading:
		parts = append(parts, st.Warning.Render(m.progress()))
	case m.loadErr != nil:
		parts = append(parts, st.Error.Render("load failed: "+ui.ErrorText(m.loadErr)+" — ctrl+r retries"))
	case m.actText != "":
		parts = append(parts, st.Muted.Render(m.actText))
	}
	if m.bar.Focused() {
		return parts[0] + "  " + strings.Join(parts[1:], st.Muted.Render(" · "))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

func (m *Model) countText() string {
	n := len(m.rows)
	if m.filterShown() || (m.bar.Focused() && m.flt.Query() != "") {
		if m.filterShown() && m.shown.Query == m.flt.Query() {
			return thousands(len(m.shown.Indices)) + " of " + thousands(n)
		}
		return "filtering " + thousands(n) + "…"
	}
	if n == 1 {
		return "1 credential"
	}
	return thousands(n) + " credentials"
}

// progress is "loading 12,000 / 100,000" (or without the total when the
// server does not send one).
func (m *Model) progress() string {
	if m.fresh {
		return "loading…"
	}
	if m.total >= 0 {
		return "loading " + thousands(len(m.rows)) + " / " + thousands(m.total)
	}
	return "loading " + thousands(len(m.rows)) + "…"
}

func (m *Model) legend() string {
	st := m.c.Styles
	text := flagExpired + " expired  " + flagSoon + " expires within 7 days  " + flagInactive + " inactive"
	if m.c.ReadOnly {
		text += "  · read-only"
	}
	return st.Muted.Render(text)
}

// fit truncates s to w cells.
func fit(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// thousands formats n with comma separators: 100000 → "100,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
