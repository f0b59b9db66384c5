package uitest

import (
	"slices"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Clock is a fake clock for ui.Common.Now and ui.Common.Timer: time moves
// only when a test calls Advance, and a timer's message is delivered then,
// so no test waits on a real timer (re-mask, toast expiry, debounce,
// spinner frames).
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	timers []timer
}

type timer struct {
	at time.Time
	fn func(time.Time) tea.Msg
}

// NewClock returns a clock showing now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now is the fake time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Timer implements ui.Common.Timer: the returned command registers the
// timer and yields nothing; Advance fires it.
func (c *Clock) Timer(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.timers = append(c.timers, timer{at: c.now.Add(d), fn: fn})
		return nil
	}
}

// advance moves the time by d and returns the messages of the timers that
// became due, earliest first.
func (c *Clock) advance(d time.Duration) []tea.Msg {
	c.mu.Lock()
	c.now = c.now.Add(d)
	now := c.now
	var due, kept []timer
	for _, t := range c.timers {
		if !t.at.After(now) {
			due = append(due, t)
		} else {
			kept = append(kept, t)
		}
	}
	c.timers = kept
	c.mu.Unlock()
	slices.SortStableFunc(due, func(a, b timer) int { return a.at.Compare(b.at) })
	msgs := make([]tea.Msg, 0, len(due))
	for _, t := range due {
		msgs = append(msgs, t.fn(t.at))
	}
	return msgs
}
