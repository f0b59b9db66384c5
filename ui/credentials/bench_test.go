package credentials

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

var benchSizes = []int{10_000, 100_000}

func sizeName(n int) string { return fmt.Sprintf("%dk", n/1000) }

// drain runs cmd and every command its messages produce, synchronously.
func drain(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			drain(m, c)
		}
	default:
		_, next := m.Update(msg)
		drain(m, next)
	}
}

// benchModel returns a screen at w×h with n rows loaded and the filter's
// snapshot built.
func benchModel(tb testing.TB, n, w, h int) *Model {
	tb.Helper()
	m := newModel(newTestCommon(nil), sourcesOf(newFake(n)))
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drain(m, m.Init())
	if len(m.rows) != n || m.flt.Snapshot() == nil || m.flt.Snapshot().Len() != n {
		tb.Fatalf("bench model not ready: %d rows", len(m.rows))
	}
	return m
}

// BenchmarkFirstRender measures what stands between the first batch of the
// stream and the first frame: reading and converting the first batch (in
// its command), applying it, and rendering. It must not grow with the size
// of the list.
func BenchmarkFirstRender(b *testing.B) {
	for _, n := range benchSizes {
		creds := fakeCreds(n)
		b.Run(sizeName(n), func(b *testing.B) {
			c := newTestCommon(nil)
			b.ReportAllocs()
			for b.Loop() {
				src := &fakeSource{creds: creds, total: n}
				m := newModel(c, sourcesOf(src))
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 35})
				m.Update(m.Init()())
				if len(m.View()) == 0 || len(m.rows) != firstBatch {
					b.Fatal("no first frame")
				}
				m.Close()
			}
		})
	}
}

// BenchmarkKeypress is one cursor move and the frame after it, at 120×35.
func BenchmarkKeypress(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			m := benchModel(b, n, 120, 35)
			m.table.MoveDown(n / 2)
			down, up := keyMsg("down"), keyMsg("up")
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				k := down
				if i%2 == 1 {
					k = up
				}
				i++
				m.Update(k)
				if len(m.View()) == 0 {
					b.Fatal("empty frame")
				}
			}
		})
	}
}

// BenchmarkFilter is a query pasted into the filter input through the
// screen's path: the keypress, the search command, applying its result,
// and the frame. Each iteration starts from an unfiltered list.
func BenchmarkFilter(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			m := benchModel(b, n, 120, 35)
			m.Update(keyMsg("/"))
			paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("host-12 root"), Paste: true}
			clear := tea.KeyMsg{Type: tea.KeyCtrlU}
			b.ReportAllocs()
			for b.Loop() {
				_, cmd := m.Update(paste)
				drain(m, cmd)
				if !m.filterShown() || len(m.View()) == 0 {
					b.Fatal("filter not applied")
				}
				_, cmd = m.Update(clear)
				drain(m, cmd)
			}
		})
	}
}
