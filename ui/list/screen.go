package list

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// Screen is what every list screen does the same way. Embed it in the
// screen's model and the screen has Init, Reload, Close, CapturesInput,
// Settling and Busy; its Update is one line:
//
//	func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) { return m, m.Handle(msg) }
//
// A screen that does more in one of them (a second request to wait for)
// defines its own method, which wins over the embedded one.
type Screen[T any] struct {
	List *Model[T]
	// Below is how many lines the screen draws under the list (a legend).
	Below int
	// OnKey handles the keys the list did not take (the screen's actions).
	OnKey func(tea.KeyMsg) tea.Cmd
	// OnPopped handles what the screen's pushed screens returned (the list
	// already took its confirmations).
	OnPopped func(ui.PoppedMsg) tea.Cmd
	// Sync runs after every message: the screen enables its keys.
	Sync func()
}

// Init loads the rows.
func (s *Screen[T]) Init() tea.Cmd { return s.List.Reload() }

// Reload implements ui.Reloader (ctrl+r).
func (s *Screen[T]) Reload() tea.Cmd { return s.List.Reload() }

// Close abandons the load in progress.
func (s *Screen[T]) Close() { s.List.Close() }

// CapturesInput implements ui.InputCapturer: true while typing a filter.
func (s *Screen[T]) CapturesInput() bool { return s.List.Typing() }

// Settling implements ui.Settler.
func (s *Screen[T]) Settling() bool { return s.List.Settling() }

// Busy implements ui.Busy.
func (s *Screen[T]) Busy() bool { return s.List.Busy() }

// Handle routes msg: first to the list, then sizes, the screen's keys and
// its pushed screens' results; Sync runs last.
func (s *Screen[T]) Handle(msg tea.Msg) tea.Cmd {
	cmd, ok := s.List.Update(msg)
	if !ok {
		switch msg := msg.(type) {
		case tea.WindowSizeMsg:
			s.List.SetSize(msg.Width, msg.Height, s.Below)
		case tea.KeyMsg:
			if s.OnKey != nil {
				cmd = s.OnKey(msg)
			}
		case ui.PoppedMsg:
			if s.OnPopped != nil {
				cmd = s.OnPopped(msg)
			}
		}
	}
	if s.Sync != nil {
		s.Sync()
	}
	return cmd
}
