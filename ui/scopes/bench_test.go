package scopes

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// BenchmarkScopesKeypress is one ↓ on the scopes pane with its frame.
func BenchmarkScopesKeypress(b *testing.B) {
	m := New(uitest.NewCommon(nil), uitest.Catalogue(), []string{"users.user.view"}, Options{})
	m.SetSize(120, 35)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyTab})
	down := tea.KeyMsg{Type: tea.KeyDown}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m, _ = m.Update(down)
		_ = m.View()
	}
}

// BenchmarkScopesSearchKeypress types one character into the search with its frame.
func BenchmarkScopesSearchKeypress(b *testing.B) {
	m := New(uitest.NewCommon(nil), uitest.Catalogue(), nil, Options{})
	m.SetSize(120, 35)
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	e := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'e'}}
	bs := tea.KeyMsg{Type: tea.KeyBackspace}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := e
		if i%2 == 1 {
			k = bs
		}
		m, _ = m.Update(k)
		_ = m.View()
	}
}
