package confirm

import (
	"context"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/ui"
)

func TestAskAndAnswer(t *testing.T) {
	c := ui.NewCommon(context.Background(), nil, lipgloss.NewRenderer(io.Discard))
	push, ok := Ask(c, "Deactivate root@web01?")().(ui.PushMsg)
	if !ok {
		t.Fatal("Ask does not push a dialog")
	}
	if !strings.Contains(push.Screen.View(), "Deactivate root@web01?") {
		t.Fatal("the dialog does not show the question")
	}
	for key, want := range map[string]bool{"y": true, "n": false} {
		_, cmd := push.Screen.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(key)})
		pop := cmd().(ui.PopMsg)
		if yes, ok := Answer(pop.Result); !ok || yes != want {
			t.Fatalf("%s: answer %v %v", key, yes, ok)
		}
	}
	_, cmd := push.Screen.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if yes, ok := Answer(cmd().(ui.PopMsg).Result); !ok || yes {
		t.Fatal("esc must answer no")
	}
	if _, cmd := push.Screen.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}); cmd != nil {
		t.Fatal("another key answered the dialog")
	}
	if _, ok := Answer("something else"); ok {
		t.Fatal("Answer accepted a foreign result")
	}
}

func TestOptionIsANamedYes(t *testing.T) {
	c := ui.NewCommon(context.Background(), nil, lipgloss.NewRenderer(io.Discard))
	push := AskTagged(c, "Rotate", "Rotate it?", "tag", Option{Key: "g", Help: "with grace"})().(ui.PushMsg)
	if v := push.Screen.View(); !strings.Contains(v, "g: with grace") {
		t.Fatalf("the option is not offered:\n%s", v)
	}
	answer := func(k string) (any, string, bool) {
		_, cmd := push.Screen.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		return Chosen(cmd().(ui.PopMsg).Result)
	}
	if tag, opt, yes := answer("g"); !yes || opt != "g" || tag != "tag" {
		t.Fatalf("g: %v %q %v", tag, opt, yes)
	}
	if tag, opt, yes := answer("y"); !yes || opt != "" || tag != "tag" {
		t.Fatalf("y: %v %q %v", tag, opt, yes)
	}
	if _, _, yes := answer("n"); yes {
		t.Fatal("n answered yes")
	}
}
