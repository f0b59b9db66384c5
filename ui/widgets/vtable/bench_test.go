package vtable

import (
	"io"
	"testing"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable/vtabletest"
)

var benchSizes = []struct {
	name string
	n    int
}{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}}

const benchW, benchH = 120, 35

// BenchmarkKeypress: one op is one cursor keypress through Update plus the
// View that follows, at 120×35, for this table and the stock bubbles table on
// the same rows. The cursor starts mid-table and bounces at the ends.
func BenchmarkKeypress(b *testing.B) {
	down, up := tea.KeyMsg{Type: tea.KeyDown}, tea.KeyMsg{Type: tea.KeyUp}
	for _, size := range benchSizes {
		rows := vtabletest.CredentialRows(size.n)
		b.Run("pamconsole/"+size.name, func(b *testing.B) {
			m := benchTable(rows)
			key := down
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				key = bounce(key, m.CursorPos(), len(rows), down, up)
				m, _ = m.Update(key)
				_ = m.View()
			}
		})
		b.Run("bubbles-table/"+size.name, func(b *testing.B) {
			m := stockTable(rows)
			key := down
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				key = bounce(key, m.Cursor(), len(rows), down, up)
				m, _ = m.Update(key)
				_ = m.View()
			}
		})
	}
}

func bounce(key tea.KeyMsg, cursor, n int, down, up tea.KeyMsg) tea.KeyMsg {
	switch cursor {
	case n - 1:
		return up
	case 0:
		return down
	}
	return key
}

func benchRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return r
}

func benchTable(rows [][]string) Model {
	cols := make([]Column, len(vtabletest.CredentialColumns))
	for i, c := range vtabletest.CredentialColumns {
		cols[i] = Column{Title: c.Title}
	}
	m := New(cols, DefaultStyles(benchRenderer(), lipgloss.Color("#7D56F4")))
	m.SetRows(rows, nil)
	m.SetSize(benchW, benchH)
	m.SetToneFunc(func(r int) Tone {
		if rows[r][10] == "no" {
			return ToneDim
		}
		return ToneNormal
	})
	m.Focus()
	m.SetCursor(len(rows) / 2)
	return m
}

func stockTable(rows [][]string) table.Model {
	r := benchRenderer()
	cols := make([]table.Column, len(vtabletest.CredentialColumns))
	for i, c := range vtabletest.CredentialColumns {
		cols[i] = table.Column{Title: c.Title, Width: c.Width}
	}
	trows := make([]table.Row, len(rows))
	for i, row := range rows {
		trows[i] = row
	}
	st := table.DefaultStyles()
	st.Header = r.NewStyle().Bold(true).Padding(0, 1).Foreground(lipgloss.Color("#7D56F4"))
	st.Cell = r.NewStyle().Padding(0, 1)
	st.Selected = r.NewStyle().Bold(true).Foreground(lipgloss.Color("212"))
	m := table.New(table.WithColumns(cols), table.WithRows(trows), table.WithFocused(true),
		table.WithHeight(benchH-1), table.WithWidth(benchW), table.WithStyles(st))
	m.SetCursor(len(rows) / 2)
	return m
}
