package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// manyKeys is a key map with n enabled bindings and one that applies only
// when rows are marked, and one that this person may never use.
type manyKeys struct{ bindings []key.Binding }

func (k manyKeys) ShortHelp() []key.Binding  { return k.bindings[:1] }
func (k manyKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.bindings} }

type manyScreen struct {
	fakeScreen
	km manyKeys
}

func (m *manyScreen) KeyMap() help.KeyMap { return m.km }

func (m *manyScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	m.fakeScreen.Update(msg)
	return m, nil
}

// HelpWhen gives a condition for "D" only; "X" stays hidden.
func (m *manyScreen) HelpWhen(b key.Binding) string {
	if b.Help().Key == "D" {
		return "when rows are marked"
	}
	return ""
}

func newManyApp(t *testing.T, n, w, h int) *App {
	t.Helper()
	var bs []key.Binding
	for i := range n {
		k := fmt.Sprintf("k%02d", i)
		bs = append(bs, key.NewBinding(key.WithKeys(k), key.WithHelp(k, fmt.Sprintf("action number %02d of this screen", i))))
	}
	bs = append(bs,
		key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete marked"), key.WithDisabled()),
		key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "admin only thing"), key.WithDisabled()))
	s := &manyScreen{fakeScreen: *newFake("M"), km: manyKeys{bindings: bs}}
	app := NewApp(testCommon(), []Tab{{Name: "Many", New: func(*Common) Screen { return s }}})
	app.Init()
	app.Update(tea.WindowSizeMsg{Width: w, Height: h})
	app.Update(keyMsg("?"))
	return app
}

// Every binding is reachable in the overlay at 60×20 by scrolling, none is
// cut, and the view never exceeds the terminal.
func TestHelpScrollsToEveryBinding(t *testing.T) {
	app := newManyApp(t, 40, 60, 20)
	seen := map[string]bool{}
	for range 60 {
		v := app.View()
		if n := strings.Count(v, "\n") + 1; n != 20 {
			t.Fatalf("view has %d lines, want 20", n)
		}
		for _, l := range strings.Split(ansi.Strip(v), "\n") {
			if ansi.StringWidth(l) > 60 {
				t.Fatalf("line wider than 60: %q", l)
			}
			for _, f := range strings.Fields(l) {
				seen[f] = true
			}
		}
		app.Update(keyMsg("j"))
	}
	for i := range 40 {
		if k := fmt.Sprintf("k%02d", i); !seen[k] {
			t.Errorf("binding %s never shown", k)
		}
	}
	for _, k := range []string{"ctrl+c", "esc", "tab"} {
		if !seen[k] {
			t.Errorf("global key %s never shown", k)
		}
	}
}

func TestHelpShowsStateKeysWithWhenAndHidesForbidden(t *testing.T) {
	app := newManyApp(t, 3, 80, 24)
	v := ansi.Strip(app.View())
	if !strings.Contains(v, "delete marked (when rows are marked)") {
		t.Errorf("state key missing its condition:\n%s", v)
	}
	if strings.Contains(v, "admin only") {
		t.Errorf("a key this person may never use is advertised:\n%s", v)
	}
	app.Update(keyMsg("esc"))
	if app.showHelp {
		t.Fatal("esc did not close the help")
	}
}
