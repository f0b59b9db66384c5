package filter

import (
	"context"
	"io"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/ui"
)

func TestBarOutcomes(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	b := NewBar(ui.NewCommon(context.Background(), nil, r), "name")
	keep := key.NewBinding(key.WithKeys("enter"))
	clr := key.NewBinding(key.WithKeys("esc"))
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

	if b.Focused() {
		t.Fatal("a new bar has focus")
	}
	b.Focus()
	steps := []struct {
		k     tea.KeyMsg
		want  Outcome
		value string
		focus bool
	}{
		{runes("ab"), Changed, "ab", true},
		{tea.KeyMsg{Type: tea.KeyLeft}, Typed, "ab", true},
		{tea.KeyMsg{Type: tea.KeyEnter}, Kept, "ab", false},
	}
	for i, s := range steps {
		if got, _ := b.Key(s.k, keep, clr); got != s.want || b.Value() != s.value || b.Focused() != s.focus {
			t.Fatalf("step %d: outcome %v value %q focus %v", i, got, b.Value(), b.Focused())
		}
	}
	b.Focus()
	if got, _ := b.Key(tea.KeyMsg{Type: tea.KeyEsc}, keep, clr); got != Cleared || b.Value() != "" || b.Focused() {
		t.Fatalf("esc: outcome %v value %q focus %v", got, b.Value(), b.Focused())
	}
}
