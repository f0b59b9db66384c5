// Package uitest is the one test kit of the console's screens: it drives
// the real ui.App — its dispatch, its navigation, its splitting of key
// bursts, its holding of keys typed ahead — synchronously, with a fake
// clock, over a fake api or a real in-process server (internal/testserver).
//
//	k := uitest.New(t, ui.Tab{Name: "Devices", New: devices.New}, uitest.WithClient(env.Client))
//	k.Burst("/", "web", "enter", "d") // one burst: no reply is delivered between the keys
//	k.Press("y")                       // a key, then every reply it leads to
//	k.Golden()                         // the 80×24 frame vs testdata/<test>.golden
//
// Commands run on the test goroutine in the order they were returned and
// their messages go back into the App, until nothing is left (Settle).
// Timers (tea.Tick through ui.Common.Tick) fire only when the test calls
// Advance. A test never sleeps and never waits on a wall-clock timeout.
package uitest

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/pamconsole/pamconsole/ui"
)

// Kit is a running console under test.
type Kit struct {
	T      testing.TB
	App    *ui.App
	Common *ui.Common
	Clock  *Clock

	// Toasts lists every toast shown, oldest first.
	Toasts []ui.ToastMsg
	// Quit is set once the App asked to quit.
	Quit bool
	// Frames, when RecordFrames was called, holds the frame after every
	// message delivered (tests check that a secret appears in none).
	Frames []string
	// OnFrame, when set, sees the frame after every message delivered.
	OnFrame func(frame string)

	record  bool
	hold    func(tea.Msg) bool
	held    []tea.Msg
	pending []tea.Cmd
}

// New starts an App at 80×24 over the given tabs (usually the one screen
// under test), delivers its first replies and returns the kit.
func New(t testing.TB, tab ui.Tab, opts ...Option) *Kit {
	return NewTabs(t, []ui.Tab{tab}, opts...)
}

// Show starts an App whose only tab is the screen s, built by the test on
// the session c (NewCommon, adjusted as the test needs). The tab is named
// after the first part of the screen's title ("Credentials › web01" →
// "Credentials").
func Show(t testing.TB, c *ui.Common, s ui.Screen, opts ...Option) *Kit {
	t.Helper()
	name, _, _ := strings.Cut(s.Title(), " › ")
	tab := ui.Tab{Name: name, New: func(*ui.Common) ui.Screen { return s }}
	return New(t, tab, append([]Option{WithSession(c)}, opts...)...)
}

// NewTabs is New with several tabs.
func NewTabs(t testing.TB, tabs []ui.Tab, opts ...Option) *Kit {
	t.Helper()
	cfg := config{w: 80, h: 24, now: Now}
	for _, o := range opts {
		o(&cfg)
	}
	clock := NewClock(cfg.now)
	c := cfg.common
	if c == nil {
		c = NewCommon(cfg.client)
	}
	c.Now, c.Timer = clock.Now, clock.Timer
	for _, f := range cfg.tweaks {
		f(c)
	}
	k := &Kit{T: t, Common: c, Clock: clock, App: ui.NewApp(c, tabs), hold: cfg.hold}
	k.run(k.App.Init())
	k.Send(tea.WindowSizeMsg{Width: cfg.w, Height: cfg.h})
	return k
}

// Send delivers msgs back to back — no command result in between, as when
// they arrive in one read — then settles.
func (k *Kit) Send(msgs ...tea.Msg) {
	k.T.Helper()
	for _, m := range msgs {
		k.deliver(m)
	}
	k.Settle()
}

// Burst sends the keys named (see Key) back to back, then settles.
func (k *Kit) Burst(names ...string) {
	k.T.Helper()
	k.Send(Keys(names...)...)
}

// Press sends each key named (see Key) and settles after each one.
func (k *Kit) Press(names ...string) {
	k.T.Helper()
	for _, n := range names {
		k.Send(Key(n))
	}
}

// Type types s one key at a time, settling after each.
func (k *Kit) Type(s string) {
	k.T.Helper()
	for _, m := range Runes(s) {
		k.Send(m)
	}
}

// Run runs cmd as if a screen had returned it, then settles.
func (k *Kit) Run(cmd tea.Cmd) {
	k.T.Helper()
	k.run(cmd)
	k.Settle()
}

// Advance moves the fake clock by d, delivers the timers that fell due and
// settles.
func (k *Kit) Advance(d time.Duration) {
	k.T.Helper()
	k.Send(k.Clock.advance(d)...)
}

// Hold keeps every later message for which keep is true (a reply the test
// wants to arrive late) until Release; nil holds nothing.
func (k *Kit) Hold(keep func(tea.Msg) bool) { k.hold = keep }

// Release stops holding and delivers the held messages, then settles.
func (k *Kit) Release() {
	k.T.Helper()
	held := k.held
	k.hold, k.held = nil, nil
	k.Send(held...)
}

// ReleaseOne delivers the oldest held message (holding goes on), then
// settles; false when none is held.
func (k *Kit) ReleaseOne() bool {
	k.T.Helper()
	if len(k.held) == 0 {
		return false
	}
	msg := k.held[0]
	k.held = k.held[1:]
	hold := k.hold
	k.hold = nil
	k.deliver(msg)
	k.hold = hold
	k.Settle()
	return true
}

// Held is how many messages are being held.
func (k *Kit) Held() int { return len(k.held) }

// RecordFrames makes the kit keep every frame in Frames.
func (k *Kit) RecordFrames() { k.record = true }

// Settle runs the pending commands and delivers their messages until none
// is left.
func (k *Kit) Settle() {
	k.T.Helper()
	for steps := 0; len(k.pending) > 0; steps++ {
		if steps > 1_000_000 {
			k.T.Fatal("uitest: the console does not settle (a command loop?)")
		}
		cmd := k.pending[0]
		k.pending = k.pending[1:]
		k.handle(cmd())
	}
}

func (k *Kit) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			if c != nil {
				k.pending = append(k.pending, c)
			}
		}
	case tea.QuitMsg:
		k.Quit = true
	default:
		k.deliver(msg)
	}
}

func (k *Kit) deliver(msg tea.Msg) {
	if _, isMouse := msg.(tea.MouseMsg); isMouse {
		k.waitZones()
	}
	if _, isKey := msg.(tea.KeyMsg); !isKey && k.hold != nil && k.hold(msg) {
		k.held = append(k.held, msg)
		return
	}
	if t, ok := msg.(ui.ToastMsg); ok {
		k.Toasts = append(k.Toasts, t)
	}
	_, cmd := k.App.Update(msg)
	k.run(cmd)
	if k.record || k.OnFrame != nil {
		f := k.App.View()
		if k.record {
			k.Frames = append(k.Frames, f)
		}
		if k.OnFrame != nil {
			k.OnFrame(f)
		}
	}
}

// waitZones waits until the click zones of the last frame drawn are in
// place (bubblezone stores them in its own goroutine): a click reads them
// as a person's would, after the frame is on the screen. Waiting is on a
// condition, with a generous bound for a slow machine.
func (k *Kit) waitZones() {
	k.T.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !k.App.ZonesDrawn() {
		if time.Now().After(deadline) {
			k.T.Fatal("the click zones of the last frame were never stored")
		}
		time.Sleep(time.Millisecond)
	}
}

func (k *Kit) run(cmd tea.Cmd) {
	if cmd != nil {
		k.pending = append(k.pending, cmd)
	}
}

// Top is the screen on top of the active tab.
func (k *Kit) Top() ui.Screen { return k.App.Top() }

// View is the whole frame the terminal shows.
func (k *Kit) View() string { return k.App.View() }

// Shows reports whether the frame contains s.
func (k *Kit) Shows(s string) bool { return strings.Contains(k.View(), s) }

// MustShow fails the test unless the frame contains every s.
func (k *Kit) MustShow(s ...string) {
	k.T.Helper()
	for _, want := range s {
		if !k.Shows(want) {
			k.T.Fatalf("the frame does not show %q:\n%s", want, k.View())
		}
	}
}

// LastToast is the text of the latest toast ("" when none).
func (k *Kit) LastToast() string {
	if len(k.Toasts) == 0 {
		return ""
	}
	return k.Toasts[len(k.Toasts)-1].Text
}

// Golden compares the frame with testdata/<test name>.golden (go test
// -update rewrites it).
func (k *Kit) Golden() {
	k.T.Helper()
	frame := k.View()
	if n := strings.Count(frame, "\n") + 1; n > 24 {
		k.T.Errorf("frame has %d lines, more than the 24 of the terminal", n)
	}
	golden.RequireEqual(k.T, []byte(frame))
}
