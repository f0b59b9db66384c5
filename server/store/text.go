package store

import (
	"fmt"
	"unicode/utf8"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// CheckName checks a name-like value (a client credential's name, a device
// hostname, a username) the caller has normalised with unitext.Normalize:
// required, at most max characters, no control characters, and no format
// characters (Unicode Cf: zero-width space, soft hyphen, BOM, bidi
// overrides), which make two different names look the same.
func CheckName(field, v string, max int) error {
	switch {
	case v == "":
		return Invalid(field, "is required")
	case utf8.RuneCountInString(v) > max:
		return Invalid(field, fmt.Sprintf("must be at most %d characters", max))
	}
	return checkChars(field, v, true)
}

// checkChars refuses control characters (C0, DEL, C1: a terminal obeys
// them) in any stored text, and with names also format characters.
func checkChars(field, v string, name bool) error {
	if r, ok := unitext.ControlChar(v); ok {
		return Invalid(field, fmt.Sprintf("must not contain control characters (found %U)", r))
	}
	if r, ok := unitext.FormatChar(v); ok && name {
		return Invalid(field, fmt.Sprintf("must not contain invisible formatting characters (found %U)", r))
	}
	return nil
}

// checkIP accepts an IPv4/IPv6 address or a DNS host name (unitext.ValidHost).
func checkIP(v string) error {
	if len(v) > maxRefLen || !unitext.ValidHost(v) {
		return Invalid("ip", "must be an IPv4 or IPv6 address or a host name")
	}
	return nil
}
