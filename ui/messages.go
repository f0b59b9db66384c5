package ui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// maxMessages bounds the session's message log (oldest dropped first).
const maxMessages = 200

// logEntry is one toast as the message log (`!`) keeps it.
type logEntry struct {
	at   time.Time
	kind ToastKind
	text string
}

// showToast puts msg in the status bar and the log. Info and success toasts
// expire after Common.ToastFor; an error stays until the next key or `!`,
// so it cannot vanish before it was read.
func (a *App) showToast(msg ToastMsg) tea.Cmd {
	a.toastID++
	a.toast = msg
	a.messages = append(a.messages, logEntry{at: a.c.Clock(), kind: msg.Kind, text: msg.Text})
	if n := len(a.messages) - maxMessages; n > 0 {
		a.messages = append(a.messages[:0:0], a.messages[n:]...)
	}
	if msg.Kind.sticky() {
		return nil
	}
	id, d := a.toastID, a.c.ToastFor
	if d <= 0 {
		d = 5 * time.Second
	}
	return a.c.Tick(d, func(time.Time) tea.Msg { return toastExpiredMsg{id: id} })
}

// sticky kinds stay until the next key: they must not vanish unread.
func (k ToastKind) sticky() bool { return k == ToastError || k == ToastWarning }

// dismissError clears a shown error or warning: the person acted after it.
func (a *App) dismissError() {
	if a.toast.Kind.sticky() {
		a.toast = ToastMsg{}
	}
}

// Warn shows warnings found before the console started (a config file
// others can read) in the status bar and the log, so they are seen in the
// console and not only after quitting.
func (a *App) Warn(texts ...string) {
	for _, t := range texts {
		a.showToast(ToastMsg{Kind: ToastWarning, Text: "warning: " + t})
	}
}

// messageLines are the log, newest first, each message whole (wrapped).
func (a *App) messageLines(w int) []string {
	st := a.c.Styles
	lines := []string{st.Title.Render("Messages of this session"), ""}
	if len(a.messages) == 0 {
		return append(lines, st.Muted.Render("No messages yet."))
	}
	for i := len(a.messages) - 1; i >= 0; i-- {
		e := a.messages[i]
		head := e.at.Format("15:04:05") + "  "
		body := ansi.Wrap(e.text, max(w-len(head), 10), "")
		style := st.Muted
		switch e.kind {
		case ToastError:
			style = st.Error
		case ToastSuccess:
			style = st.Success
		case ToastWarning:
			style = st.Warning
		}
		for j, l := range strings.Split(body, "\n") {
			prefix := strings.Repeat(" ", len(head))
			if j == 0 {
				prefix = st.Muted.Render(head)
			}
			lines = append(lines, prefix+style.Render(l))
		}
	}
	return lines
}

// messagesView is the `!` overlay.
func (a *App) messagesView() string {
	w, h := a.contentSize()
	return a.scrollView(a.messageLines(w), h, a.logOffset)
}

// messagesKey handles a key while the message log is open.
func (a *App) messagesKey(msg tea.KeyMsg) tea.Cmd {
	w, h := a.contentSize()
	var closed bool
	a.logOffset, closed = a.scrollKey(msg, a.logOffset, len(a.messageLines(w)), h)
	a.showLog = !closed
	return nil
}
