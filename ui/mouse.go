package ui

import (
	"strconv"

	tea "github.com/charmbracelet/bubbletea"
	zone "github.com/lrstanley/bubblezone"
)

// Mouse support: click zones come from bubblezone — a screen wraps what can
// be clicked in Mark and asks Clicked on a tea.MouseMsg; the App scans each
// frame once. Common.Zones is nil when the mouse is off (--no-mouse, the
// profile's mouse: false), and then Mark returns its text unchanged.

// NewZones returns a session's click-zone manager; Close it when the
// session's program has ended (it runs one goroutine).
func NewZones() *zone.Manager { return zone.New() }

// ZonePrefix returns a prefix unique in the session, so two screens (or two
// instances of one) never share a zone id. "" when the mouse is off.
func (c *Common) ZonePrefix() string {
	if c.Zones == nil {
		return ""
	}
	return c.Zones.NewPrefix()
}

// Mark makes s clickable as id (see Clicked).
func (c *Common) Mark(id, s string) string {
	if c.Zones == nil {
		return s
	}
	return c.Zones.Mark(id, s)
}

// Clicked reports whether msg is a left click (press) inside zone id as it
// was last drawn.
func (c *Common) Clicked(id string, msg tea.MouseMsg) bool {
	if c.Zones == nil || msg.Button != tea.MouseButtonLeft || msg.Action != tea.MouseActionPress {
		return false
	}
	return c.Zones.Get(id).InBounds(msg)
}

// ZonePos is msg's position inside zone id, (-1, -1) when outside.
func (c *Common) ZonePos(id string, msg tea.MouseMsg) (int, int) {
	if c.Zones == nil {
		return -1, -1
	}
	return c.Zones.Get(id).Pos(msg)
}

// Wheel returns -1 for a wheel step up, +1 for down, 0 for anything else.
func Wheel(msg tea.MouseMsg) int {
	if msg.Action != tea.MouseActionPress {
		return 0
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return -1
	case tea.MouseButtonWheelDown:
		return 1
	}
	return 0
}

// tabZone is the zone id of tab i in the tab bar.
func tabZone(i int) string { return "pamconsole-tab-" + strconv.Itoa(i) }

// mouse handles a mouse message: the wheel scrolls an open overlay, a
// click on a tab switches to it, anything else goes to the top screen.
func (a *App) mouse(msg tea.MouseMsg) tea.Cmd {
	if d := Wheel(msg); d != 0 && (a.showHelp || a.showLog) {
		w, h := a.contentSize()
		if a.showHelp {
			a.helpOffset = clampOffset(a.helpOffset+3*d, len(a.helpLines(w)), h)
		} else {
			a.logOffset = clampOffset(a.logOffset+3*d, len(a.messageLines(w)), h)
		}
		return nil
	}
	for i := range a.tabs {
		if a.c.Clicked(tabZone(i), msg) {
			a.dismissError()
			return a.switchTab(i)
		}
	}
	if a.showHelp || a.showLog || a.top() == nil {
		return nil
	}
	return a.toTop(msg)
}

func clampOffset(off, n, h int) int { return min(max(off, 0), helpMaxOffset(n, h)) }

// frameEnd is a zero-width zone closing each frame. bubblezone stores a
// frame's zones in order, in its own goroutine, after View returns, then
// drops the zones of other frames; frames alternate between two ids, so
// "this frame's id stored and the other one gone" means every zone of the
// last frame is in place (ZonesDrawn). A click read before that would miss
// the rows drawn last. (A fresh id per frame would grow bubblezone's id
// maps forever.)
func (a *App) frameEnd() string {
	return a.c.Zones.Mark(frameZone(a.frames.Add(1)), "\x1b[0m")
}

func frameZone(n uint64) string {
	if n%2 == 0 {
		return "pamconsole-frame-even"
	}
	return "pamconsole-frame-odd"
}

// ZonesDrawn reports whether the click zones of the last frame drawn are
// all in place (always true with the mouse off). Tests wait for it before a
// click, as a person cannot click before the frame reaches the screen.
func (a *App) ZonesDrawn() bool {
	n := a.frames.Load()
	return a.c.Zones == nil || n == 0 || a.c.Zones.Get(frameZone(n)) != nil && a.c.Zones.Get(frameZone(n+1)) == nil
}
