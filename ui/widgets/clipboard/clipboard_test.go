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

// Inside tmux or GNU screen the sequence is wrapped so the multiplexer
// passes it to the outer terminal (go-osc52's passthrough).
func TestCopyPassesThroughMultiplexers(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	cases := []struct {
		name string
		env  func(string) string
		want Multiplexer
	}{
		{"plain xterm", env("TERM", "xterm-256color"), NoMultiplexer},
		{"tmux by TMUX", env("TERM", "screen-256color", "TMUX", "/tmp/tmux-1000/default,1,0"), Tmux},
		{"tmux by TERM (over SSH)", env("TERM", "tmux-256color"), Tmux},
		{"screen by STY", env("TERM", "screen", "STY", "1234.pts-0.host"), Screen},
		{"bare screen TERM", env("TERM", "screen"), NoMultiplexer},
	}
	for _, c := range cases {
		if got := For(nil, c.env).Mux; got != c.want {
			t.Errorf("%s: multiplexer %d, want %d", c.name, got, c.want)
		}
	}
	var out bytes.Buffer
	toastOf(t, &ui.Common{Clipboard: Terminal{Writer: &out, Mux: Tmux}}, "client id", "cc_abc")
	if got, want := out.String(), "\x1bPtmux;\x1b\x1b]52;c;Y2NfYWJj\x07\x1b\\"; got != want {
		t.Fatalf("tmux: wrote %q, want %q", got, want)
	}
	out.Reset()
	long := strings.Repeat("s", 120) // 160 base64 bytes: three 76-byte chunks for screen
	toastOf(t, &ui.Common{Clipboard: Terminal{Writer: &out, Mux: Screen}}, "password", long)
	if got := out.String(); !strings.HasPrefix(got, "\x1bP\x1b]52;c;") || strings.Count(got, "\x1b\\\x1bP") != 2 || !strings.HasSuffix(got, "\x07\x1b\\") {
		t.Fatalf("screen: wrote %q", got)
	}
}
