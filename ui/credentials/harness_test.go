package credentials

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// testNow is the fixed clock of every test: expiry states and dates depend on it.
var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// newTestCommon returns a Common with the ASCII profile, a fixed clock and cl.
func newTestCommon(cl *client.Client) *ui.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := ui.NewCommon(context.Background(), cl, r)
	c.Now = func() time.Time { return testNow }
	c.RequestTimeout = 10 * time.Second
	c.Clipboard = io.Discard
	return c
}

// harness is a miniature root for tests: a screen stack that runs every
// command synchronously, feeds its messages back, and records every frame
// and toast.
type harness struct {
	t      testing.TB
	stack  []ui.Screen
	toasts []ui.ToastMsg
	frames []string
	w, h   int
	// hold, when set, keeps matching messages instead of delivering them
	// (e.g. a re-mask tick the test wants to deliver itself).
	hold    func(tea.Msg) bool
	held    []tea.Msg
	onFrame func(frame string)
}

func newHarness(t testing.TB, s ui.Screen, w, h int) *harness {
	hs := &harness{t: t, w: w, h: h}
	hs.push(s)
	return hs
}

func (h *harness) top() ui.Screen { return h.stack[len(h.stack)-1] }

func (h *harness) push(s ui.Screen) {
	h.stack = append(h.stack, s)
	h.deliver(tea.WindowSizeMsg{Width: h.w, Height: h.h})
	h.run(s.Init())
}

// send delivers msg to the top screen and runs what it returns.
func (h *harness) send(msg tea.Msg) { h.deliver(msg) }

func (h *harness) key(keys ...string) {
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (h *harness) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
		return
	case ui.PushMsg:
		h.push(msg.Screen)
		return
	case ui.ReplaceMsg:
		h.stack = h.stack[:len(h.stack)-1]
		h.push(msg.Screen)
		return
	case ui.PopMsg:
		if len(h.stack) > 1 {
			h.stack = h.stack[:len(h.stack)-1]
			h.deliver(ui.PoppedMsg(msg))
		}
		return
	case ui.ToastMsg:
		h.toasts = append(h.toasts, msg)
		return
	}
	if h.hold != nil && h.hold(msg) {
		h.held = append(h.held, msg)
		return
	}
	i := len(h.stack) - 1
	s, cmd := h.stack[i].Update(msg)
	h.stack[i] = s
	h.frame()
	h.run(cmd)
}

func (h *harness) frame() {
	f := h.top().View()
	h.frames = append(h.frames, f)
	if h.onFrame != nil {
		h.onFrame(f)
	}
}

// run executes cmd synchronously (with a deadline) and delivers its message.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		h.deliver(msg)
	case <-time.After(20 * time.Second):
		h.t.Fatalf("a command did not finish within 20 s")
	}
}

func (h *harness) lastToast() string {
	if len(h.toasts) == 0 {
		return ""
	}
	return h.toasts[len(h.toasts)-1].Text
}

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func contains(frames []string, s string) int {
	n := 0
	for _, f := range frames {
		if strings.Contains(f, s) {
			n++
		}
	}
	return n
}
