// Package clipboard copies text to the user's terminal clipboard with an
// OSC 52 escape sequence written to the session's output (local terminal
// or SSH channel). The toast it returns says honestly what happened: the
// sequence was sent, but only the terminal decides whether to honour it.
package clipboard

import (
	"encoding/base64"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// Sequence returns the OSC 52 sequence that sets the clipboard to text.
func Sequence(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\x07"
}

// Copy writes text to c.Clipboard as OSC 52; what names it in the toast
// ("client id", "client secret", "password"). Nothing is copied in
// presentation mode: client id tails are masked there too.
func Copy(c *ui.Common, what, text string) tea.Cmd {
	switch {
	case c.Presentation:
		return ui.Toast(ui.ToastInfo, "Copy disabled in presentation mode")
	case c.Clipboard == nil:
		return ui.Toast(ui.ToastError, "Clipboard unavailable: no terminal output to send OSC 52 to")
	case text == "":
		return ui.Toast(ui.ToastError, "Nothing to copy")
	}
	if _, err := c.Clipboard.Write([]byte(Sequence(text))); err != nil {
		return ui.Toast(ui.ToastError, "Clipboard unavailable: "+err.Error())
	}
	return ui.Toast(ui.ToastSuccess, "Sent the "+what+" to the terminal clipboard (OSC 52; your terminal must allow it)")
}
