package list

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/ui/uitest"
)

// Issue 15: a detail shows every field whole — long values wrapped, not
// cut — and scrolls with keys and the wheel when the fields do not fit.
func TestDetailWrapsAndScrolls(t *testing.T) {
	long := strings.Repeat("word ", 30) + "END"
	var fields []Field
	for _, l := range []string{"Actor", "Action", "Target", "Result", "Key", "Time", "Detail"} {
		fields = append(fields, Field{Label: l, Value: "value of " + l})
	}
	fields = append(fields, Field{Label: "Notes", Value: long})
	d := NewDetail(uitest.NewCommon(nil), "Audit entry", fields)
	d.Update(tea.WindowSizeMsg{Width: 40, Height: 6})
	seen := ""
	for range 20 {
		v := d.View()
		if n := strings.Count(v, "\n") + 1; n > 6 {
			t.Fatalf("%d lines in 6 rows", n)
		}
		for _, l := range strings.Split(v, "\n") {
			if ansi.StringWidth(l) > 40 {
				t.Fatalf("line wider than 40: %q", l)
			}
		}
		seen += ansi.Strip(v) + "\n"
		d.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	}
	if !strings.Contains(seen, "value of Actor") || !strings.Contains(seen, "END") {
		t.Fatalf("not every field was shown whole:\n%s", seen)
	}
	d.Update(uitest.Key("pgup"))
	d.Update(uitest.Key("pgup"))
	d.Update(uitest.Key("pgup"))
	if !strings.Contains(ansi.Strip(d.View()), "value of Actor") {
		t.Fatal("pgup did not scroll back to the top")
	}
}

// An empty value shows "—", not a blank that looks like a value that
// failed to draw (tester finding).
func TestDetailShowsADashForAnEmptyValue(t *testing.T) {
	d := NewDetail(uitest.NewCommon(nil), "Audit entry", []Field{{Label: "SSH key", Value: " "}, {Label: "Actor", Value: "ci"}})
	d.Update(tea.WindowSizeMsg{Width: 40, Height: 6})
	if v := ansi.Strip(d.View()); !strings.Contains(v, "SSH key  —") || !strings.Contains(v, "Actor    ci") {
		t.Fatalf("detail:\n%s", v)
	}
}
