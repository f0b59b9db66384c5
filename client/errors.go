package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
)

// APIError is an error answered by the server. It keeps the response
// (body already read and closed) and never holds a secret: request bodies
// are not part of it.
type APIError struct {
	StatusCode int
	Code       int                 // seed error code: PAM Core exception.code / response.error_code
	Message    string              // the server's message
	Fields     map[string][]string // DRF field errors of a 400
	OAuth      string              // RFC 6749 error, e.g. "invalid_client"
	RequestID  string              // X-Request-Id
	Response   *http.Response
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", e.StatusCode)
	if e.OAuth != "" {
		b.WriteString(" " + e.OAuth)
	}
	msg := e.Message
	if e.Code != 0 && !strings.HasPrefix(msg, fmt.Sprint(e.Code)) {
		msg = fmt.Sprintf("%d: %s", e.Code, msg)
	}
	if len(e.Fields) > 0 {
		msg = e.fieldSummary()
	}
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	b.WriteString(" " + msg)
	return b.String()
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

// readAPIError decodes an error answer of any API family.
func readAPIError(resp *http.Response) *APIError {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	e := &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id"), Response: resp}
	var body struct {
		// RFC 6749
		Error            json.RawMessage `json:"error"`
		ErrorDescription string          `json:"error_description"`
		// DRF
		Detail string              `json:"detail"`
		Errors map[string][]string `json:"errors"`
		// PAM Core
		Response  *Envelope  `json:"response"`
		Exception *Exception `json:"exception"`
	}
	if json.Unmarshal(raw, &body) != nil {
		e.Message = strings.TrimSpace(string(raw))
		if len(e.Message) > 200 || strings.ContainsAny(e.Message, "<>") {
			e.Message = http.StatusText(resp.StatusCode)
		}
		return e
	}
	var oauth string
	if json.Unmarshal(body.Error, &oauth) == nil && oauth != "" {
		e.OAuth, e.Message = oauth, body.ErrorDescription
	}
	if body.Detail != "" {
		e.Message = body.Detail
	}
	e.Fields = body.Errors
	if body.Response != nil {
		e.Message, e.Code = body.Response.Message, firstNonZero(body.Response.ErrorCode, body.Response.CodErro)
		if e.Message == "" {
			e.Message = body.Response.Mensagem
		}
	}
	if body.Exception != nil {
		e.Code = body.Exception.Code
		if body.Exception.Message != "" {
			e.Message = body.Exception.Message
		}
	}
	return e
}

// pamEnvelopeError reports a PAM Core answer whose envelope says error
// even though the status is 2xx (a real server does that at times).
func pamEnvelopeError(resp *http.Response, raw []byte) *APIError {
	var r PAMReply
	if json.Unmarshal(raw, &r) != nil || !(r.Response.Error || r.Response.Erro) {
		return nil
	}
	e := &APIError{StatusCode: resp.StatusCode, Message: r.Response.Message, Code: firstNonZero(r.Response.ErrorCode, r.Response.CodErro), Response: resp}
	if r.Exception != nil {
		e.Code, e.Message = r.Exception.Code, r.Exception.Message
	}
	return e
}

func firstNonZero(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

func asAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

// IsNotFound reports a 404, or a PAM Core "not found" (400 with 1007 or 1011).
func IsNotFound(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.StatusCode == http.StatusNotFound || e.Code == 1007 || e.Code == 1011)
}

// IsConflict reports a 409.
func IsConflict(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.StatusCode == http.StatusConflict
}

// IsForbidden reports a 403 (missing scope).
func IsForbidden(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.StatusCode == http.StatusForbidden
}

// IsUnauthorized reports a 401 (bad credentials or token).
func IsUnauthorized(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.StatusCode == http.StatusUnauthorized
}
