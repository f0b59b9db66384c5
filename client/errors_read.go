package client

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/pamconsole/pamconsole/client/pamcode"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// errorBody is every error shape the servers send, decoded at once.
type errorBody struct {
	// RFC 6749 §5.2; "message" as the vendor's token endpoint clients read it
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
	Message          string          `json:"message"`
	// DRF
	Detail string              `json:"detail"`
	Errors map[string][]string `json:"errors"`
	// PAM Core
	Response  *Envelope  `json:"response"`
	Exception *Exception `json:"exception"`
}

// readAPIError decodes an error answer of any API family.
func readAPIError(resp *http.Response) *APIError {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	e := &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id"), Response: resp}
	var body errorBody
	if json.Unmarshal(raw, &body) != nil {
		e.Message = strings.TrimSpace(string(raw))
		if len(e.Message) > 200 || strings.ContainsAny(e.Message, "<>") {
			e.Message = http.StatusText(resp.StatusCode)
		}
		return e.safe()
	}
	var oauth string
	if json.Unmarshal(body.Error, &oauth) == nil && oauth != "" {
		e.OAuth = oauth
	}
	e.Message = firstText(body.ErrorDescription, body.Detail, body.Message)
	e.Fields = body.Errors
	if body.Response != nil || body.Exception != nil {
		e.PAMCode, e.Message = pamError(body.Response, body.Exception, e.Message)
	}
	return e.safe()
}

// pamEnvelopeError reports a PAM Core answer whose envelope says error
// even though the status is 2xx (a real server does that at times).
func pamEnvelopeError(resp *http.Response, raw []byte) *APIError {
	var r PAMReply
	if json.Unmarshal(raw, &r) != nil || !(r.Response.Error || r.Response.Erro) {
		return nil
	}
	e := &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id"), Response: resp}
	e.PAMCode, e.Message = pamError(&r.Response, r.Exception, "")
	return e.safe()
}

// envelopeError is the error of a PAM Core envelope read on its own (a
// streamed list whose envelope comes after the items).
func envelopeError(env Envelope) *APIError {
	e := &APIError{StatusCode: env.Status}
	e.PAMCode, e.Message = pamError(&env, nil, "")
	return e.safe()
}

// pamError reads the code and message of a PAM Core error wherever the
// vendor puts them (PAMCORE-VENDOR.md §1.2): the 10xx code in
// exception.code (error_code/cod_erro are only 1 there), in error_code on
// older servers, or only in front of the message ("1017:Key inactive"). An
// exception.code of 500 is not a PAM Core code: the message then is the
// envelope's ("Unexpected error").
func pamError(env *Envelope, exc *Exception, fallback string) (pamcode.Code, string) {
	var msg string
	var code pamcode.Code
	if env != nil {
		msg = firstText(env.Message, env.Mensagem)
		for _, c := range []int{env.ErrorCode, env.CodErro} {
			if pamcode.Code(c).Valid() && code == 0 {
				code = pamcode.Code(c)
			}
		}
	}
	if exc != nil && pamcode.Code(exc.Code).Valid() {
		code = pamcode.Code(exc.Code)
		msg = firstText(exc.Message, msg)
	}
	msg = firstText(msg, fallback)
	if exc != nil && msg == "" {
		msg = exc.Message
	}
	if code == 0 {
		code = pamcode.Prefix(msg)
	}
	return code, msg
}

func firstText(texts ...string) string {
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			return t
		}
	}
	return ""
}

// safe makes the server's words terminal-safe (termsafe.String): an error
// body is server data like any other and reaches toasts and dialogs.
func (e *APIError) safe() *APIError {
	e.Message, e.OAuth, e.RequestID = termsafe.String(e.Message), termsafe.String(e.OAuth), termsafe.String(e.RequestID)
	termsafe.Value(&e.Fields)
	return e
}
