package clientcreds

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/uitest"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

func manyCreds(n int) []client.ClientCredential {
	creds := make([]client.ClientCredential, n)
	for i := range creds {
		creds[i] = client.ClientCredential{ID: int64(i + 1), Name: fmt.Sprintf("service account %05d", i),
			ClientID: fmt.Sprintf("cc_%020d", i*7919), ClientSecret: client.MaskedSecret,
			ValidFrom: day(-i % 400), ValidTill: day(i%900 - 30), Version: 1}
	}
	return creds
}

func loaded10k(b *testing.B) (*harness, *Model) {
	c := uitest.NewCommon(nil)
	m := newModel(c, newFake(manyCreds(10_000)))
	h := newHarness(b, c, m)
	h.Send(tea.WindowSizeMsg{Width: 120, Height: 35})
	if len(m.Creds()) != 10_000 {
		b.Fatalf("rows = %d", len(m.Creds()))
	}
	return h, m
}

// BenchmarkTableKeypress is one ↓ on the table at 10k credentials, with the
// frame it causes.
func BenchmarkTableKeypress(b *testing.B) {
	h, _ := loaded10k(b)
	down, up := uitest.Key("down"), uitest.Key("up")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := down
		if i%2000 >= 1000 {
			k = up
		}
		h.App.Update(k)
		_ = h.View()
	}
}

// BenchmarkTableMark is space (mark) at 10k credentials with its frame.
func BenchmarkTableMark(b *testing.B) {
	h, _ := loaded10k(b)
	space := uitest.Key("space")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		h.App.Update(space)
		_ = h.View()
	}
}

// BenchmarkFilter is a fuzzy query over the name and client id of 10k credentials.
func BenchmarkFilter(b *testing.B) {
	creds := manyCreds(10_000)
	c := uitest.NewCommon(nil)
	hay := make([]string, len(creds))
	for i, cc := range creds {
		hay[i] = vtable.JoinCells(cells(c, cc, now), matchCols)
	}
	snap := filter.NewSnapshot(hay)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if r := filter.Search(snap, "acct 0042"); len(r.Indices) == 0 {
			b.Fatal("no match")
		}
	}
}

// BenchmarkLoad10k is a reload of 10k credentials from a fake api: the
// cells, keys and haystacks built and the rows applied.
func BenchmarkLoad10k(b *testing.B) {
	h, m := loaded10k(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		h.Run(m.Reload())
	}
}
