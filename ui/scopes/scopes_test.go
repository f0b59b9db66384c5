package scopes

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// catalogue mirrors API.md §2 (labels are ours).

// press sends keys and returns the model and the messages the last key's
// command produced.
func press(m Model, keys ...string) (Model, []tea.Msg) {
	var msgs []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(uitest.Key(k))
		msgs = run(cmd)
	}
	return m, msgs
}

func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, run(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return m
}

func newPage(saved []string, opts Options) Model {
	m := New(uitest.NewCommon(nil), uitest.Catalogue(), saved, opts)
	m.SetSize(80, 20)
	return m
}

func TestNewCredentialStartsFromDefaults(t *testing.T) {
	m := newPage([]string{"apps.add"}, Options{New: true})
	want := []string{"users.user.view", "users.roles.view", "assets.view", "system_user.view", "groups.view", "apps.view"}
	if got := m.Selected(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Selected = %v, want the catalogue defaults %v", got, want)
	}
	if n, total, a, r := m.Counts(); n != 6 || total != 26 || a != 0 || r != 0 {
		t.Fatalf("Counts = %d %d +%d −%d", n, total, a, r)
	}
}

func TestToggleAndCountsAgainstSaved(t *testing.T) {
	m := newPage([]string{"users.user.view", "users.user.add"}, Options{})
	m, _ = press(m, "tab") // groups → scopes
	if m.Focus() != FocusScopes {
		t.Fatalf("focus = %v, want scopes", m.Focus())
	}
	m, _ = press(m, "space", "down", "down", "enter") // −view, +edit
	if got := m.Selected(); !reflect.DeepEqual(got, []string{"users.user.add", "users.user.edit"}) {
		t.Fatalf("Selected = %v", got)
	}
	if _, _, a, r := m.Counts(); a != 1 || r != 1 {
		t.Fatalf("change = +%d −%d, want +1 −1", a, r)
	}
	if !strings.Contains(m.View(), "2 of 26 scopes selected  +1 −1") {
		t.Fatalf("counts line missing:\n%s", m.View())
	}
}

func TestSelectAllClearAllResetOnGroup(t *testing.T) {
	m := newPage([]string{"users.user.view", "assets.view"}, Options{})
	m, _ = press(m, "down", "a") // Role Management: select all
	if got := m.Selected(); !reflect.DeepEqual(got, []string{"users.user.view", "users.roles.view", "users.roles.add", "users.roles.edit", "users.roles.delete", "assets.view"}) {
		t.Fatalf("after a: %v", got)
	}
	m, _ = press(m, "up", "x") // User Management: clear all
	if got := m.Selected(); !reflect.DeepEqual(got, []string{"users.roles.view", "users.roles.add", "users.roles.edit", "users.roles.delete", "assets.view"}) {
		t.Fatalf("after x: %v", got)
	}
	m, _ = press(m, "r")
	if got := m.Selected(); !reflect.DeepEqual(got, []string{"users.user.view", "assets.view"}) {
		t.Fatalf("after r: %v, want the saved state", got)
	}
	if m.Dirty() {
		t.Fatal("dirty after reset")
	}
}

func TestSearchSelectAllActsOnMatchesOnly(t *testing.T) {
	m := newPage(nil, Options{})
	m, _ = press(m, "/")
	if !m.CapturesInput() {
		t.Fatal("search bar should capture input")
	}
	m = typeText(m, "delete")
	if m.Query() != "delete" || len(m.results) != 6 {
		t.Fatalf("query %q gave %d results, want 6", m.Query(), len(m.results))
	}
	m, _ = press(m, "tab") // search → results (groups hidden)
	if m.Focus() != FocusScopes {
		t.Fatalf("focus = %v, want scopes", m.Focus())
	}
	m, _ = press(m, "a")
	want := []string{"users.user.delete", "users.roles.delete", "assets.delete", "system_user.delete", "groups.delete", "apps.delete"}
	if got := m.Selected(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a in search: %v, want %v", got, want)
	}
	m, _ = press(m, "x")
	if got := m.Selected(); len(got) != 0 {
		t.Fatalf("after x in search: %v, want none", got)
	}
	m, _ = press(m, "esc") // clears the search, stays on the page
	if m.Query() != "" || m.results != nil || m.Focus() != FocusGroups {
		t.Fatalf("esc should clear the search: query %q focus %v", m.Query(), m.Focus())
	}
}

func TestSearchTypesLettersThatAreKeysElsewhere(t *testing.T) {
	m := newPage(nil, Options{})
	m, _ = press(m, "/")
	m = typeText(m, "rax")
	if m.Query() != "rax" || len(m.Selected()) != 0 {
		t.Fatalf("letters in the search bar must type: query %q selected %v", m.Query(), m.Selected())
	}
	m, _ = press(m, "esc")
	if m.Query() != "" || m.CapturesInput() {
		t.Fatal("esc should leave the search")
	}
}

func TestSearchHighlightsAndShowsGroup(t *testing.T) {
	m := newPage(nil, Options{})
	m, _ = press(m, "/")
	m = typeText(m, "rotpw")
	if len(m.results) != 1 {
		t.Fatalf("results = %d, want 1", len(m.results))
	}
	r := m.results[0]
	if m.items[r.item].key != "system_user.rotate_password" {
		t.Fatalf("match = %s", m.items[r.item].key)
	}
	if len(r.labelMatched)+len(r.keyMatched) != 5 {
		t.Fatalf("matched %v + %v, want 5 characters", r.labelMatched, r.keyMatched)
	}
	if !strings.Contains(m.View(), "System Users") {
		t.Fatalf("result should name its group:\n%s", m.View())
	}
}

func TestSaveEmitsCatalogueOrder(t *testing.T) {
	m := newPage([]string{"apps.view", "users.user.add", "unknown.scope"}, Options{})
	_, msgs := press(m, "ctrl+s")
	if len(msgs) != 1 {
		t.Fatalf("msgs = %v", msgs)
	}
	save, ok := msgs[0].(SaveMsg)
	if !ok {
		t.Fatalf("msg = %T, want SaveMsg", msgs[0])
	}
	want := []string{"users.user.add", "apps.view", "unknown.scope"}
	if !reflect.DeepEqual(save.Selected, want) {
		t.Fatalf("SaveMsg = %v, want %v (catalogue order, unknown kept)", save.Selected, want)
	}
}

func TestBackAsksWhenDirty(t *testing.T) {
	m := newPage([]string{"users.user.view"}, Options{ConfirmLeave: true})
	_, msgs := press(m, "esc")
	if len(msgs) != 1 {
		t.Fatalf("clean page: esc should leave at once, got %v", msgs)
	}
	m, _ = press(m, "a", "esc")
	if !m.confirming || !strings.Contains(m.View(), "Discard unsaved changes (+3 −0)? y/n") {
		t.Fatalf("dirty page should ask:\n%s", m.View())
	}
	m, msgs = press(m, "n")
	if m.confirming || msgs != nil {
		t.Fatal("n should keep editing")
	}
	m, _ = press(m, "esc")
	_, msgs = press(m, "y")
	back, ok := msgs[0].(BackMsg)
	if !ok || len(back.Selected) != 4 {
		t.Fatalf("y should leave with the selection, got %#v", msgs)
	}
}

func TestWizardBackDoesNotAsk(t *testing.T) {
	m := newPage(nil, Options{New: true, Initial: []string{"apps.add"}})
	if got := m.Selected(); !reflect.DeepEqual(got, []string{"apps.add"}) {
		t.Fatalf("Initial not applied: %v", got)
	}
	_, msgs := press(m, "esc")
	if back, ok := msgs[0].(BackMsg); !ok || !reflect.DeepEqual(back.Selected, []string{"apps.add"}) {
		t.Fatalf("esc = %#v", msgs)
	}
}

func TestScrollKeepsCursorVisible(t *testing.T) {
	m := newPage(nil, Options{})
	m.SetSize(80, 8) // 4 list rows
	m, _ = press(m, "G")
	if m.group != 6 || !strings.Contains(m.View(), "Miscellaneous") {
		t.Fatalf("G should reach the last group and show it:\n%s", m.View())
	}
	for _, line := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(line); w > 80 {
			t.Fatalf("line wider than 80: %d %q", w, line)
		}
	}
	if n := len(strings.Split(m.View(), "\n")); n != 8 {
		t.Fatalf("view has %d lines, want 8", n)
	}
}

func TestHelpDisablesKeysWhileSearching(t *testing.T) {
	m := newPage(nil, Options{})
	if !m.keys.SelectAll.Enabled() {
		t.Fatal("a should be enabled on the groups pane")
	}
	m, _ = press(m, "/")
	if m.keys.SelectAll.Enabled() || m.keys.Reset.Enabled() {
		t.Fatal("a and r type into the search bar: their help must be hidden")
	}
}

// ? opens the root's help from the lists (the screens holding the page
// capture input, so the root would not see it); in the search bar it types.
func TestQuestionMarkOpensHelpOutsideTheSearch(t *testing.T) {
	m := newPage(nil, Options{})
	_, msgs := press(m, "?")
	if len(msgs) != 1 || msgs[0] != (ui.ShowHelpMsg{}) {
		t.Fatalf("? on the groups gave %#v, want ShowHelpMsg", msgs)
	}
	m, _ = press(m, "/")
	m, msgs = press(m, "?")
	if len(msgs) != 0 || m.Query() != "?" {
		t.Fatalf("? in the search bar: messages %#v, query %q", msgs, m.Query())
	}
}
