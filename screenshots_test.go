package main

import (
	"bufio"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/internal/testserver"
)

// shot is one line of screenshots/shots.tsv.
type shot struct{ name, keys, expect string }

func readShots(t *testing.T) []shot {
	t.Helper()
	f, err := os.Open("screenshots/shots.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var shots []shot
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("shots.tsv: want 3 tab-separated fields: %q", line)
		}
		shots = append(shots, shot{parts[0], parts[1], parts[2]})
	}
	return shots
}

// tmuxKeys turns make.sh's key words into Bubble Tea keys.
func tmuxKeys(words string) []tea.KeyMsg {
	named := map[string]tea.KeyMsg{
		"Enter": {Type: tea.KeyEnter}, "Escape": {Type: tea.KeyEsc}, "Space": {Type: tea.KeySpace, Runes: []rune{' '}},
		"Tab": {Type: tea.KeyTab}, "BTab": {Type: tea.KeyShiftTab}, "Down": {Type: tea.KeyDown}, "Up": {Type: tea.KeyUp},
		"C-n": {Type: tea.KeyCtrlN}, "C-s": {Type: tea.KeyCtrlS}, "C-a": {Type: tea.KeyCtrlA},
	}
	var out []tea.KeyMsg
	for _, w := range strings.Fields(words) {
		if k, ok := named[w]; ok {
			out = append(out, k)
			continue
		}
		for _, r := range w {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	return out
}

// Issue 9: the screenshot script's key sequences still reach each screen.
// Each shot runs on a fresh demo-sized server, as make.sh does.
func TestScreenshotTourReachesEveryScreen(t *testing.T) {
	shots := readShots(t)
	if len(shots) < 10 {
		t.Fatalf("only %d shots", len(shots))
	}
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			env := testserver.Start(t, testserver.WithDemo(42, 200, 40))
			if err := seedDemoClientCredentials(t.Context(), env.Client, time.Now()); err != nil {
				t.Fatal(err)
			}
			drawn, _ := runConsoleKeys(t, env, true, tmuxKeys(s.keys), s.expect)
			if !strings.Contains(drawn, s.expect) {
				t.Fatalf("after %q the screen never showed %q; last output:\n%s", s.keys, s.expect, tail(drawn, 3000))
			}
		})
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// make.sh reads shots.tsv with its own shell code; it must see the same
// shots as the tour above (an empty key column once shifted the expected
// text into the keys, and the client-credentials shot typed it).
func TestMakeShReadsShotsLikeTheTour(t *testing.T) {
	out, err := exec.Command("bash", "screenshots/make.sh", "--list").Output()
	if err != nil {
		t.Fatalf("make.sh --list: %v", err)
	}
	var got []shot
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, "|", 3)
		if len(parts) != 3 {
			t.Fatalf("make.sh --list: %q", line)
		}
		got = append(got, shot{parts[0], parts[1], parts[2]})
	}
	if want := readShots(t); !slices.Equal(got, want) {
		t.Fatalf("make.sh reads\n%q\nthe tour reads\n%q", got, want)
	}
}
