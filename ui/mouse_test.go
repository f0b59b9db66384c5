package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// newMouseApp is a test App with the mouse on; the zones are closed with
// the test.
func newMouseApp(t *testing.T) (*App, []*fakeScreen) {
	t.Helper()
	app, fakes := newTestApp(t)
	app.c.Zones = NewZones()
	t.Cleanup(app.c.Zones.Close)
	return app, fakes
}

// drawn renders a frame and waits until zone id is known (bubblezone
// stores zones on its own goroutine).
func drawn(t *testing.T, app *App, id string) (x, y int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		app.View()
		if z := app.c.Zones.Get(id); !z.IsZero() {
			return z.StartX, z.StartY
		}
		if time.Now().After(deadline) {
			t.Fatalf("zone %s never drawn", id)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
}

func TestClickATabSwitchesToIt(t *testing.T) {
	app, _ := newMouseApp(t)
	x, y := drawn(t, app, tabZone(1))
	app.Update(click(x+1, y))
	if app.active != 1 {
		t.Fatalf("active tab %d after a click on tab 2", app.active)
	}
}

func TestWheelScrollsTheHelp(t *testing.T) {
	app := newManyApp(t, 40, 60, 20)
	app.c.Zones = NewZones()
	t.Cleanup(app.c.Zones.Close)
	before := ansi.Strip(app.View())
	app.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if app.helpOffset == 0 || ansi.Strip(app.View()) == before {
		t.Fatal("the wheel did not scroll the help")
	}
}

// Mouse messages go to the top screen only, never to every screen.
func TestMouseGoesToTheTopScreenOnly(t *testing.T) {
	app, fakes := newMouseApp(t)
	app.Update(keyMsg("2"))
	app.Update(keyMsg("1"))
	app.Update(click(5, 10))
	if fakes[0].mice != 1 || fakes[1].mice != 0 {
		t.Fatalf("top got %d, other got %d", fakes[0].mice, fakes[1].mice)
	}
}

// With the mouse off nothing is marked and a click is passed on harmlessly.
func TestMouseOffMarksNothing(t *testing.T) {
	app, _ := newTestApp(t)
	if v := app.View(); ansi.StringWidth(v) == 0 || app.c.Mark("x", "abc") != "abc" {
		t.Fatal("Mark changed text with the mouse off")
	}
	app.Update(click(1, 0))
	if app.active != 0 {
		t.Fatal("a click switched tabs with the mouse off")
	}
}
