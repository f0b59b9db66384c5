package sshserver_test

import (
	"fmt"
	"os"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/sshserver/sshtest"
)

func TestMain(m *testing.M) {
	sshtest.MaybeRunDriver()
	os.Exit(m.Run())
}

// helloModel is the trivial console of these tests: it greets with the
// session's role and key, shows size, key count and colour profile, quits
// on q and panics on request in each place a model can panic.
type helloModel struct {
	info      sshserver.SessionInfo
	w, h      int
	keys      int
	viewPanic bool
}

func (m helloModel) Init() tea.Cmd { return nil }

func (m helloModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		switch msg.String() {
		case "q":
			return m, tea.Quit
		case "p":
			panic("boom in Update")
		case "v":
			m.viewPanic = true
		case "c":
			return m, func() tea.Msg { panic("boom in a command") }
		case "b":
			return m, tea.Batch(nil, func() tea.Msg { panic("boom in a batch") })
		case "s":
			return m, tea.Sequence(func() tea.Msg { return nil }, func() tea.Msg { panic("boom in a sequence") })
		case "n":
			var p *helloModel
			return *p, nil // nil dereference: a runtime error
		default:
			m.keys++
		}
	}
	return m, nil
}

func (m helloModel) View() string {
	if m.viewPanic {
		panic("boom in View")
	}
	return fmt.Sprintf("hello %s %s\nsize %dx%d keys %d profile %s\n",
		m.info.Role, m.info.KeyFingerprint, m.w, m.h, m.keys, profileName(m.info.Renderer.ColorProfile()))
}

func profileName(p termenv.Profile) string {
	return [...]string{"truecolor", "ansi256", "ansi", "ascii"}[p]
}

// sessions records the SessionInfo of every NewModel call.
type sessions struct {
	mu    sync.Mutex
	infos []sshserver.SessionInfo
}

func (s *sessions) newModel(info sshserver.SessionInfo) (tea.Model, []tea.ProgramOption, error) {
	s.mu.Lock()
	s.infos = append(s.infos, info)
	s.mu.Unlock()
	return helloModel{info: info}, []tea.ProgramOption{tea.WithAltScreen()}, nil
}

func (s *sessions) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.infos)
}

func (s *sessions) last() sshserver.SessionInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.infos[len(s.infos)-1]
}

func helloModelFunc(info sshserver.SessionInfo) (tea.Model, []tea.ProgramOption, error) {
	return helloModel{info: info}, nil, nil
}
