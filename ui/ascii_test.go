package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestUTF8Locale(t *testing.T) {
	cases := []struct {
		env  []string
		want bool
	}{
		{nil, true},
		{[]string{"LANG=C"}, false},
		{[]string{"LANG=POSIX"}, false},
		{[]string{"LANG=en_US.UTF-8"}, true},
		{[]string{"LANG=de_DE.utf8@euro"}, true},
		{[]string{"LANG=en_US.UTF-8", "LC_ALL=C"}, false},
		{[]string{"LANG=C", "LC_CTYPE=pt_BR.UTF-8"}, true},
		{[]string{"LANG=en_US.ISO-8859-1"}, false},
	}
	for _, c := range cases {
		if got := UTF8Locale(lookup(c.env)); got != c.want {
			t.Errorf("%v: got %v", c.env, got)
		}
	}
}

// The fallback keeps every line's width and the styling escapes.
func TestASCIIFallbackKeepsWidthAndStyles(t *testing.T) {
	in := "\x1b[1m🔒 Default…\x1b[0m • Café ✓ “x” 名"
	out := ASCIIFallback(in)
	if ansi.StringWidth(out) != ansi.StringWidth(in) {
		t.Fatalf("width %d → %d: %q", ansi.StringWidth(in), ansi.StringWidth(out), out)
	}
	if !strings.HasPrefix(out, "\x1b[1m[] Default~\x1b[0m") {
		t.Fatalf("got %q", out)
	}
	for _, r := range ansi.Strip(out) {
		if r > 0x7e {
			t.Fatalf("non-ASCII %q left in %q", r, out)
		}
	}
}

func FuzzASCIIFallback(f *testing.F) {
	f.Add("\x1b[1m🔒 Default…\x1b[0m • Café")
	f.Add("\x1b]8;;http://x\x07link\x1b]8;;\x07")
	f.Fuzz(func(t *testing.T, s string) {
		out := ASCIIFallback(s)
		for _, r := range ansi.Strip(out) {
			if r > 0x7f {
				t.Fatalf("non-ASCII %q in %q", r, out)
			}
		}
	})
}

// Under a non-UTF-8 locale the whole frame is ASCII (LANG=C).
func TestASCIIFrame(t *testing.T) {
	app, _ := newTestApp(t)
	app.c.ASCII = true
	app.Update(ToastMsg{Text: "Deleted “Grafana exporter” • 🔒 …"})
	for _, r := range ansi.Strip(app.View()) {
		if r > 0x7e && r != '\n' {
			t.Fatalf("non-ASCII %q in the frame:\n%s", r, app.View())
		}
	}
}

// lookup is a getenv over a "K=V" list (the last one wins).
func lookup(env []string) func(string) string {
	return func(k string) string {
		v := ""
		for _, kv := range env {
			if name, val, ok := strings.Cut(kv, "="); ok && name == k {
				v = val
			}
		}
		return v
	}
}
