package clientcreds

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/pamconsole/pamconsole/ui"
)

// stack plays the root inside a real Bubble Tea program for teatest: a
// stack of screens with Push/Pop, keys to the top, other messages to all,
// toasts ignored.
type stack struct {
	screens []ui.Screen
	size    tea.WindowSizeMsg
}

func (s *stack) top() ui.Screen { return s.screens[len(s.screens)-1] }
func (s *stack) Init() tea.Cmd  { return s.top().Init() }
func (s *stack) View() string   { return s.top().View() }

func (s *stack) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.size = msg
	case ui.ToastMsg:
		return s, nil
	case ui.PushMsg:
		s.screens = append(s.screens, msg.Screen)
		_, cmd := s.forward(s.size)
		return s, tea.Batch(msg.Screen.Init(), cmd)
	case ui.PopMsg:
		s.screens = s.screens[:len(s.screens)-1]
		return s.forward(ui.PoppedMsg(msg))
	case tea.KeyMsg:
		return s.forward(msg)
	}
	var cmds []tea.Cmd
	for i := range s.screens {
		next, cmd := s.screens[i].Update(msg)
		s.screens[i] = next
		cmds = append(cmds, cmd)
	}
	return s, tea.Batch(cmds...)
}

func (s *stack) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := s.top().Update(msg)
	s.screens[len(s.screens)-1] = next
	return s, cmd
}

// goldenRun drives a table screen over fixtures at 80×24: each step sends
// its keys after waiting for its text, then the final frame is compared
// with testdata/<test>.golden.
type step struct {
	waitFor string
	keys    []tea.Msg
}

func typed(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

func keys(ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		out = append(out, keyMsg(k))
	}
	return out
}

func goldenRun(t *testing.T, steps []step, final string) {
	t.Helper()
	m := newModel(testCommon(), newFake(fixtures()))
	tm := teatest.NewTestModel(t, &stack{screens: []ui.Screen{m}}, teatest.WithInitialTermSize(80, 24))
	out := tm.Output()
	wait := func(text string) {
		t.Helper()
		teatest.WaitFor(t, out, func(b []byte) bool {
			return bytes.Contains(b, []byte(text))
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	for _, s := range steps {
		wait(s.waitFor)
		for _, k := range s.keys {
			tm.Send(k)
		}
	}
	wait(final)
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*stack)
	golden.RequireEqual(t, []byte(fm.View()))
}

func TestGoldenTable(t *testing.T) {
	goldenRun(t, []step{
		{waitFor: "Grafana reader", keys: keys("down", "space", "down", "down", "space", "up")},
	}, "2 marked")
}

func TestGoldenWizardStep1(t *testing.T) {
	goldenRun(t, []step{
		{waitFor: "Grafana reader", keys: keys("n")},
		{waitFor: "Step 1 of 2", keys: append(typed("CI deployer 2"), keys("tab", "tab", "ctrl+u")...)},
		{waitFor: "CI deployer 2", keys: append(typed("2026-01-01"), keys("ctrl+n")...)},
	}, "must not be before")
}

func TestGoldenWizardStep2(t *testing.T) {
	goldenRun(t, []step{
		{waitFor: "Grafana reader", keys: keys("n")},
		{waitFor: "Step 1 of 2", keys: append(typed("CI deployer 2"), keys("ctrl+n")...)},
		{waitFor: "Step 2 of 2", keys: keys("down", "down", "a", "enter", "down", "space")},
	}, "9 of 32 scopes selected")
}

func TestGoldenEditScopesSearch(t *testing.T) {
	goldenRun(t, []step{
		{waitFor: "Grafana reader", keys: keys("down", "down", "s")},
		{waitFor: "Scopes of", keys: append(keys("/"), typed("view")...)},
		{waitFor: "matches across all groups", keys: keys("enter", "down", "space")},
	}, "+0 −1")
}

func bulkSteps() []step {
	return []step{
		{waitFor: "Grafana reader", keys: append(keys("down", "space", "down", "space", "/"), typed("grafana")...)},
		{waitFor: "1 of 6", keys: keys("enter", "ctrl+a", "D")},
	}
}

func TestGoldenBulkDeleteConfirm(t *testing.T) {
	goldenRun(t, bulkSteps(), "Delete 3 marked")
}

func TestGoldenBulkDeleteReport(t *testing.T) {
	steps := append(bulkSteps(), step{waitFor: "Delete 3 marked", keys: keys("y")})
	goldenRun(t, steps, "Bulk delete:")
}
