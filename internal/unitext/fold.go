package unitext

import (
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mtibben/confusables"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Fold returns the form two strings are compared in when the contract says
// case-insensitive (uniqueness of device hostnames, every search=): NFKC
// then Unicode full case folding, so "ÄRGER", "Ärger" and "ärger", "ﬁle"
// and "FILE" fold alike, which SQLite's ASCII-only NOCASE and LIKE do not.
// Uniqueness and search both call it, so they agree.
func Fold(s string) string {
	if isASCII(s) {
		return asciiLower(s)
	}
	return cases.Fold().String(norm.NFKC.String(s))
}

// ContainsFold reports whether folded (already Fold-ed) occurs in Fold(s).
// ASCII text is searched in place, without building its folded copy (a
// search runs this for every column of every row).
func ContainsFold(s, folded string) bool {
	if isASCII(s) && isASCII(folded) {
		return containsASCIILower(s, folded)
	}
	return strings.Contains(Fold(s), folded)
}

// containsASCIILower reports whether lower (lower-case ASCII) occurs in s
// compared ASCII case-insensitively.
func containsASCIILower(s, lower string) bool {
	n := len(lower)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[j] {
				break
			}
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

// Normalize is how a name is stored: NFKC (fullwidth letters, NBSP and the
// like become their plain forms; NFD "Café" becomes NFC) and trimmed.
func Normalize(s string) string { return strings.TrimSpace(norm.NFKC.String(s)) }

// Key is the uniqueness key of a name or hostname: the Unicode TR 39
// confusable skeleton of its folded form (golang.org/x/text for NFKC and
// case folding, github.com/mtibben/confusables for the Unicode
// confusables.txt table). Two names with one key look alike: "Default"
// with a Cyrillic "е" and the Latin one, "Defau1t" and "Default".
func Key(s string) string {
	// Fold first: the skeleton maps a capital I to l, so unfolded,
	// "CLIENT" would not meet "Client". Fold again what the skeleton made.
	return Fold(confusables.Skeleton(Fold(strings.TrimSpace(s))))
}

// FormatChar returns the first character of Unicode category Cf (format:
// zero-width space and joiners, soft hyphen, BOM, bidi overrides and
// isolates) in s, if any. Such characters are invisible, so two names that
// differ only by one look the same.
func FormatChar(s string) (rune, bool) {
	for _, r := range s {
		if unicode.Is(unicode.Cf, r) {
			return r, true
		}
	}
	return 0, false
}

// ControlChar returns the first C0 or C1 control character or DEL in s, if
// any: none belongs in a stored text field (a terminal obeys them).
func ControlChar(s string) (rune, bool) {
	for _, r := range s {
		if IsControl(r) {
			return r, true
		}
	}
	return 0, false
}

// IsControl reports C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F).
func IsControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// ValidHost reports whether s is an IPv4 or IPv6 address or a DNS host name
// (RFC 1123: dot-separated labels of letters, digits and inner hyphens, each
// 1–63 long, 253 in all, the last not all digits, so "300.1.2.3" is neither
// an address nor a name). Real senhasegura data holds host names in
// management_ip (seed 003: "mail.google.com").
func ValidHost(s string) bool {
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	if s == "" || len(s) > 253 {
		return false
	}
	labels := strings.Split(strings.TrimSuffix(s, "."), ".")
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	last := labels[len(labels)-1]
	return strings.Trim(last, "0123456789") != ""
}
