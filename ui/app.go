package ui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Tab is one top-level screen of the console (UX.md: 1–4).
type Tab struct {
	Name string
	New  func(*Common) Screen
}

// Busy is implemented by screens that wait on the server; the status bar
// shows a spinner while the top screen is busy, and only then ticks.
type Busy interface {
	Busy() bool
}

// chrome is the number of lines the root draws around the content: the
// tab bar, the help line and the status bar.
const chrome = 3

// App is the root model: one stack of screens per tab, global keys, the
// help overlay and the status bar. Key messages go to the top screen of
// the active tab; every other message (replies, ticks) goes to every live
// screen, which drops what is not addressed to it (request ids).
type App struct {
	frames   atomic.Uint64 // frames drawn with zones (see frameEnd)
	c        *Common
	tabs     []Tab
	stacks   [][]Screen
	active   int
	width    int
	height   int
	keys     globalKeys
	help     help.Model
	showHelp bool
	// helpOffset is the first line of the help overlay shown (it scrolls
	// when the bindings do not fit).
	helpOffset int
	// messages is this session's toast log, shown by `!`.
	messages  []logEntry
	showLog   bool
	logOffset int
	toast     ToastMsg
	toastID   int
	spin      spinner.Model
	spinning  bool
	// typedAhead holds keys for a settling top screen (see Settler).
	typedAhead []tea.KeyMsg
}

// toastExpiredMsg ends toast id (a newer toast is not cleared by an old tick).
type toastExpiredMsg struct{ id int }

// NewApp builds the root over tabs; the first tab is shown.
func NewApp(c *Common, tabs []Tab) *App {
	h := help.New()
	h.Styles.ShortKey = c.Styles.Bold
	h.Styles.ShortDesc = c.Styles.Muted
	h.Styles.ShortSeparator = c.Styles.Muted
	h.Styles.FullKey = c.Styles.Bold
	h.Styles.FullDesc = c.Styles.Muted
	h.Styles.FullSeparator = c.Styles.Muted
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Title))
	c.navSync = true
	keys := newGlobalKeys(len(tabs))
	keys.Profile.SetEnabled(c.Profiles != nil)
	return &App{c: c, tabs: tabs, stacks: make([][]Screen, len(tabs)), keys: keys, help: h, spin: sp, width: 80, height: 24}
}

// Init builds the first tab's screen.
func (a *App) Init() tea.Cmd { return a.ensureTab(0) }

// ensureTab builds tab i's root screen on its first visit.
func (a *App) ensureTab(i int) tea.Cmd {
	if i < 0 || i >= len(a.tabs) || len(a.stacks[i]) > 0 {
		return nil
	}
	s := a.tabs[i].New(a.c)
	a.stacks[i] = []Screen{s}
	return tea.Batch(s.Init(), a.sizeTo(i, len(a.stacks[i])-1))
}

// top returns the active tab's top screen.
func (a *App) top() Screen {
	st := a.stacks[a.active]
	if len(st) == 0 {
		return nil
	}
	return st[len(st)-1]
}

// setTop replaces the active tab's top screen.
func (a *App) setTop(s Screen) { a.stacks[a.active][len(a.stacks[a.active])-1] = s }

func (a *App) contentSize() (int, int) { return a.width, max(a.height-chrome, 1) }

// sizeTo sends the content size to one screen.
func (a *App) sizeTo(tab, idx int) tea.Cmd {
	w, h := a.contentSize()
	s, cmd := a.stacks[tab][idx].Update(tea.WindowSizeMsg{Width: w, Height: h})
	a.stacks[tab][idx] = s
	return cmd
}

// Update routes msg (see App).
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, isKey := msg.(tea.KeyMsg)
	if isKey && k.Type == tea.KeyRunes && len(k.Runes) > 1 && !k.Paste {
		return a, a.eachRune(k.Runes)
	}
	if isKey && k.Alt && !k.Paste && (!a.capturing() || k.Type == tea.KeyEsc) {
		// Outside text fields (whose alt+b/f/d move by words) the console
		// binds no alt key: an "alt+j" or "alt+down" is esc then the key
		// typed together (a burst, a script, a slow link), so both count.
		// Esc twice in one read ("alt+esc") is two escs everywhere: in a
		// filter bar it was dropped whole.
		k.Alt = false
		_, esc := a.Update(tea.KeyMsg{Type: tea.KeyEsc})
		_, rest := a.Update(k)
		return a, tea.Batch(esc, rest)
	}
	var cmd tea.Cmd
	if isKey {
		cmd = a.key(k)
	} else {
		cmd = a.step(msg)
	}
	// A reply may have ended a screen's settling: the keys typed ahead go now.
	return a, tea.Batch(cmd, a.drain(), a.maybeSpin())
}

// step applies msg, then the pushes, pops and emits the screens asked for
// (see Push), which may in turn ask for more (a pushed screen's Init, a
// popped one's result).
func (a *App) step(msg tea.Msg) tea.Cmd {
	cmds := []tea.Cmd{a.update(msg)}
	for nav := a.c.takeNav(); len(nav) > 0; nav = a.c.takeNav() {
		for _, m := range nav {
			cmds = append(cmds, a.update(m))
		}
	}
	return tea.Batch(cmds...)
}

// maxTypedAhead bounds the keys held for a settling screen; more are dropped
// (a paste into the wrong place, or a flood).
const maxTypedAhead = 256

// key handles one key press: at once, or after the keys typed before it
// when those wait for the top screen to settle (see Settler). ctrl+c never
// waits.
func (a *App) key(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, a.keys.Quit) {
		return tea.Quit
	}
	if len(a.typedAhead) == 0 && !a.mustWait(k) {
		return a.stepKey(k)
	}
	if len(a.typedAhead) >= maxTypedAhead {
		return Toast(ToastError, "Too many keys typed ahead while the screen was loading: the rest were dropped")
	}
	a.typedAhead = append(a.typedAhead, k)
	return nil
}

// mustWait reports whether k goes to the top screen while it is settling;
// the root's own keys (help, tabs) never wait for a screen.
func (a *App) mustWait(k tea.KeyMsg) bool {
	s, ok := a.top().(Settler)
	return ok && s.Settling() && a.global(k) == nil
}

// KeyDropper is implemented by a Settler whose wait can end in a way the
// keys typed ahead did not expect: a refused save leaves the form on top,
// and "ctrl+s j j j" must not type "jjj" into it. DropHeldKeys reports
// (once) that the held keys are to be dropped instead of delivered.
type KeyDropper interface {
	DropHeldKeys() bool
}

// drain delivers the keys typed ahead, in order, until one must wait again.
func (a *App) drain() tea.Cmd {
	if d, ok := a.top().(KeyDropper); ok && d.DropHeldKeys() && len(a.typedAhead) > 0 {
		n := len(a.typedAhead)
		a.typedAhead = nil
		return Toast(ToastWarning, fmt.Sprintf("%d key(s) typed during the save were dropped: it was refused", n))
	}
	var cmds []tea.Cmd
	for len(a.typedAhead) > 0 && !a.mustWait(a.typedAhead[0]) {
		k := a.typedAhead[0]
		a.typedAhead = a.typedAhead[1:]
		cmds = append(cmds, a.stepKey(k))
	}
	if len(a.typedAhead) == 0 {
		a.typedAhead = nil
	}
	return tea.Batch(cmds...)
}

// eachRune handles letters that arrived in one read as separate key
// presses. Bubble Tea delivers a run of printable characters as one
// KeyMsg, so "jjs" typed faster than the terminal is read (a script, a fast
// typist on a slow SSH link) would otherwise match no binding at all. A
// bracketed paste stays one message.
func (a *App) eachRune(runes []rune) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(runes))
	for _, r := range runes {
		_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (a *App) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.Width = msg.Width
		return a.broadcast(nil, true)
	case tea.KeyMsg:
		return a.handleKey(msg)
	case tea.MouseMsg:
		return a.mouse(msg)
	case PushMsg:
		a.stacks[a.active] = append(a.stacks[a.active], msg.Screen)
		return tea.Batch(msg.Screen.Init(), a.sizeTo(a.active, len(a.stacks[a.active])-1))
	case PopMsg:
		return a.pop(msg.Result)
	case emitMsg:
		return a.toTop(msg.msg)
	case ReplaceMsg:
		a.setTop(msg.Screen)
		return tea.Batch(msg.Screen.Init(), a.sizeTo(a.active, len(a.stacks[a.active])-1))
	case SwitchTabMsg:
		return a.switchTab(msg.Tab)
	case ShowHelpMsg:
		a.showHelp = true
		return nil
	case ToastMsg:
		return a.showToast(msg)
	case switchedMsg:
		return a.switchTo(msg)
	case toastExpiredMsg:
		if msg.id == a.toastID && !a.toast.Kind.sticky() {
			a.toast = ToastMsg{}
		}
		return nil
	case spinner.TickMsg:
		if !a.Busy() {
			a.spinning = false
			return nil
		}
		// The next frame goes through Common.Tick (a fake clock in tests),
		// not the spinner's own timer.
		a.spin, _ = a.spin.Update(msg)
		id := a.spin.ID()
		return a.c.Tick(a.spin.Spinner.FPS, func(t time.Time) tea.Msg { return spinner.TickMsg{Time: t, ID: id} })
	}
	return a.broadcast(msg, false)
}

// broadcast sends msg to every live screen (sized: the content size).
func (a *App) broadcast(msg tea.Msg, sized bool) tea.Cmd {
	var cmds []tea.Cmd
	for t := range a.stacks {
		for i := range a.stacks[t] {
			if sized {
				cmds = append(cmds, a.sizeTo(t, i))
				continue
			}
			s, cmd := a.stacks[t][i].Update(msg)
			a.stacks[t][i] = s
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

func (a *App) pop(result any) tea.Cmd {
	st := a.stacks[a.active]
	if len(st) <= 1 {
		return nil
	}
	a.stacks[a.active] = st[:len(st)-1]
	s, cmd := a.top().Update(PoppedMsg{Result: result})
	a.setTop(s)
	return cmd
}

func (a *App) switchTab(i int) tea.Cmd {
	if i < 0 || i >= len(a.tabs) {
		return nil
	}
	if i != a.active {
		a.c.HideSecrets() // a revealed secret does not wait, visible, on the tab left
	}
	a.active = i
	a.showHelp, a.showLog = false, false
	if len(a.stacks[i]) == 1 {
		if s, ok := a.stacks[i][0].(Shower); ok {
			return s.Shown()
		}
	}
	return a.ensureTab(i)
}

// capturing reports whether the top screen has a focused text input.
func (a *App) capturing() bool {
	ic, ok := a.top().(InputCapturer)
	return ok && ic.CapturesInput()
}

func (a *App) handleKey(msg tea.KeyMsg) tea.Cmd {
	a.dismissError()
	if act := a.global(msg); act != nil {
		return act()
	}
	return a.toTop(msg)
}

// global returns the root's action for k, or nil when k goes to the top
// screen.
func (a *App) global(k tea.KeyMsg) func() tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Quit):
		return func() tea.Cmd { return tea.Quit }
	case key.Matches(k, a.keys.Reload):
		return a.reload
	case a.showHelp:
		return func() tea.Cmd { return a.helpKey(k) }
	case a.showLog:
		return func() tea.Cmd { return a.messagesKey(k) }
	case key.Matches(k, a.keys.HelpF1):
		return a.openHelp
	case a.capturing():
		return nil
	case key.Matches(k, a.keys.Help):
		return a.openHelp
	case key.Matches(k, a.keys.Messages):
		return func() tea.Cmd {
			a.showLog, a.logOffset = true, 0
			a.dismissError()
			return nil
		}
	case key.Matches(k, a.keys.QuitList) && len(a.stacks[a.active]) == 1:
		return func() tea.Cmd { return tea.Quit }
	case key.Matches(k, a.keys.Profile) && a.c.Profiles != nil && len(a.stacks[a.active]) == 1:
		return a.openProfiles
	case key.Matches(k, a.keys.NextTab):
		return func() tea.Cmd { return a.switchTab((a.active + 1) % len(a.tabs)) }
	case key.Matches(k, a.keys.PrevTab):
		return func() tea.Cmd { return a.switchTab((a.active + len(a.tabs) - 1) % len(a.tabs)) }
	}
	for i, b := range a.keys.Tabs {
		if key.Matches(k, b) {
			return func() tea.Cmd { return a.switchTab(i) }
		}
	}
	return nil
}

func (a *App) openHelp() tea.Cmd {
	a.showHelp = true
	return nil
}

func (a *App) reload() tea.Cmd {
	if r, ok := a.top().(Reloader); ok {
		return r.Reload()
	}
	return nil
}

// Top is the active tab's top screen (tests look at it through ui/uitest).
func (a *App) Top() Screen { return a.top() }

func (a *App) toTop(msg tea.Msg) tea.Cmd {
	s, cmd := a.top().Update(msg)
	a.setTop(s)
	return cmd
}

// Busy says whether the top screen is waiting on the server (the status bar
// spins; tests wait for it to clear before the next key).
func (a *App) Busy() bool {
	b, ok := a.top().(Busy)
	return ok && b.Busy()
}

// maybeSpin starts the spinner when the top screen became busy; it stops
// itself on the first tick after the screen is idle, so an idle console
// schedules nothing.
func (a *App) maybeSpin() tea.Cmd {
	if a.spinning || !a.Busy() {
		return nil
	}
	a.spinning = true
	return a.spin.Tick
}

// View draws the tab bar, the content, the help line and the status bar,
// exactly the terminal's size.
func (a *App) View() string {
	w, h := a.contentSize()
	var content string
	if a.showHelp {
		content = a.helpView()
	} else if a.showLog {
		content = a.messagesView()
	} else if t := a.top(); t != nil {
		content = t.View()
	}
	lines := []string{a.tabBar()}
	lines = append(lines, fitLines(content, w, h)...)
	lines = append(lines, truncate(a.shortHelp(), w), a.statusBar())
	frame := strings.Join(lines, "\n")
	if a.c.Zones != nil {
		frame = a.c.Zones.Scan(frame + a.frameEnd())
	}
	if a.c.ASCII {
		return ASCIIFallback(frame)
	}
	return frame
}

// fitLines cuts or pads s to exactly h lines no wider than w.
func fitLines(s string, w, h int) []string {
	src := strings.Split(s, "\n")
	out := make([]string, h)
	for i := range out {
		if i < len(src) {
			out[i] = truncate(src[i], w)
		}
	}
	return out
}

func truncate(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

func (a *App) tabBar() string {
	title := ""
	if t := a.top(); t != nil {
		title = a.c.Styles.Title.Render(t.Title())
	}
	left := a.tabLabels(false)
	if a.width-lipgloss.Width(left)-lipgloss.Width(title) < 1 {
		// Too narrow for every name and the title: the other tabs show
		// only their number, so the title (where the person is) stays.
		left = a.tabLabels(true)
	}
	gap := a.width - lipgloss.Width(left) - lipgloss.Width(title)
	if gap < 1 {
		// Still too long (a long credential name): shorten the title in
		// the middle (shortTitle), keeping what screen it is and whose.
		room := a.width - lipgloss.Width(left) - 1
		if room < 8 {
			return truncate(left, a.width)
		}
		title = a.c.Styles.Title.Render(shortTitle(a.top().Title(), room))
		gap = max(a.width-lipgloss.Width(left)-lipgloss.Width(title), 1)
	}
	return truncate(left+strings.Repeat(" ", gap)+title, a.width)
}

// shortTitle fits a breadcrumb title ("Client Credentials › Edit scopes
// “name”") into room cells: the tab's own name goes first (the tab bar
// shows it, maybe shortened), then the middle is cut, so both the screen ("Edit scopes") at
// the start and the end of the long name stay.
func shortTitle(title string, room int) string {
	if _, rest, ok := strings.Cut(title, " › "); ok {
		title = rest // the first crumb is the tab ("Protected information" for "Protected info")
	}
	w := lipgloss.Width(title)
	if w <= room {
		return title
	}
	head := (room - 1) / 2
	tail := room - 1 - head
	return ansi.Truncate(title, head, "") + "…" + ansi.TruncateLeft(title, w-tail, "")
}

// tabLabels renders the tabs: "1 Client Credentials" each, or with short
// only the active tab's name and the others' numbers.
func (a *App) tabLabels(short bool) string {
	st := a.c.Styles
	var parts []string
	for i, t := range a.tabs {
		label := string(rune('1'+i)) + " " + t.Name
		switch {
		case i == a.active:
			parts = append(parts, a.c.Mark(tabZone(i), st.ActiveTab.Render(label)))
		case short:
			parts = append(parts, a.c.Mark(tabZone(i), st.Tab.Render(label[:1])))
		default:
			parts = append(parts, a.c.Mark(tabZone(i), st.Tab.Render(label)))
		}
	}
	return strings.Join(parts, "")
}

func (a *App) shortHelp() string {
	t := a.top()
	if t == nil {
		return ""
	}
	help := a.keys.Help
	if a.capturing() {
		help = a.keys.HelpF1 // ? would type
	}
	bindings := append(t.KeyMap().ShortHelp(), help)
	return a.help.ShortHelpView(bindings)
}

// shownKeys are the global keys as they work on the top screen now.
func (a *App) shownKeys() globalKeys {
	return a.keys.shown(a.capturing(), len(a.stacks[a.active]) == 1)
}

func (a *App) titleOf(t Screen) string {
	if t == nil {
		return ""
	}
	return t.Title()
}
