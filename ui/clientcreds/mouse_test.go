package clientcreds

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// rowLine finds the line of the frame that shows text and its column.
func rowLine(t *testing.T, frame, text string) (x, y int) {
	t.Helper()
	for i, l := range strings.Split(ansi.Strip(frame), "\n") {
		if j := strings.Index(l, text); j >= 0 {
			return ansi.StringWidth(l[:j]), i
		}
	}
	t.Fatalf("%q not on screen:\n%s", text, frame)
	return 0, 0
}

// waitZones renders until bubblezone (which stores zones on its own
// goroutine) knows where the tab bar is: the frame's zones are stored.
func waitZones(t *testing.T, h *harness) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for h.View() != "" && !h.Common.Zones.Get("pamconsole-tab-0").InBounds(press(1, 0)) {
		if time.Now().After(deadline) {
			t.Fatal("zones never drawn")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func press(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
}

// Issue 15: a click on a row focuses it, a click on its checkbox marks it,
// the wheel moves the cursor — through the real App, as over SSH.
func TestMouseFocusesMarksAndScrollsRows(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.Zones = ui.NewZones()
	t.Cleanup(c.Zones.Close)
	f := newFake(fixtures())
	h := newHarness(t, c, newModel(c, f))
	x, y := rowLine(t, h.View(), "Grafana reader")
	waitZones(t, h)
	h.Send(press(x+2, y))
	if !strings.Contains(h.View(), "> [ ] Grafana reader") {
		t.Fatalf("the click did not focus the row:\n%s", h.View())
	}
	h.Send(press(3, y)) // the [ ] column
	if !strings.Contains(h.View(), "[x] Grafana reader") {
		t.Fatalf("the click on the checkbox did not mark the row:\n%s", h.View())
	}
	_, top := rowLine(t, h.View(), "Default Client")
	h.Send(press(x+2, top))
	if !strings.Contains(h.View(), "> [ ] Default Client") {
		t.Fatalf("the click did not focus the first row:\n%s", h.View())
	}
	h.Send(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if strings.Contains(h.View(), "> [ ] Default Client") {
		t.Fatalf("the wheel did not move the cursor:\n%s", h.View())
	}
}

// Issue 15: at 60 columns the columns that do not fit are announced in the
// info line and reached with → (and back with ←).
func TestNarrowTableScrollsToHiddenColumns(t *testing.T) {
	c := uitest.NewCommon(nil)
	h := newHarness(t, c, newModel(c, newFake(fixtures())), uitest.WithSize(60, 20))
	if !strings.Contains(h.View(), "more column") {
		t.Fatalf("no hint for the hidden columns:\n%s", h.View())
	}
	h.Press("right", "right", "right", "right", "right", "right")
	if !strings.Contains(h.View(), "Status") || !strings.Contains(h.View(), "← ") {
		t.Fatalf("→ did not reach the last columns:\n%s", h.View())
	}
	h.Press("left", "left", "left", "left", "left", "left")
	if !strings.Contains(h.View(), "Client Name") {
		t.Fatalf("← did not come back:\n%s", h.View())
	}
}

// Issue 15: a dialog's answers are buttons: "n" cancels, "y" confirms.
func TestMouseAnswersADialog(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.Zones = ui.NewZones()
	t.Cleanup(c.Zones.Close)
	f := newFake(fixtures())
	h := newHarness(t, c, newModel(c, f))
	waitZones(t, h)
	x, y := rowLine(t, h.View(), "Grafana reader")
	h.Send(press(x+2, y))
	h.Press("d")
	clickText := func(text string) {
		t.Helper()
		x, y := rowLine(t, h.View(), text)
		deadline := time.Now().Add(10 * time.Second)
		for before := h.View(); h.View() == before && time.Now().Before(deadline); {
			h.Send(press(x+1, y))
			time.Sleep(5 * time.Millisecond) // the zones of the new frame are stored asynchronously
		}
	}
	clickText("n or esc: no")
	if f.callCount("delete") != 0 || strings.Contains(h.View(), "n or esc: no") {
		t.Fatalf("no did not cancel: %v\n%s", f.calls, h.View())
	}
	h.Press("d")
	clickText("y: yes")
	if f.callCount("delete") != 1 {
		t.Fatalf("yes did not delete: %v\n%s", f.calls, h.View())
	}
}

// Issue 15: the footer shows what the next key does — no "space mark"
// while typing a filter (space types into it).
func TestFooterWhileTypingOffersNoMark(t *testing.T) {
	c := uitest.NewCommon(nil)
	h := newHarness(t, c, newModel(c, newFake(fixtures())))
	offers := func(k string) bool {
		for _, b := range h.Top().KeyMap().ShortHelp() {
			if b.Enabled() && b.Help().Key == k {
				return true
			}
		}
		return false
	}
	if !offers("space") {
		t.Fatal("the footer does not offer space on the list")
	}
	h.Press("/")
	if offers("space") {
		t.Fatal("the footer offers space mark while typing a filter")
	}
}

// Issue 15: a revealed secret is shown whole (wrapped), never cut, also on a
// narrow terminal.
func TestRevealedSecretIsWrappedNotCut(t *testing.T) {
	c := uitest.NewCommon(nil)
	f := newFake(fixtures())
	h := newHarness(t, c, newModel(c, f), uitest.WithSize(40, 20))
	h.Press("G", "r")
	v := ansi.Strip(h.View())
	if !strings.Contains(v, "secret-of-6") || !strings.Contains(v, "(visible 30s)") {
		t.Fatalf("secret cut:\n%s", v)
	}
	if n := len(strings.Split(h.View(), "\n")); n != 20 {
		t.Fatalf("frame has %d lines", n)
	}
}

// Issue 15: list and detail show the same validity dates in any time zone.
func TestListAndDetailAgreeOnDatesInAnyZone(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	c := uitest.NewCommon(nil)
	cc := fixtures()[5] // Grafana reader
	cc.ValidTill = time.Date(2027, 1, 1, 23, 59, 59, 0, time.UTC)
	h := newHarness(t, c, newModel(c, newFake([]client.ClientCredential{cc})), uitest.WithNow(now.In(kolkata)))
	if !strings.Contains(h.View(), "2027-01-01") {
		t.Fatalf("list:\n%s", h.View())
	}
	h.Press("enter")
	v := h.View()
	if !strings.Contains(v, "Valid Till") || !strings.Contains(v, "2027-01-01 ") {
		t.Fatalf("the detail's Valid Till differs from the list's:\n%s", v)
	}
}

// Issue 15: on the scopes page a click on a group shows its scopes and a
// click on a scope toggles it, as on the dashboard of seed 000.
func TestMouseOnTheScopesPage(t *testing.T) {
	c := testCommon()
	c.Zones = ui.NewZones()
	t.Cleanup(c.Zones.Close)
	h := newHarness(t, c, newModel(c, newFake(fixtures())), uitest.WithSize(100, 30))
	waitZones(t, h)
	h.Press("n")
	h.Type("Mouse")
	h.Press("ctrl+n")
	clickText := func(text string) {
		t.Helper()
		x, y := rowLine(t, h.View(), text)
		deadline := time.Now().Add(10 * time.Second)
		for before := h.View(); h.View() == before && time.Now().Before(deadline); {
			h.Send(press(x+1, y))
			time.Sleep(5 * time.Millisecond)
		}
	}
	clickText("Asset Management")
	h.MustShow("Add assets")
	clickText("Add assets")
	if _, y := rowLine(t, h.View(), "Add assets"); !strings.Contains(strings.Split(ansi.Strip(h.View()), "\n")[y], "[x]") {
		t.Fatalf("the click did not select the scope:\n%s", h.View())
	}
}

// The detail's reveal countdown ticks every second (it stayed at 29s).
func TestDetailRevealCountdownTicks(t *testing.T) {
	c := testCommon()
	h := newHarness(t, c, newModel(c, newFake(fixtures())))
	h.Press("G", "enter")
	h.RecordFrames()
	h.Press("r")
	for range 3 {
		h.Advance(time.Second)
	}
	// A frame is drawn only when a message arrives: each second's tick must.
	drawn := strings.Join(h.Frames, "\n")
	if !strings.Contains(drawn, "visible 28s") || !strings.Contains(drawn, "visible 27s") {
		t.Fatalf("the countdown was not redrawn each second; last frame:\n%s", h.View())
	}
}
