package unitext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCutKeepsCharactersWhole(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"ÄÄÄÄÄ", 3, "ÄÄÄ…"},
		{"日本語テキスト", 2, "日本…"},
		{"ab\xffcd", 10, "ab\uFFFDcd"},
		{strings.Repeat("é", 50), 40, strings.Repeat("é", 40) + "…"},
	}
	for _, tc := range cases {
		got := Cut(tc.in, tc.n)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
