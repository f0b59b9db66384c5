// Package ui is the console's root: the screen stack, global keys, the
// status bar and the per-session Common. Each screen lives in its own
// package under ui/ and talks to the root only through the messages below.
package ui

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Screen is one page of the console: a list screen, a wizard step or a
// dialog. The root sends it every message while it is on top of the stack,
// and a tea.WindowSizeMsg with the size of the content area (the terminal
// less the tab bar and status bar).
type Screen interface {
	Init() tea.Cmd
	Update(tea.Msg) (Screen, tea.Cmd)
	View() string
	// KeyMap drives the help bar and the `?` overlay; disabled bindings
	// are hidden, so help never lies.
	KeyMap() help.KeyMap
	// Title is shown in the header (e.g. "Client Credentials › Add").
	Title() string
}

// InputCapturer is implemented by screens that have a focused text input
// at times. While CapturesInput is true the root does not treat 1–4, tab,
// q or ? as global keys (they type into the field); ctrl+c still quits.
type InputCapturer interface {
	CapturesInput() bool
}

// Shower is implemented by a tab's screen that refreshes itself each time
// its tab is shown again (the audit log: what the person just did in
// another tab should be there).
type Shower interface {
	Shown() tea.Cmd
}

// Reloader is implemented by screens that can refetch from the server; the
// root calls Reload on ctrl+r.
type Reloader interface {
	Reload() tea.Cmd
}

// PushMsg puts Screen on top of the stack (a dialog or wizard step).
type PushMsg struct{ Screen Screen }

// PopMsg removes the top screen and delivers Result to the one below it
// as a PoppedMsg.
type PopMsg struct{ Result any }

// PoppedMsg is what the screen below receives after a pop.
type PoppedMsg struct{ Result any }

// ReplaceMsg swaps the top screen for Screen (e.g. wizard step 1 → 2 when
// step 1 should not stay underneath).
type ReplaceMsg struct{ Screen Screen }

// SwitchTabMsg asks the root to show tab N (0 = Client Credentials,
// 1 = Credentials, 2 = Devices, 3 = Audit).
type SwitchTabMsg struct{ Tab int }

// ShowHelpMsg opens the help overlay for the top screen: for screens that
// capture input, where the root does not take ? itself.
type ShowHelpMsg struct{}

// ShowHelp opens the help overlay, the same way as Push.
func ShowHelp(c *Common) tea.Cmd { return c.navigate(ShowHelpMsg{}) }

// Push puts s on top of the stack. Inside an App (the console) the push is
// applied as soon as the current Update returns, before the next key is
// read, so keys typed ahead of a screen change (a script, a paste, a fast
// typist: "n" then a name) land on the new screen; it returns nil then.
// Outside an App (a test harness driving a screen) it returns a command
// that yields a PushMsg.
func Push(c *Common, s Screen) tea.Cmd { return c.navigate(PushMsg{Screen: s}) }

// Pop removes the top screen and delivers result to the one below, the
// same way as Push.
func Pop(c *Common, result any) tea.Cmd { return c.navigate(PopMsg{Result: result}) }

// Emit delivers msg to the top screen as soon as the current Update returns,
// before the next key (inside an App; elsewhere it returns a command yielding
// msg). A screen or widget uses it to tell its host something happened
// ("the form was submitted", "save these scopes"), so a key typed right
// after lands on the state that message leads to.
func Emit(c *Common, msg tea.Msg) tea.Cmd {
	if !c.navSync {
		return func() tea.Msg { return msg }
	}
	c.nav = append(c.nav, emitMsg{msg})
	return nil
}

// emitMsg wraps a message of Emit for the App's navigation loop.
type emitMsg struct{ msg tea.Msg }

// Settler is implemented by screens whose rows (or step) are about to be
// replaced by a result they are waiting for: a filter, a sort, a reload, a
// submitted step. While Settling is true the App holds the keys meant for
// the screen, in order, and delivers them once it is false, so a key typed
// ahead acts on what the screen will show, never on what it is replacing.
type Settler interface {
	Settling() bool
}

// Replace swaps the top screen for s, the same way as Push.
func Replace(c *Common, s Screen) tea.Cmd { return c.navigate(ReplaceMsg{Screen: s}) }
