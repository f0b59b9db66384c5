package credentials

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

var benchSizes = []int{10_000, 100_000}

func sizeName(n int) string { return fmt.Sprintf("%dk", n/1000) }

// benchHarness returns the console at w×h showing the screen with n rows
// loaded and the filter's snapshot built.
func benchHarness(tb testing.TB, n, w, h int) (*harness, *Model) {
	tb.Helper()
	c := uitest.NewCommon(nil)
	m := newModel(c, sourcesOf(newFake(n)))
	hs := newHarness(tb, c, m, w, h)
	if len(m.list.Items()) != n {
		tb.Fatalf("bench model not ready: %d rows", len(m.list.Items()))
	}
	return hs, m
}

// BenchmarkFirstRender measures what stands between the first batch of the
// stream and the first frame: reading and converting the first batch (in
// its command), applying it, and rendering — in the console, whose start
// is included. It must not grow with the size of the list.
func BenchmarkFirstRender(b *testing.B) {
	for _, n := range benchSizes {
		creds := fakeCreds(n)
		b.Run(sizeName(n), func(b *testing.B) {
			c := uitest.NewCommon(nil)
			b.ReportAllocs()
			for b.Loop() {
				m := newModel(c, sourcesOf(&fakeSource{creds: creds, total: n}))
				h := newHarness(b, c, m, 120, 35, uitest.WithHold(list.IsPage))
				h.ReleaseOne()
				if len(h.View()) == 0 || len(m.list.Items()) != firstBatch {
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
			h, _ := benchHarness(b, n, 120, 35)
			h.Send(uitest.Key("pgdown"))
			down, up := uitest.Key("down"), uitest.Key("up")
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				k := down
				if i%2 == 1 {
					k = up
				}
				i++
				h.App.Update(k)
				if len(h.View()) == 0 {
					b.Fatal("empty frame")
				}
			}
		})
	}
}

// BenchmarkFilter is a query pasted into the filter input through the
// console's path: the keypress, the search command, applying its result,
// and the frame. Each iteration starts from an unfiltered list.
func BenchmarkFilter(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			h, m := benchHarness(b, n, 120, 35)
			h.Send(uitest.Key("/"))
			paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("host-12 root"), Paste: true}
			clear := tea.KeyMsg{Type: tea.KeyCtrlU}
			b.ReportAllocs()
			for b.Loop() {
				h.Send(paste)
				if m.list.Query() == "" || len(h.View()) == 0 {
					b.Fatal("filter not applied")
				}
				h.Send(clear)
			}
		})
	}
}
