package ui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// UTF8Locale reports whether the locale in getenv (LC_ALL, else LC_CTYPE,
// else LANG — POSIX's order) uses UTF-8. An unset locale counts as UTF-8:
// SSH clients often send none while their terminals are UTF-8; an explicit
// C, POSIX or other charset (LANG=C, en_US.ISO-8859-1) does not.
func UTF8Locale(getenv func(string) string) bool {
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		cs := strings.ToLower(v)
		if _, after, ok := strings.Cut(cs, "."); ok {
			cs = after
		}
		cs, _, _ = strings.Cut(cs, "@")
		return cs == "utf-8" || cs == "utf8"
	}
	return true
}

// asciiGlyphs are the console's own symbols with a same-width ASCII stand-in.
var asciiGlyphs = map[rune]string{
	'…': "~", '•': "*", '·': ".", '—': "-", '–': "-", '−': "-", '“': `"`, '”': `"`,
	'‘': "'", '’': "'", '→': ">", '←': "<", '↑': "^", '↓': "v", '›': ">", '‹': "<",
	'✓': "v", '✗': "x", '×': "x", '≥': ">", '≤': "<", '│': "|", '─': "-", '╭': "+",
	'╮': "+", '╰': "+", '╯': "+", '┌': "+", '┐': "+", '└': "+", '┘': "+", '⠋': "-",
	'🔒': "[]",
}

// ASCIIFallback rewrites a frame for a terminal whose locale is not UTF-8:
// the console's symbols become ASCII of the same width, any other non-ASCII
// character one '?' per cell, and escape sequences (the console's styling)
// pass unchanged, so the layout stays as drawn.
func ASCIIFallback(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n := escLen(s[i:])
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if g, ok := asciiGlyphs[r]; ok {
			b.WriteString(g)
			continue
		}
		b.WriteString(strings.Repeat("?", ansi.StringWidth(string(r))))
	}
	return b.String()
}

// escLen is the length of the escape sequence at the start of s: CSI up to
// its final byte, OSC/DCS up to BEL or ST, else ESC and one byte.
func escLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return 2
}
