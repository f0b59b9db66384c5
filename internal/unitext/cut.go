// Package unitext holds the project's Unicode text rules in one place, for
// the server's validation and store as well as the client and config: cut a
// value for a message on character boundaries, fold case for
// case-insensitive comparison and search, and the NFKC + confusable skeleton
// key that keeps two names from looking alike (Unicode TR 39).
package unitext

import (
	"unicode/utf8"
)

// Ellipsis ends a value Cut shortened.
const Ellipsis = "…"

// Cut returns s unchanged when it has at most n characters (runes), else
// its first n characters and an ellipsis. It never splits a UTF-8 sequence,
// and invalid bytes in s come out as U+FFFD, so the result is valid UTF-8.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n && utf8.ValidString(s) {
		return s
	}
	out := make([]rune, 0, n)
	for _, r := range s {
		if len(out) == n {
			return string(out) + Ellipsis
		}
		out = append(out, r)
	}
	return string(out)
}
