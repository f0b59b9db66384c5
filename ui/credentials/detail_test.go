package credentials

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

const seedPassword = "secret@2504"

// detailHarness shows a list whose first row has seed 004's detail.
func detailHarness(t *testing.T, revealFor time.Duration) (*harness, *Model, *fakeAPI) {
	t.Helper()
	fa := sourcesOf(newFake(10))
	fa.details["1"] = seed004Detail()
	c := uitest.NewCommon(nil)
	c.RevealFor = revealFor
	m := newModel(c, fa)
	h := newHarness(t, c, m, 80, 22)
	h.RecordFrames()
	return h, m, fa
}

func TestDetailShowsFieldsWithPasswordMasked(t *testing.T) {
	h, m, fa := detailHarness(t, time.Minute)
	h.key("enter")
	d, ok := h.top().(*detailScreen)
	if !ok {
		t.Fatalf("enter did not open the detail: %T", h.top())
	}
	v := d.View()
	for _, want := range []string{"robot-test-5", "credential_5", "destktop-91.com", "172.10.10.90 port 22",
		"CREDADD01", client.MaskedSecret, "expires in 5d", "not in custody", "execution: automatic_change, change_plugin"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
	if n := contains(h.Frames, seedPassword); n != 0 {
		t.Fatalf("the password appeared in %d frames without a reveal", n)
	}
	if fa.getCount() != 0 || fa.infoCount() != 1 {
		t.Errorf("opening the detail: %d reveals, %d GETs without the password (want 0, 1)", fa.getCount(), fa.infoCount())
	}
	if strings.Contains(d.View(), seedPassword) || d.pw.Revealed() {
		t.Fatal("password held or shown before r")
	}
	h.key("esc")
	if h.top() != ui.Screen(m) {
		t.Fatal("esc did not close the detail")
	}
}

// r fetches the password again, shows it, and the re-mask drops it.
func TestRevealShowsThenRemasks(t *testing.T) {
	h, m, fa := detailHarness(t, 30*time.Second)
	h.key("enter")
	d := h.top().(*detailScreen)
	h.key("r")
	if fa.getCount() != 1 {
		t.Fatalf("reveal did not fetch the password (%d GETs)", fa.getCount())
	}
	if contains(h.Frames, seedPassword) == 0 {
		t.Fatal("the revealed password never showed")
	}
	h.Advance(m.c.RevealFor)
	if strings.Contains(d.View(), seedPassword) || d.pw.Revealed() || d.pw.Value() != "" {
		t.Fatalf("password still shown or held after the re-mask:\n%s", d.View())
	}
}

func TestRevealFromTheListFetchesOnce(t *testing.T) {
	h, _, fa := detailHarness(t, 30*time.Millisecond)
	h.key("r")
	if _, ok := h.top().(*detailScreen); !ok || fa.getCount() != 1 {
		t.Fatalf("r should open the detail revealing with one GET (%T, %d)", h.top(), fa.getCount())
	}
	if contains(h.Frames, seedPassword) == 0 {
		t.Fatal("not revealed")
	}
}

func TestCopyNeverShowsThePassword(t *testing.T) {
	h, m, fa := detailHarness(t, time.Minute)
	var clip strings.Builder
	m.c.Clipboard = &clip
	h.key("C")
	if fa.getCount() != 1 {
		t.Fatalf("copy GETs: %d", fa.getCount())
	}
	if contains(h.Frames, seedPassword) != 0 {
		t.Fatal("copy showed the password")
	}
	if h.lastToast() == "" {
		t.Error("copy gave no toast")
	}
}

func TestGoldenDetailMasked(t *testing.T) {
	fa := sourcesOf(newFake(1))
	fa.details["5"] = seed004Detail()
	c := uitest.NewCommon(nil)
	d := newDetail(c, fa, "5", make([]string, numCols), false, 80, 24)
	d.ours = true
	k := kit(t, c, d)
	k.MustShow("robot-test-5")
	k.Golden()
}

func TestGoldenDetailRevealed(t *testing.T) {
	fa := sourcesOf(newFake(1))
	fa.details["5"] = seed004Detail()
	c := uitest.NewCommon(nil)
	c.RevealFor = time.Minute
	k := kit(t, c, newDetail(c, fa, "5", make([]string, numCols), true, 80, 24))
	k.MustShow(seedPassword)
	k.Golden()
}

// Issue 15: a revealed password longer than the screen is shown whole
// (wrapped), never cut, and the detail scrolls (j, the wheel) to every line.
func TestLongPasswordIsWrappedAndTheDetailScrolls(t *testing.T) {
	fa := sourcesOf(newFake(10))
	long := strings.Repeat("Zq9", 40) + "END"
	d4 := seed004Detail()
	d4.Password, d4.Content = long, long
	fa.details["1"] = d4
	c := newTestCommon(nil)
	h := newHarness(t, c, newModel(c, fa), 50, 16)
	h.key("enter", "r")
	seen := ""
	for range 15 {
		seen += ansi.Strip(h.View())
		h.Send(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	}
	if !strings.Contains(strings.ReplaceAll(seen, "\n", ""), "Zq9Zq9") || !strings.Contains(seen, "END") {
		t.Fatalf("the password was cut:\n%s", seen)
	}
	if !strings.Contains(seen, "execution") {
		t.Fatalf("the last lines were never reachable:\n%s", seen)
	}
}
