// Package clipboard copies text to the user's terminal clipboard with an
// OSC 52 escape sequence (github.com/aymanbagabas/go-osc52/v2) written to
// the session's output (local terminal or SSH channel), wrapped for tmux
// or GNU screen when the session runs inside one. The toast it returns
// says honestly what happened: the sequence was sent, but only the
// terminal decides whether to honour it.
package clipboard

import (
	"io"
	"strings"

	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// Multiplexer is a terminal multiplexer between the console and the
// terminal; OSC 52 must pass through it in its own wrapping.
type Multiplexer int

// The multiplexers go-osc52 knows how to pass through.
const (
	NoMultiplexer Multiplexer = iota
	Tmux                      // DCS "tmux;" passthrough (tmux needs allow-passthrough on)
	Screen                    // DCS passthrough in 76-byte chunks
)

// Terminal is a session's output with the multiplexer it runs in; put one
// in ui.Common.Clipboard (a plain io.Writer means no multiplexer).
type Terminal struct {
	io.Writer
	Mux Multiplexer
}

// For wraps w with the multiplexer getenv shows (the process environment
// locally, the client's over SSH): TMUX set or a tmux TERM is tmux, STY set
// is GNU screen. A bare TERM=screen* is left plain: tmux uses that TERM too
// and drops screen's wrapping.
func For(w io.Writer, getenv func(string) string) Terminal {
	t := Terminal{Writer: w}
	switch term := getenv("TERM"); {
	case getenv("TMUX") != "" || strings.HasPrefix(term, "tmux"):
		t.Mux = Tmux
	case getenv("STY") != "":
		t.Mux = Screen
	}
	return t
}

// Sequence returns the OSC 52 sequence that sets the clipboard to text,
// wrapped for mux.
func Sequence(text string, mux Multiplexer) string {
	seq := osc52.New(text)
	switch mux {
	case Tmux:
		seq = seq.Tmux()
	case Screen:
		seq = seq.Screen()
	}
	return seq.String()
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
	mux := NoMultiplexer
	if t, ok := c.Clipboard.(Terminal); ok {
		mux = t.Mux
	}
	if _, err := io.WriteString(c.Clipboard, Sequence(text, mux)); err != nil {
		return ui.Toast(ui.ToastError, "Clipboard unavailable: "+err.Error())
	}
	return ui.Toast(ui.ToastSuccess, "Sent the "+what+" to the terminal clipboard (OSC 52; your terminal must allow it)")
}
