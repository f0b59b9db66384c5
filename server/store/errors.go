package store

import (
	"errors"
	"fmt"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// Kind classifies a domain error; server/errors.go maps each kind to an
// HTTP status and seed error code in one place.
type Kind int

// The kinds of domain error.
const (
	KindInvalid   Kind = iota + 1 // bad input: 400
	KindNotFound                  // 404 (PAM Core: 400 with its code)
	KindConflict                  // duplicate or stale version: 409
	KindProtected                 // refused by a rule (protected key, self-delete): 409
	KindForbidden                 // the caller may not (would hand out a scope it lacks): 403
)

// Error is a domain error. Field names the input field at fault, Code the
// seed error code (PAM Core), Msg a message safe to show a user.
type Error struct {
	Kind  Kind
	Field string
	Code  pamcode.Code
	Msg   string
}

func (e *Error) Error() string {
	switch {
	case e.Code != 0:
		return fmt.Sprintf("%d: %s", e.Code, e.Msg)
	case e.Field != "":
		return e.Field + ": " + e.Msg
	}
	return e.Msg
}

// Invalid is a KindInvalid error on field.
func Invalid(field, msg string) *Error { return &Error{Kind: KindInvalid, Field: field, Msg: msg} }

// NotFound is a KindNotFound error.
func NotFound(msg string) *Error { return &Error{Kind: KindNotFound, Msg: msg} }

// Conflict is a KindConflict error on field (may be empty).
func Conflict(field, msg string) *Error { return &Error{Kind: KindConflict, Field: field, Msg: msg} }

// Protected is a KindProtected error.
func Protected(msg string) *Error { return &Error{Kind: KindProtected, Msg: msg} }

// Forbidden is a KindForbidden error on field (may be empty).
func Forbidden(field, msg string) *Error { return &Error{Kind: KindForbidden, Field: field, Msg: msg} }

// WithCode sets the seed error code and returns e.
func (e *Error) WithCode(code pamcode.Code) *Error { e.Code = code; return e }

// IsKind reports whether err is a store *Error of kind k.
func IsKind(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}
