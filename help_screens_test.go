package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// helpScreens are the screens whose help overlay is checked: every tab and
// the screens reached from Client Credentials (wizard, scopes page, detail)
// and from Protected information (detail, open by id, new).
var helpScreens = []struct{ name, keys string }{
	{"ClientCredentials", "1"}, {"Credentials", "2"}, {"Devices", "3"}, {"Audit", "4"},
	{"ProtectedInfo", "5"}, {"ProtectedInfoDetail", "5 enter"}, {"ProtectedInfoOpen", "5 o"}, {"ProtectedInfoNew", "5 n"},
	{"NewCredentialChoice", "2 n"},
	{"AddWizard", "1 n"}, {"ScopesPage", "1 n x ctrl+n"}, {"ClientCredentialDetail", "1 enter"},
}

// Issue 15: the help overlay of every screen shows every binding of the
// screen's key map (scrolling when they do not fit) at 80×24 and at 60×20,
// and the first page of each is a golden.
func TestHelpShowsEveryBindingOfEveryScreen(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(42, 30, 10))
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		for _, s := range helpScreens {
			t.Run(fmt.Sprintf("%s_%dx%d", s.name, size[0], size[1]), func(t *testing.T) {
				k := uitest.NewTabs(t, consoleTabs(), uitest.WithClient(env.Client), uitest.WithSize(size[0], size[1]))
				k.Press(strings.Fields(s.keys)...)
				want := helpKeysOf(k.Top())
				k.Press("f1")
				k.Golden()
				seen := readWholeHelp(t, k, size[0], size[1])
				for _, h := range want {
					if !strings.Contains(seen, h) {
						t.Errorf("%q missing from the help of %s:\n%s", h, s.name, seen)
					}
				}
			})
		}
	}
}

// helpKeysOf lists "key  desc" of every binding the help must show: the
// enabled ones and those with a when-text (ui.StateHelp).
func helpKeysOf(s ui.Screen) []string {
	when, _ := s.(ui.StateHelp)
	var out []string
	for _, col := range s.KeyMap().FullHelp() {
		for _, b := range col {
			if !b.Enabled() && (when == nil || when.HelpWhen(b) == "") {
				continue
			}
			out = append(out, helpText(b))
		}
	}
	return out
}

func helpText(b key.Binding) string { return b.Help().Desc }

// readWholeHelp scrolls the overlay to its end and returns every line seen,
// checking each frame fits the terminal.
func readWholeHelp(t *testing.T, k *uitest.Kit, w, h int) string {
	t.Helper()
	var seen strings.Builder
	prev := ""
	for range 50 {
		frame := k.View()
		lines := strings.Split(frame, "\n")
		if len(lines) != h {
			t.Fatalf("frame has %d lines, want %d", len(lines), h)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("line wider than %d: %q", w, ansi.Strip(l))
			}
			seen.WriteString(ansi.Strip(l) + "\n")
		}
		if frame == prev {
			break
		}
		prev = frame
		k.Press("pgdown")
	}
	// a description may wrap: compare with single spaces
	return strings.Join(strings.Fields(seen.String()), " ")
}

// Drift bug (issue 12): ctrl+r is the App's (it reloads the top screen);
// screens that bound it too had dead branches and help listed it twice.
func TestReloadIsListedOnceInEveryHelp(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(42, 30, 10))
	// tall enough that every screen's help fits on one page: this test
	// counts ctrl+r, it does not scroll
	k := uitest.NewTabs(t, consoleTabs(), uitest.WithClient(env.Client), uitest.WithSize(120, 60))
	for i := range consoleTabs() {
		k.Press(fmt.Sprint(i + 1))
		for _, col := range k.Top().KeyMap().FullHelp() {
			for _, b := range col {
				if strings.Contains(strings.Join(b.Keys(), " "), "ctrl+r") {
					t.Errorf("%s binds ctrl+r itself (%q): the App's reload is listed twice", k.Top().Title(), b.Help().Desc)
				}
			}
		}
		k.Press("f1")
		if n := strings.Count(k.View(), "ctrl+r"); n != 1 {
			t.Errorf("%s: ctrl+r appears %d times in the help:\n%s", k.Top().Title(), n, k.View())
		}
		k.Press("esc")
	}
}
