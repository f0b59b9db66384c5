package server_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// Issue 17 §4: an echoed long value was cut at a byte offset (splitting a
// character) and the ellipsis arrived as the text `\u2026`.
func TestErrorMessagesCutOnCharacters(t *testing.T) {
	env := testserver.Start(t)
	long := "a" + strings.Repeat("é", 60)
	for name, in := range map[string]client.ClientCredentialInput{
		"valid_till": {Name: "x", ValidFrom: "2026-01-01", ValidTill: long},
		"scopes":     {Name: "x", ValidFrom: "2026-01-01", ValidTill: "2026-12-31", Scopes: []string{long}},
	} {
		_, err := env.Client.ClientCredentials.Create(bg, in)
		if err == nil {
			t.Fatalf("%s: accepted %q", name, long)
		}
		msg := err.Error()
		if !utf8.ValidString(msg) || strings.Contains(msg, `\u`) || strings.Contains(msg, `\x`) || !strings.Contains(msg, "é…") {
			t.Errorf("%s: message is not cut on a character with a real ellipsis: %q", name, msg)
		}
	}
}
