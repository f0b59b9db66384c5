package ui

import (
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// fakeScreen records what it receives.
type fakeScreen struct {
	name      string
	capturing bool
	typed     string
	popped    []any
	reloads   int
	mice      int
	size      tea.WindowSizeMsg
	keys      fakeKeys
}

type fakeKeys struct{ Add, Hidden key.Binding }

func (k fakeKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Add, k.Hidden} }
func (k fakeKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Add, k.Hidden}} }

func newFake(name string) *fakeScreen {
	return &fakeScreen{name: name, keys: fakeKeys{
		Add:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "add thing")),
		Hidden: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete thing"), key.WithDisabled()),
	}}
}

func (f *fakeScreen) Init() tea.Cmd       { return nil }
func (f *fakeScreen) View() string        { return "screen " + f.name + " typed:" + f.typed }
func (f *fakeScreen) KeyMap() help.KeyMap { return f.keys }
func (f *fakeScreen) Title() string       { return "Fake " + f.name }
func (f *fakeScreen) CapturesInput() bool { return f.capturing }
func (f *fakeScreen) Reload() tea.Cmd     { f.reloads++; return nil }
func (f *fakeScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		f.typed += msg.String()
	case PoppedMsg:
		f.popped = append(f.popped, msg.Result)
	case tea.WindowSizeMsg:
		f.size = msg
	case tea.MouseMsg:
		f.mice++
	}
	return f, nil
}

func testCommon() *Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := NewCommon(context.Background(), nil, r)
	c.Profile, c.URL = "demo", "http://127.0.0.1:8080"
	c.Identity.Name = "Default Client Credential"
	c.Now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }
	return c
}

func newTestApp(t *testing.T) (*App, []*fakeScreen) {
	t.Helper()
	fakes := []*fakeScreen{newFake("A"), newFake("B")}
	app := NewApp(testCommon(), []Tab{
		{Name: "Alpha", New: func(*Common) Screen { return fakes[0] }},
		{Name: "Beta", New: func(*Common) Screen { return fakes[1] }},
	})
	app.Init()
	app.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return app, fakes
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+r":
		return tea.KeyMsg{Type: tea.KeyCtrlR}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// run feeds msg and then any messages its command produces, except ticks.
func run(app *App, msg tea.Msg) tea.Msg {
	_, cmd := app.Update(msg)
	if cmd == nil {
		return nil
	}
	return cmd()
}

func TestStackPushPopReplace(t *testing.T) {
	app, fakes := newTestApp(t)
	dialog := newFake("dialog")
	app.Update(PushMsg{Screen: dialog})
	if app.top() != dialog || dialog.size.Height != 21 {
		t.Fatalf("push: top=%v size=%v", app.top(), dialog.size)
	}
	repl := newFake("step2")
	app.Update(ReplaceMsg{Screen: repl})
	if app.top() != repl || len(app.stacks[0]) != 2 {
		t.Fatal("replace did not swap the top")
	}
	app.Update(PopMsg{Result: "created"})
	if app.top() != fakes[0] || len(fakes[0].popped) != 1 || fakes[0].popped[0] != "created" {
		t.Fatalf("pop: result %v", fakes[0].popped)
	}
	app.Update(PopMsg{})
	if len(app.stacks[0]) != 1 {
		t.Fatal("popped the tab's root screen")
	}
}

func TestTabsKeepTheirStacks(t *testing.T) {
	app, fakes := newTestApp(t)
	dialog := newFake("dialog")
	app.Update(PushMsg{Screen: dialog})
	app.Update(keyMsg("2"))
	if app.active != 1 {
		t.Fatal("2 did not switch tabs from a dialog")
	}
	app.Update(keyMsg("1"))
	if app.top() != dialog {
		t.Fatal("switching tabs lost the first tab's dialog")
	}
	app.Update(PopMsg{})
	app.Update(keyMsg("2"))
	if app.active != 1 || app.top() != fakes[1] {
		t.Fatal("2 did not switch to the second tab")
	}
	app.Update(keyMsg("tab"))
	if app.active != 0 || app.top() != fakes[0] {
		t.Fatal("tab did not cycle back to the first tab")
	}
}

func TestCapturingScreenGetsGlobalKeys(t *testing.T) {
	app, fakes := newTestApp(t)
	fakes[0].capturing = true
	for _, k := range []string{"q", "1", "2", "?", "tab"} {
		if msg := run(app, keyMsg(k)); msg != nil {
			if _, quit := msg.(tea.QuitMsg); quit {
				t.Fatalf("%q quit while a text input had focus", k)
			}
		}
	}
	if app.active != 0 || app.showHelp || fakes[0].typed != "q12?tab" {
		t.Fatalf("keys were taken as global: active=%d help=%v typed=%q", app.active, app.showHelp, fakes[0].typed)
	}
	if _, quit := run(app, keyMsg("ctrl+c")).(tea.QuitMsg); !quit {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestQuitOnlyFromAListScreen(t *testing.T) {
	app, _ := newTestApp(t)
	app.Update(PushMsg{Screen: newFake("dialog")})
	if msg := run(app, keyMsg("q")); msg != nil {
		if _, quit := msg.(tea.QuitMsg); quit {
			t.Fatal("q quit from a dialog")
		}
	}
	app.Update(PopMsg{})
	if _, quit := run(app, keyMsg("q")).(tea.QuitMsg); !quit {
		t.Fatal("q did not quit from the list screen")
	}
}

func TestReloadKey(t *testing.T) {
	app, fakes := newTestApp(t)
	app.Update(keyMsg("ctrl+r"))
	if fakes[0].reloads != 1 {
		t.Fatal("ctrl+r did not reload the top screen")
	}
}

func TestToastExpiresButAnOldTickKeepsANewerToast(t *testing.T) {
	app, _ := newTestApp(t)
	app.Update(ToastMsg{Kind: ToastSuccess, Text: "first"})
	firstID := app.toastID
	app.Update(ToastMsg{Kind: ToastInfo, Text: "second"})
	app.Update(toastExpiredMsg{id: firstID})
	if !strings.Contains(app.View(), "second") {
		t.Fatal("the first toast's tick cleared the second toast")
	}
	app.Update(toastExpiredMsg{id: app.toastID})
	if strings.Contains(app.View(), "second") {
		t.Fatal("toast did not expire")
	}
}

func TestHelpOverlayIsTruthful(t *testing.T) {
	app, _ := newTestApp(t)
	app.Update(keyMsg("?"))
	v := app.View()
	if !strings.Contains(v, "add thing") || strings.Contains(v, "delete thing") || !strings.Contains(v, "ctrl+r") {
		t.Fatalf("help overlay:\n%s", v)
	}
	app.Update(keyMsg("esc"))
	if app.showHelp {
		t.Fatal("esc did not close help")
	}
}

func TestViewIsExactlyTheTerminalSize(t *testing.T) {
	app, _ := newTestApp(t)
	app.c.ReadOnly = true
	app.Update(ToastMsg{Text: strings.Repeat("very long toast ", 20)})
	lines := strings.Split(app.View(), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines, want 24", len(lines))
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > 80 {
			t.Fatalf("line %d is %d wide", i, w)
		}
	}
	if !strings.Contains(app.View(), "READ-ONLY") {
		t.Fatal("no READ-ONLY badge")
	}
}

// The root's goldens: the App driven directly (its Update is synchronous
// here: the fake screens return no commands), no wall-clock waits.
func TestGoldenRoot(t *testing.T) {
	app, _ := newTestApp(t)
	app.Update(ToastMsg{Kind: ToastSuccess, Text: "Saved"})
	golden.RequireEqual(t, []byte(app.View()))
}

func TestGoldenHelp(t *testing.T) {
	app, _ := newTestApp(t)
	app.Update(keyMsg("?"))
	if !strings.Contains(app.View(), "In this help") {
		t.Fatalf("no help:\n%s", app.View())
	}
	golden.RequireEqual(t, []byte(app.View()))
}

// navScreen pushes child on "n" and pops itself with "done" on "esc".
type navScreen struct {
	*fakeScreen
	c     *Common
	child *navScreen
}

func (s *navScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case k.String() == "n" && s.child != nil:
			return s, Push(s.c, s.child)
		case k.String() == "esc":
			return s, Pop(s.c, "done")
		}
	}
	s.fakeScreen.Update(msg)
	return s, nil
}

// newNavApp is an App of one tab whose screen pushes a child on "n".
func newNavApp() (app *App, parent, child *navScreen) {
	c := testCommon()
	child = &navScreen{fakeScreen: newFake("child"), c: c}
	parent = &navScreen{fakeScreen: newFake("parent"), c: c, child: child}
	app = NewApp(c, []Tab{{Name: "Alpha", New: func(*Common) Screen { return parent }}})
	app.Init()
	app.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return app, parent, child
}

// Keys typed ahead of a push or a pop (a script, a paste, a fast typist)
// land on the screen they were typed for, with no command run in between.
func TestNavigationAppliesBeforeTheNextKey(t *testing.T) {
	app, parent, child := newNavApp()

	for _, k := range []string{"n", "a", "b", "esc", "z"} {
		app.Update(keyMsg(k)) // the commands are dropped: nothing runs in between
	}
	if child.typed != "ab" {
		t.Errorf("the pushed screen got %q, want \"ab\"", child.typed)
	}
	if parent.typed != "z" || len(parent.popped) != 1 || parent.popped[0] != "done" {
		t.Errorf("the screen below got typed %q and popped %v, want \"z\" and [done]", parent.typed, parent.popped)
	}
	if child.size.Width != 80 {
		t.Errorf("the pushed screen was not sized: %+v", child.size)
	}
}

// Outside an App (a harness driving one screen) navigation is a message.
func TestNavigationOutsideAnAppIsAMessage(t *testing.T) {
	c := testCommon()
	cmd := Push(c, newFake("x"))
	if cmd == nil {
		t.Fatal("no command")
	}
	if _, ok := cmd().(PushMsg); !ok {
		t.Fatalf("got %T", cmd())
	}
	if pop, ok := Pop(c, 7)().(PopMsg); !ok || pop.Result != 7 {
		t.Fatalf("got %#v", pop)
	}
}

// Letters that arrive in one read ("nab": typed ahead by a script or over a
// slow link) act as separate keys, navigation included; a paste stays whole.
func TestRunesInOneReadAreSeparateKeys(t *testing.T) {
	app, parent, child := newNavApp()

	app.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jnab")})
	if parent.typed != "j" || child.typed != "ab" {
		t.Fatalf("parent got %q and child %q, want \"j\" and \"ab\"", parent.typed, child.typed)
	}
	app.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("pasted"), Paste: true})
	if child.typed != "ab[pasted]" {
		t.Fatalf("a paste reached the child as %q", child.typed)
	}
}

// While a screen captures input, help offers none of the global keys it
// takes for itself (digits, tab, q, ?), only ctrl+r and ctrl+c.
func TestHelpOmitsGlobalKeysACapturingScreenTakes(t *testing.T) {
	app, fakes := newTestApp(t)
	if footer := app.View(); !strings.Contains(footer, "? help") {
		t.Fatalf("a list screen's footer should offer ? help:\n%s", footer)
	}
	fakes[0].capturing = true
	if v := app.View(); strings.Contains(v, "? help") {
		t.Fatalf("a capturing screen's footer offers ?, which would type:\n%s", v)
	}
	app.Update(ShowHelpMsg{})
	v := app.View()
	for _, gone := range []string{`switch screen`, `next screen`, `(^|\s)q\s+quit`, `\?\s+help`} {
		if regexp.MustCompile(gone).MatchString(v) {
			t.Errorf("help of a capturing screen offers %q:\n%s", gone, v)
		}
	}
	for _, kept := range []string{"ctrl+r", "quit from anywhere", "add thing"} {
		if !strings.Contains(v, kept) {
			t.Errorf("help of a capturing screen lacks %q:\n%s", kept, v)
		}
	}
}

// f1 opens help even where ? types (a text field), and the footer of such
// a screen offers f1 instead of ?.
func TestF1OpensHelpInATextField(t *testing.T) {
	app, fakes := newTestApp(t)
	fakes[0].capturing = true
	if v := app.View(); !strings.Contains(v, "f1 help, also in a text field") {
		t.Fatalf("the footer of a capturing screen does not offer f1:\n%s", v)
	}
	app.Update(tea.KeyMsg{Type: tea.KeyF1})
	if !app.showHelp || fakes[0].typed != "" {
		t.Fatalf("f1: help %v, typed %q", app.showHelp, fakes[0].typed)
	}
	app.Update(tea.KeyMsg{Type: tea.KeyF1})
	if app.showHelp {
		t.Fatal("f1 does not close help")
	}
}

// Issue 15 (tester): "esc j" sent together arrives as alt+j; the console
// binds no alt key, so it is esc and then j.
func TestAltKeyIsEscThenTheKey(t *testing.T) {
	app, fakes := newTestApp(t)
	app.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}, Alt: true})
	app.Update(tea.KeyMsg{Type: tea.KeyDown, Alt: true}) // "Escape Down" in one send-keys
	if fakes[0].typed != "escjescdown" {
		t.Fatalf("the screen got %q", fakes[0].typed)
	}
}

// Esc pressed twice in one read arrives as alt+esc; in a text field too it
// is two escs (found by scripts/console-scale.sh: "Escape Escape" in one
// send-keys left the filter bar as it was).
func TestEscEscInOneReadIsTwoEscsInATextField(t *testing.T) {
	app, fakes := newTestApp(t)
	fakes[0].capturing = true
	app.Update(tea.KeyMsg{Type: tea.KeyEsc, Alt: true})
	if fakes[0].typed != "escesc" {
		t.Fatalf("the screen got %q", fakes[0].typed)
	}
}

// A long breadcrumb keeps both the screen it names and the end of the
// name: the middle is cut (tester finding: cut from the left, "Edit
// scopes" went and only the tail of the name was left).
func TestLongBreadcrumbKeepsTheScreenName(t *testing.T) {
	title := "Client Credentials › Edit scopes “" + strings.Repeat("Very long credential name ", 4) + "END”"
	for _, room := range []int{20, 33, 50} {
		got := shortTitle(title, room)
		if !strings.HasPrefix(got, "Edit scopes") && room >= 33 || !strings.HasSuffix(got, "END”") || lipgloss.Width(got) != room {
			t.Errorf("room %d: %q (%d cells)", room, got, lipgloss.Width(got))
		}
	}
}

// A long title is shortened instead of vanishing.
func TestLongTitleIsShortenedNotDropped(t *testing.T) {
	app, fakes := newTestApp(t)
	fakes[0].name = strings.Repeat("Very long credential name ", 4) + "END"
	bar := app.tabBar()
	if !strings.Contains(bar, "END") || lipgloss.Width(bar) > 80 {
		t.Fatalf("tab bar %q", bar)
	}
}

type showerScreen struct {
	*fakeScreen
	shown int
}

func (s *showerScreen) Shown() tea.Cmd { s.shown++; return nil }

func (s *showerScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	s.fakeScreen.Update(msg)
	return s, nil
}

// A tab that refreshes when shown again (Audit) is told each time it comes
// back, not on its first build.
func TestTabShownAgainIsTold(t *testing.T) {
	sh := &showerScreen{fakeScreen: newFake("S")}
	app := NewApp(testCommon(), []Tab{
		{Name: "Alpha", New: func(*Common) Screen { return newFake("A") }},
		{Name: "Audit", New: func(*Common) Screen { return sh }},
	})
	app.Init()
	app.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	app.Update(keyMsg("2"))
	app.Update(keyMsg("1"))
	app.Update(keyMsg("2"))
	if sh.shown != 1 {
		t.Fatalf("told %d times, want 1 (the second visit)", sh.shown)
	}
}
