// Package termsafe is the one terminal-safety function: every string that
// came from outside (a PAM server's JSON, the config file, an SSH client's
// environment) passes it before any view, so a hostname such as
// "db01\x1b]0;TITLE\x07\x1b[2J" cannot retitle, clear or recolour the
// user's terminal or write their clipboard (OSC 52).
//
// The client applies Value to every answer it decodes (client.do, the
// credential stream, token claims, error bodies), so screens receive safe
// strings and a new screen cannot forget it; fields tagged
// `termsafe:"raw"` (passwords, secrets, private keys, protected content)
// are left as sent and must be shown only through String.
package termsafe

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// Marker replaces each unsafe character: visible, one cell wide, and the
// same the table widget has always shown for control characters.
const Marker = "\uFFFD"

// Unsafe reports the characters String replaces: C0 controls (ESC, BEL,
// newline, tab …), DEL, C1 controls (U+0080–U+009F, among them the 8-bit
// CSI and OSC introducers) and the bidirectional controls (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069) that reorder what a line shows.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// String returns s with every Unsafe character (and every invalid UTF-8
// byte) replaced by Marker. Safe strings are returned as they are, without
// allocating.
func String(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if r == utf8.RuneError || Unsafe(r) {
			b.WriteString(Marker)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// safe reports whether String would return s unchanged.
func safe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || Unsafe(r) {
			return false
		}
		i += n
	}
	return true
}

// Value makes every string reachable from v (a pointer) safe in place:
// fields, pointers, slices, arrays and map values, of any string kind
// (client.FlexString too). A struct field tagged `termsafe:"raw"` is
// skipped. Unexported fields and interfaces are left alone.
func Value(v any) {
	walk(reflect.ValueOf(v), 0)
}

const maxDepth = 32 // wire types nest a few levels; a cycle must not recurse forever

func walk(v reflect.Value, depth int) {
	if depth > maxDepth || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem(), depth+1)
		}
	case reflect.String:
		if v.CanSet() {
			if s := v.String(); !safe(s) {
				v.SetString(String(s))
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("termsafe") == "raw" {
				continue
			}
			walk(v.Field(i), depth+1)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 { // []byte and json.RawMessage: not text
			return
		}
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), depth+1)
		}
	case reflect.Map:
		walkMap(v, depth)
	}
}

// walkMap replaces unsafe string values (map elements cannot be set in place).
func walkMap(v reflect.Value, depth int) {
	if v.IsNil() {
		return
	}
	for _, k := range v.MapKeys() {
		e := v.MapIndex(k)
		c := reflect.New(e.Type()).Elem()
		c.Set(e)
		walk(c, depth+1)
		v.SetMapIndex(k, c)
	}
}
