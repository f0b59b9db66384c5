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

// Push returns a command that pushes s.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s} } }

// Pop returns a command that pops the top screen with result.
func Pop(result any) tea.Cmd { return func() tea.Msg { return PopMsg{Result: result} } }

// Replace returns a command that replaces the top screen with s.
func Replace(s Screen) tea.Cmd { return func() tea.Msg { return ReplaceMsg{Screen: s} } }
