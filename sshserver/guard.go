package sshserver

import (
	"reflect"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// panicGuard contains panics of one session's Bubble Tea model: in Init,
// Update, View and in every command the model returns (commands run on
// their own goroutines, where an uncaught panic would kill the whole
// server). The first panic is reported once through onPanic, which ends
// the session; Bubble Tea's own recovery stays on as a backstop.
type panicGuard struct {
	once    sync.Once
	mu      sync.Mutex
	tripped bool
	onPanic func(recovered any)
}

func (g *panicGuard) trip(r any) {
	g.mu.Lock()
	g.tripped = true
	g.mu.Unlock()
	g.once.Do(func() { g.onPanic(r) })
}

func (g *panicGuard) hasTripped() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.tripped
}

// guardedModel wraps the session's model with the guard.
type guardedModel struct {
	inner tea.Model
	g     *panicGuard
}

func (m guardedModel) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.g.trip(r)
			cmd = tea.Quit
		}
	}()
	return m.g.wrap(m.inner.Init())
}

func (m guardedModel) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if m.g.hasTripped() {
		return m, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			m.g.trip(r)
			next, cmd = m, tea.Quit
		}
	}()
	inner, c := m.inner.Update(msg)
	return guardedModel{inner: inner, g: m.g}, m.g.wrap(c)
}

func (m guardedModel) View() (view string) {
	if m.g.hasTripped() {
		return ""
	}
	defer func() {
		if r := recover(); r != nil {
			m.g.trip(r)
			view = ""
		}
	}()
	return m.inner.View()
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

// wrap returns cmd with panics recovered; commands carried inside its
// result (tea.Batch, tea.Sequence) are wrapped too.
func (g *panicGuard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.trip(r)
				msg = nil
			}
		}()
		return g.wrapCarried(cmd())
	}
}

// wrapCarried handles tea.BatchMsg and Bubble Tea's unexported sequence
// message, both slices of tea.Cmd, by copying them with each command wrapped.
func (g *panicGuard) wrapCarried(msg tea.Msg) tea.Msg {
	if msg == nil {
		return nil
	}
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return msg
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		c, _ := v.Index(i).Interface().(tea.Cmd)
		if w := g.wrap(c); w != nil {
			out.Index(i).Set(reflect.ValueOf(w))
		}
	}
	return out.Interface()
}
