package main

import (
	"context"
	"io"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
)

func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Issue 7: an idle console burns no CPU — no ticking goroutine once the
// screens have loaded (≤ 1 % of one core over 10 s, measured on the whole
// test process, which also runs the API server).
func TestIdleConsoleUsesNoCPU(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(7, 2000, 40))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	common := newCommon(ctx, consoleParams{client: env.Client, profile: "idle", url: env.URL}, lipgloss.NewRenderer(io.Discard), io.Discard)
	in, inW := io.Pipe()
	defer inW.Close()
	opts := append(consoleProgramOptions(false), tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithContext(ctx))
	w := &busyWatch{App: ui.NewApp(common, consoleTabs())}
	w.busy.Store(true)
	prog := tea.NewProgram(w, opts...)
	done := make(chan struct{})
	go func() { prog.Run(); close(done) }()
	// Visit every screen and wait until it has loaded (a slow machine takes
	// longer: the wait is for the condition, not for a fixed time).
	for _, tab := range []int{1, 2, 3, 4, 0} {
		w.busy.Store(true)
		prog.Send(ui.SwitchTabMsg{Tab: tab})
		waitIdle(t, w)
	}
	time.Sleep(time.Second)
	const window = 10 * time.Second
	before := cpuTime(t)
	time.Sleep(window)
	used := cpuTime(t) - before
	cancel()
	<-done
	// The same window with the console stopped: what the process (runtime,
	// API server) costs by itself.
	before = cpuTime(t)
	time.Sleep(window / 2)
	base := 2 * (cpuTime(t) - before)
	t.Logf("idle console: %v CPU in %v (%.2f%% of a core); without the console: %v", used, window, 100*used.Seconds()/window.Seconds(), base)
	if used > window/100 {
		t.Fatalf("idle console used %v of CPU in %v (> 1%%)", used, window)
	}
}

// busyWatch records, after every message, whether the console still waits
// on the server (read by the test goroutine).
type busyWatch struct {
	*ui.App
	busy atomic.Bool
}

func (b *busyWatch) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := b.App.Update(msg)
	b.busy.Store(b.App.Busy())
	return b, cmd
}

// waitIdle waits until the shown screen has loaded (at most two minutes).
func waitIdle(t *testing.T, w *busyWatch) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for w.busy.Load() {
		if time.Now().After(deadline) {
			t.Fatal("a screen never finished loading")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
