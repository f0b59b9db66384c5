package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// An error toast does not expire on a timer; the next key clears it, and
// the log still holds it.
func TestErrorToastStaysUntilTheNextKey(t *testing.T) {
	app, _ := newTestApp(t)
	cmd := app.showToast(ToastMsg{Kind: ToastError, Text: "1039: Access denied"})
	if cmd != nil {
		t.Fatal("an error toast schedules its own expiry")
	}
	app.Update(toastExpiredMsg{id: app.toastID})
	if !strings.Contains(app.View(), "1039: Access denied") {
		t.Fatal("the error vanished without a key")
	}
	app.Update(keyMsg("j"))
	if strings.Contains(app.View(), "1039") {
		t.Fatal("the error stayed after the next key")
	}
	if len(app.messages) != 1 {
		t.Fatalf("log has %d messages", len(app.messages))
	}
}

func TestInfoToastExpires(t *testing.T) {
	app, _ := newTestApp(t)
	if app.showToast(ToastMsg{Kind: ToastSuccess, Text: "Saved"}) == nil {
		t.Fatal("a success toast does not expire")
	}
	app.Update(toastExpiredMsg{id: app.toastID})
	if strings.Contains(app.View(), "Saved") {
		t.Fatal("expired toast still shown")
	}
}

// A toast that does not fit says where to read it, and `!` shows every
// message whole with its time, newest first, wrapped to the width.
func TestMessageLogShowsEveryMessageWhole(t *testing.T) {
	app, _ := newTestApp(t)
	long := "409: the client credential “Grafana exporter” was changed by someone else since you opened it; reload with ctrl+r and edit again END"
	app.Update(ToastMsg{Kind: ToastInfo, Text: "first message"})
	app.c.Now = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 7, 0, time.UTC) }
	app.Update(ToastMsg{Kind: ToastError, Text: long})
	bar := ansi.Strip(app.statusBar())
	if !strings.Contains(bar, "! reads all") || ansi.StringWidth(bar) > 80 {
		t.Fatalf("cut toast without a hint: %q", bar)
	}
	app.Update(keyMsg("!"))
	v := ansi.Strip(app.View())
	if !strings.Contains(v, "12:00:07") || !strings.Contains(v, "END") || !strings.Contains(v, "first message") {
		t.Fatalf("log:\n%s", v)
	}
	if strings.Index(v, "END") > strings.Index(v, "first message") {
		t.Fatal("log is not newest first")
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("log line wider than the screen: %q", l)
		}
	}
	app.Update(keyMsg("esc"))
	if app.showLog {
		t.Fatal("esc did not close the log")
	}
}

// The log is bounded.
func TestMessageLogIsBounded(t *testing.T) {
	app, _ := newTestApp(t)
	for range maxMessages + 50 {
		app.Update(ToastMsg{Kind: ToastInfo, Text: "x"})
	}
	if len(app.messages) != maxMessages {
		t.Fatalf("log holds %d", len(app.messages))
	}
}

var _ tea.Model = (*App)(nil)
