package clientcreds

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
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

func loaded10k(b *testing.B) *Model {
	m := newModel(testCommon(), newFake(nil))
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 35})
	m.Reload()
	_, cmd := m.Update(ui.Reply[loaded]{ID: m.loadID, Value: loaded{creds: manyCreds(10_000), catalogue: catalogue()}})
	if res, ok := cmd().(filter.Result); ok {
		m.Update(res)
	}
	if m.table.Len() != 10_000 {
		b.Fatalf("rows = %d", m.table.Len())
	}
	return m
}

// BenchmarkTableKeypress is one ↓ on the table at 10k credentials, with the
// frame it causes.
func BenchmarkTableKeypress(b *testing.B) {
	m := loaded10k(b)
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := down
		if i%2000 >= 1000 {
			k = up
		}
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkTableMark is space (mark) at 10k credentials with its frame.
func BenchmarkTableMark(b *testing.B) {
	m := loaded10k(b)
	space := keyMsg("space")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Update(space)
		_ = m.View()
	}
}

// BenchmarkFilter is a fuzzy query over the name and client id of 10k credentials.
func BenchmarkFilter(b *testing.B) {
	creds := manyCreds(10_000)
	rows, _ := buildRows(testCommon(), creds, now)
	hay := make([]string, len(rows))
	for i, row := range rows {
		hay[i] = vtable.JoinCells(row, matchCols)
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

// BenchmarkLoad10k is applying a 10k-row load (rows, keys, haystacks).
func BenchmarkLoad10k(b *testing.B) {
	creds := manyCreds(10_000)
	m := newModel(testCommon(), newFake(nil))
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 35})
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.setCreds(creds)
	}
}
