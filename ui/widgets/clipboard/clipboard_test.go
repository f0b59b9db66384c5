package clipboard

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/ui"
)

func toastOf(t *testing.T, c *ui.Common, what, text string) ui.ToastMsg {
	t.Helper()
	msg, ok := Copy(c, what, text)().(ui.ToastMsg)
	if !ok {
		t.Fatal("Copy did not return a toast")
	}
	return msg
}

func TestCopyWritesOSC52(t *testing.T) {
	var out bytes.Buffer
	c := &ui.Common{Clipboard: &out}
	msg := toastOf(t, c, "client id", "cc_abc")
	if got, want := out.String(), "\x1b]52;c;Y2NfYWJj\x07"; got != want {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	if msg.Kind != ui.ToastSuccess || !strings.Contains(msg.Text, "OSC 52") {
		t.Fatalf("toast %+v", msg)
	}
}

func TestCopyIsHonestWhenItCannot(t *testing.T) {
	if msg := toastOf(t, &ui.Common{}, "client id", "x"); msg.Kind != ui.ToastError || !strings.Contains(msg.Text, "unavailable") {
		t.Fatalf("no clipboard: %+v", msg)
	}
	if msg := toastOf(t, &ui.Common{Clipboard: failingWriter{}}, "password", "x"); msg.Kind != ui.ToastError {
		t.Fatalf("failed write: %+v", msg)
	}
	var out bytes.Buffer
	msg := toastOf(t, &ui.Common{Clipboard: &out, Presentation: true}, "client secret", "CANARY")
	if out.Len() != 0 || !strings.Contains(msg.Text, "presentation") {
		t.Fatalf("presentation mode copied: %q %+v", out.String(), msg)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }
