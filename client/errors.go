package client

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// APIError is an error answered by the server, in any API family: the PAM
// Core envelope, DRF style or RFC 6749. It keeps the response (body already
// read and closed) and never holds a secret: request bodies are not part of
// it. Screens use its methods (Code, Summary, IsNotFound, …) rather than
// parsing Error().
type APIError struct {
	StatusCode int
	PAMCode    pamcode.Code        // PAM Core 10xx code, wherever the server put it (exception.code, error_code, the message)
	Message    string              // the server's message
	Fields     map[string][]string // DRF field errors of a 400
	OAuth      string              // RFC 6749 error, e.g. "invalid_client"
	RequestID  string              // X-Request-Id
	Response   *http.Response
}

// Error is "<status> [<oauth error>] <summary>", e.g.
// "400 1007: Credential not found".
func (e *APIError) Error() string {
	s := strconv.Itoa(e.StatusCode)
	if e.OAuth != "" {
		s += " " + e.OAuth
	}
	return s + " " + e.Summary()
}

// Code is the PAM Core error code (0 when the answer carried none).
func (e *APIError) Code() pamcode.Code { return e.PAMCode }

// Summary is the one-line text for a user (a toast, a form's general
// line): the field errors, else the message with its PAM Core code in
// front, else the HTTP status text; a server error names its request id so
// an admin can find it in the log. It never contains a secret.
func (e *APIError) Summary() string {
	msg := e.Message
	switch {
	case len(e.Fields) > 0:
		msg = e.fieldSummary()
	case msg == "":
		msg = http.StatusText(e.StatusCode)
	case e.PAMCode != 0 && pamcode.Prefix(msg) != e.PAMCode:
		msg = e.PAMCode.String() + ": " + msg
	}
	if e.StatusCode >= 500 && e.RequestID != "" && !strings.Contains(msg, e.RequestID) {
		msg += " (request " + e.RequestID + ")"
	}
	return strings.Join(strings.Fields(msg), " ")
}

func (e *APIError) fieldSummary() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+strings.Join(e.Fields[k], " "))
	}
	return strings.Join(parts, "; ")
}

// Field returns the server's message for field, or "".
func (e *APIError) Field(name string) string {
	return strings.Join(e.Fields[name], " ")
}

// IsNotFound reports a 404, or a PAM Core "not found" (a 400 with 1007,
// 1011, 1015 or 1023).
func (e *APIError) IsNotFound() bool {
	return e.StatusCode == http.StatusNotFound || e.PAMCode.NotFound()
}

// IsConflict reports a 409 (a stale version, a protected credential).
func (e *APIError) IsConflict() bool { return e.StatusCode == http.StatusConflict }

// IsForbidden reports a missing scope: a 403, or PAM Core's 1039 (a 400).
func (e *APIError) IsForbidden() bool {
	return e.StatusCode == http.StatusForbidden || e.PAMCode == pamcode.Forbidden
}

// IsUnauthorized reports a 401 (bad credentials or token).
func (e *APIError) IsUnauthorized() bool { return e.StatusCode == http.StatusUnauthorized }

// AsAPIError returns the *APIError in err's chain.
func AsAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports whether err is an *APIError that IsNotFound.
func IsNotFound(err error) bool {
	e, ok := AsAPIError(err)
	return ok && e.IsNotFound()
}

// IsConflict reports whether err is an *APIError that IsConflict.
func IsConflict(err error) bool {
	e, ok := AsAPIError(err)
	return ok && e.IsConflict()
}

// IsForbidden reports whether err is an *APIError that IsForbidden.
func IsForbidden(err error) bool {
	e, ok := AsAPIError(err)
	return ok && e.IsForbidden()
}

// IsUnauthorized reports whether err is an *APIError that IsUnauthorized.
func IsUnauthorized(err error) bool {
	e, ok := AsAPIError(err)
	return ok && e.IsUnauthorized()
}

// Summary is the one-line user text of err: APIError.Summary for a server
// answer, else err.Error(); "" for nil.
func Summary(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := AsAPIError(err); ok {
		return e.Summary()
	}
	return err.Error()
}
