package scopes

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// page runs a scopes page as a whole program, as teatest needs.
type page struct{ m Model }

func (p page) Init() tea.Cmd { return nil }
func (p page) View() string  { return p.m.View() }
func (p page) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	return p, cmd
}

// runGolden types keys into a page at 80×24, waits for want on screen and
// compares the final frame with testdata/<test>.golden.
func runGolden(t *testing.T, m Model, keys, want string) {
	t.Helper()
	tm := teatest.NewTestModel(t, page{m}, teatest.WithInitialTermSize(80, 24))
	tm.Type(keys)
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
		teatest.WithDuration(5*time.Second))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(page)
	golden.RequireEqual(t, []byte(final.View()))
}

func TestGoldenSearchActive(t *testing.T) {
	m := New(uitest.NewCommon(nil), uitest.Catalogue(), []string{"users.user.view", "assets.view", "assets.delete"}, Options{
		Heading: "Scopes of “CI deployer” · ctrl+s saves · esc back", ConfirmLeave: true,
	})
	runGolden(t, m, "/del", "matches across all groups")
}

func TestGoldenGroups(t *testing.T) {
	m := New(uitest.NewCommon(nil), uitest.Catalogue(), nil, Options{New: true})
	runGolden(t, m, "jja", "+3 −0")
}
