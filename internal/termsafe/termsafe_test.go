package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStringReplacesEveryUnsafeCharacter(t *testing.T) {
	cases := map[string]string{
		"db01\x1b]0;TITLE\x07\x1b[2J": "db01�]0;TITLE��[2J",
		"a\u009b31mb":                 "a�31mb",
		"tab\there\nnl\rcr\x7f":       "tab�here�nl�cr�",
		"\u202eevil\u2066x\u200e":     "�evil�x�",
		"bad\xffutf8":                 "bad�utf8",
		"plain Café 日本 ✓":             "plain Café 日本 ✓",
	}
	for in, want := range cases {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}

type flex string

type inner struct {
	Name  flex
	Tags  []string
	Attrs map[string]string
}

type outer struct {
	Host     string
	Password string `termsafe:"raw"`
	In       *inner
	List     []inner
	Raw      []byte
	hidden   string
}

func TestValueWalksWireTypes(t *testing.T) {
	evil := "x\x1b[2J"
	v := outer{Host: evil, Password: evil, In: &inner{Name: flex(evil), Tags: []string{evil}, Attrs: map[string]string{"k": evil}},
		List: []inner{{Name: flex(evil)}}, Raw: []byte(evil), hidden: evil}
	Value(&v)
	for name, s := range map[string]string{"Host": v.Host, "In.Name": string(v.In.Name), "In.Tags": v.In.Tags[0],
		"In.Attrs": v.In.Attrs["k"], "List.Name": string(v.List[0].Name)} {
		if s != "x�[2J" {
			t.Errorf("%s = %q, not made safe", name, s)
		}
	}
	if v.Password != evil || string(v.Raw) != evil || v.hidden != evil {
		t.Errorf("raw, []byte or unexported fields were changed: %q %q %q", v.Password, v.Raw, v.hidden)
	}
}

// FuzzString: the output has no unsafe character and no escape sequence
// introducer, is valid UTF-8, is a fixed point, and keeps safe input as is.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "db01\x1b]0;T\x07", "\u009b2J", "\u202eabc", "Café", "\xff\xfe", "a\tb\nc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) is not valid UTF-8: %q", s, out)
		}
		for _, r := range out {
			if Unsafe(r) {
				t.Fatalf("String(%q) = %q keeps %U", s, out, r)
			}
		}
		if strings.ContainsAny(out, "\x1b\u009b\u009d\x07") {
			t.Fatalf("String(%q) = %q keeps an escape introducer", s, out)
		}
		if String(out) != out {
			t.Fatalf("String is not idempotent on %q", s)
		}
		if safe(s) && out != s {
			t.Fatalf("safe input %q changed to %q", s, out)
		}
		if utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Fatalf("String(%q) changed the number of characters: %q", s, out)
		}
	})
}
