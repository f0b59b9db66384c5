package main

import (
	"context"
	"io"
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
	prog := tea.NewProgram(ui.NewApp(common, consoleTabs()), opts...)
	done := make(chan struct{})
	go func() { prog.Run(); close(done) }()
	for _, tab := range []int{1, 2, 3, 0} { // visit every screen so each has loaded
		prog.Send(ui.SwitchTabMsg{Tab: tab})
		time.Sleep(500 * time.Millisecond)
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
