package sshserver_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/sshserver"
)

// probe records what the programs of a test server were given: the
// largest window, the longest key message, and the SessionInfo of the
// last session. Its model draws every cell of its window, as the console
// does, so a size that is not bounded costs memory in the test as it did
// in production. To keep a regression from taking the machine down, it
// draws at most frameCap cells (still far more than the bound allows).
type probe struct {
	maxW, maxH atomic.Int64
	maxRunes   atomic.Int64
	block      chan struct{} // closed at test end: "h" blocks Update until then
	stuck      chan struct{} // closed when Update blocks
	stuckOnce  sync.Once

	mu   sync.Mutex
	info sshserver.SessionInfo
}

const frameCap = 4000 * 4000

func newProbe() *probe { return &probe{block: make(chan struct{}), stuck: make(chan struct{})} }

func (p *probe) newModel(info sshserver.SessionInfo) (tea.Model, []tea.ProgramOption, error) {
	p.mu.Lock()
	p.info = info
	p.mu.Unlock()
	return fillModel{p: p, info: info}, []tea.ProgramOption{tea.WithAltScreen()}, nil
}

func (p *probe) last() sshserver.SessionInfo {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.info
}

// maxWindow is the largest width and height any program was given.
func (p *probe) maxWindow() (int, int) { return int(p.maxW.Load()), int(p.maxH.Load()) }

func storeMax(a *atomic.Int64, v int) {
	for cur := a.Load(); int64(v) > cur && !a.CompareAndSwap(cur, int64(v)); cur = a.Load() {
	}
}

type fillModel struct {
	p     *probe
	info  sshserver.SessionInfo
	w, h  int
	keys  int
	paste int
	cut   int // Config.PasteCut notices received
}

func (m fillModel) Init() tea.Cmd { return nil }

func (m fillModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		storeMax(&m.p.maxW, m.w)
		storeMax(&m.p.maxH, m.h)
	case cutNotice:
		m.cut++
	case tea.KeyMsg:
		storeMax(&m.p.maxRunes, len(msg.Runes))
		switch {
		case msg.Paste:
			m.paste = len(msg.Runes)
		case msg.String() == "q":
			return m, tea.Quit
		case msg.String() == "h":
			m.p.stuckOnce.Do(func() { close(m.p.stuck) })
			<-m.p.block // a model that does not return
		default:
			m.keys++
		}
	}
	return m, nil
}

// View draws a status line, then fills the window.
func (m fillModel) View() string {
	status := fmt.Sprintf("size %dx%d keys %d paste %d cut %d", m.w, m.h, m.keys, m.paste, m.cut)
	w, h := max(m.w, 1), max(m.h-1, 0)
	if w*h > frameCap {
		w, h = min(w, 4000), min(h, 4000)
	}
	return status + strings.Repeat("\n"+strings.Repeat(".", w), h)
}
