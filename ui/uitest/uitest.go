// Package uitest holds test support shared by the screens' tests: a screen
// stack that runs inside a real Bubble Tea program for teatest golden files.
package uitest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/pamconsole/pamconsole/ui"
)

// stackModel runs screens in a real tea.Program for teatest: a screen stack
// like the root's, without the tab bar and status bar.
type stackModel struct {
	stack  []ui.Screen
	noInit bool
	w, h   int
}

func (m *stackModel) Init() tea.Cmd {
	if m.noInit {
		return nil
	}
	return m.stack[0].Init()
}

func (m *stackModel) top() ui.Screen { return m.stack[len(m.stack)-1] }

func (m *stackModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case ui.PushMsg:
		m.stack = append(m.stack, msg.Screen)
		s, _ := msg.Screen.Update(tea.WindowSizeMsg{Width: m.w, Height: m.h})
		m.stack[len(m.stack)-1] = s
		return m, s.Init()
	case ui.PopMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
			msg := ui.PoppedMsg(msg)
			return m.Update(msg)
		}
		return m, nil
	case ui.ToastMsg:
		return m, nil
	}
	s, cmd := m.top().Update(msg)
	m.stack[len(m.stack)-1] = s
	return m, cmd
}

func (m *stackModel) View() string { return m.top().View() }

// RunGolden starts s at 80×24, lets steps drive it, waits until the output
// shows until, then compares the final frame with testdata/<test>.golden.
func RunGolden(t *testing.T, s ui.Screen, noInit bool, until string, steps func(tm *teatest.TestModel)) {
	t.Helper()
	sm := &stackModel{stack: []ui.Screen{s}, noInit: noInit}
	tm := teatest.NewTestModel(t, sm, teatest.WithInitialTermSize(80, 24))
	if steps != nil {
		steps(tm)
	}
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(until)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*stackModel)
	frame := final.View()
	if n := strings.Count(frame, "\n") + 1; n > 24 {
		t.Errorf("frame has %d lines, more than the 24 of the terminal", n)
	}
	golden.RequireEqual(t, []byte(frame))
}
