package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
)

// ToastKind colours a toast.
type ToastKind int

// The kinds of toast.
const (
	ToastInfo ToastKind = iota
	ToastSuccess
	ToastError
	// ToastWarning stays like an error (the config file is readable by
	// others…) and is drawn in the warning colour.
	ToastWarning
)

// ToastMsg shows Text in the status bar until it expires (the root owns
// the timer).
type ToastMsg struct {
	Kind ToastKind
	Text string
}

// Toast returns a command that shows a toast.
func Toast(kind ToastKind, text string) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Kind: kind, Text: text} }
}

// ToastErr returns a command that shows err as an error toast, using the
// server's message when err is a *client.APIError.
func ToastErr(err error) tea.Cmd {
	return Toast(ToastError, ErrorText(err))
}

// ErrorText is the one-line, user-facing text of err: for a server error
// its client.APIError.Summary (the message with the PAM Core code, without
// the HTTP status). It never contains a secret: client errors are built
// without them.
func ErrorText(err error) string { return client.Summary(err) }
