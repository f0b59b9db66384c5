package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/server/store"
)

// The one error table: every error answer of the server — handlers, auth,
// middleware (body limit, recover, path checks), the mux's 404/405 and the
// token rate limit — is a problem, and writeProblem is the only code that
// turns a problem into a body, in the envelope of the request's API family.

// family is the API family a request belongs to; each answers errors in its
// own envelope.
type family int

const (
	familyDRF   family = iota // /pam/apps/...: {"detail","errors"}
	familyPAM                 // /api/pam, /iso/pam: seed envelope + exception
	familyOAuth               // token endpoints: RFC 6749 §5.2
)

// tokenPaths are the token endpoints (API.md §1): RFC 6749 errors.
var tokenPaths = map[string]bool{
	"/iso/oauth2/token": true, "/api/oauth2/token": true,
	"/pam/apps/autheticate/oauth/token-generation/":  true, // the seed's spelling
	"/pam/apps/authenticate/oauth/token-generation/": true,
}

// familyOf is the family of a request path; leading doubled slashes
// ("//iso/pam/…", tolerated by API.md §4) do not change it.
func familyOf(path string) family {
	path = "/" + strings.TrimLeft(path, "/")
	switch {
	case isPAMPath(path):
		return familyPAM
	case tokenPaths[path]:
		return familyOAuth
	}
	return familyDRF
}

func isPAMPath(p string) bool {
	return strings.HasPrefix(p, "/api/pam") || strings.HasPrefix(p, "/iso/pam")
}

// problem is what an error answer says, whatever its family.
type problem struct {
	status    int
	code      pamcode.Code // PAM Core code (exception.code); 0 = none
	field     string       // the input field at fault (DRF "errors")
	oauth     string       // RFC 6749 error; "" = derived from status
	msg       string       // safe to show a user; never a secret
	requestID string       // named in 500 answers
}

// PAM Core's answer to an unexpected error (PAMCORE-VENDOR.md §1.2).
const (
	pamUnexpected       = "Unexpected error"
	pamUnexpectedDetail = "Check the index log system error for more details"
)

// problemOf maps a domain error to its problem in fam: the status table.
// Anything that is not a store error or an oversize body is a 500.
func problemOf(err error, fam family) problem {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return problem{status: http.StatusRequestEntityTooLarge, msg: "request body larger than 1 MiB"}
	}
	var e *store.Error
	if !errors.As(err, &e) {
		return problem{status: http.StatusInternalServerError}
	}
	p := problem{status: http.StatusBadRequest, code: e.Code, field: e.Field, msg: e.Msg}
	switch {
	case fam == familyPAM:
		// the seeds answer every refusal, not found included, as 400 + code
		if e.Kind == store.KindForbidden && p.code == 0 {
			p.code = pamcode.Forbidden
		}
	case e.Kind == store.KindNotFound:
		p.status = http.StatusNotFound
	case e.Kind == store.KindConflict || e.Kind == store.KindProtected:
		p.status = http.StatusConflict
	case e.Kind == store.KindForbidden:
		p.status = http.StatusForbidden
	}
	return p
}

// forbidden is the refusal of a call lacking scope: PAM Core answers 400
// with 1039 (seed 001, PAMCORE-VENDOR.md §1.3); the others 403.
func forbidden(fam family, scope string) problem {
	if fam == familyPAM {
		return problem{status: http.StatusBadRequest, code: pamcode.Forbidden,
			msg: pamcode.Forbidden.Text() + " (missing scope " + scope + ")"}
	}
	return problem{status: http.StatusForbidden, msg: "missing scope " + scope}
}

// writeError answers err in fam's envelope. Unexpected errors are logged
// with the request id and answered as a generic 500 that names the id.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, fam family, err error) {
	p := problemOf(err, fam)
	if p.status == http.StatusInternalServerError {
		s.log.Error("unexpected error", "request_id", RequestID(r.Context()), "path", r.URL.Path, "err", err.Error())
	}
	s.answer(w, r, fam, p)
}

// answer writes p for request r in fam's envelope.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, fam family, p problem) {
	p.requestID = RequestID(r.Context())
	writeProblem(w, fam, p)
}

// writeProblem writes p in fam's envelope; the only writer of error bodies.
func writeProblem(w http.ResponseWriter, fam family, p problem) {
	if p.status == http.StatusInternalServerError && p.msg == "" {
		p.msg = "internal error (request " + p.requestID + ")"
	}
	switch fam {
	case familyPAM:
		writeJSON(w, p.status, pamProblem(p))
	case familyOAuth:
		writeJSON(w, p.status, oauthProblem(w, p))
	default:
		writeJSON(w, p.status, drfProblem(p))
	}
}

// pamProblem is the vendor's error envelope (PAMCORE-VENDOR.md §1.2):
// error_code/cod_erro are 1, the 10xx code is only in exception.code and
// in front of the message.
func pamProblem(p problem) client.PAMReply {
	msg := p.msg
	exc := (*client.Exception)(nil)
	switch {
	case p.status == http.StatusInternalServerError:
		msg = pamUnexpected
		exc = &client.Exception{Code: http.StatusInternalServerError, Message: pamUnexpectedDetail}
	case p.code != 0:
		msg = p.code.String() + ": " + msg
		exc = &client.Exception{Code: int(p.code), Message: msg}
	case p.field != "": // uncoded field errors name the field; coded ones keep the vendor's words
		msg = p.field + ": " + msg
	}
	reply := client.PAMReply{Code: p.status, Response: envelope(p.status, msg, 1), Exception: exc}
	if p.requestID != "" && p.status == http.StatusInternalServerError {
		reply.Response.Detail = "request " + p.requestID
	}
	return reply
}

// oauthProblem is RFC 6749 §5.2, plus the "message" real clients read
// (PAMCORE-VENDOR.md §7: DSMCLI parses error, message, reason).
func oauthProblem(w http.ResponseWriter, p problem) client.OAuthError {
	code := p.oauth
	if code == "" {
		switch p.status {
		case http.StatusUnauthorized:
			code = "invalid_client"
		case http.StatusTooManyRequests:
			code = "slow_down"
		case http.StatusInternalServerError:
			code = "server_error"
		default:
			code = "invalid_request"
		}
	}
	if p.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="pamconsole"`)
	}
	w.Header().Set("Cache-Control", "no-store")
	return client.OAuthError{Error: code, ErrorDescription: p.msg, Message: p.msg}
}

// drfProblem is {"detail": msg} or {"detail": "field: msg", "errors":
// {field: [msg]}}; a 500 also names the request id.
func drfProblem(p problem) client.FieldErrors {
	body := client.FieldErrors{Detail: p.msg}
	if p.field != "" {
		body.Errors = map[string][]string{p.field: {p.msg}}
		body.Detail = p.field + ": " + p.msg
	}
	if p.status == http.StatusInternalServerError {
		body.RequestID = p.requestID
	}
	return body
}

// oauthError answers a token request with an RFC 6749 §5.2 error.
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeProblem(w, familyOAuth, problem{status: status, oauth: code, msg: desc})
}

// routeMethods are the methods the API routes use, for a 405's Allow.
var routeMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}

// unrouted answers what no route of mux took: 405 with Allow when the path
// has routes for other methods, else 404 ("Resource sub not found" under
// PAM Core, as seed 001 says), each in the path's family.
func (s *Server) unrouted(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fam := familyOf(r.URL.Path)
		var allowed []string
		for _, m := range routeMethods {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "" && pattern != "/" {
				allowed = append(allowed, m)
			}
		}
		if len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			s.answer(w, r, fam, problem{status: http.StatusMethodNotAllowed,
				msg: "method " + r.Method + " not allowed here (allowed: " + strings.Join(allowed, ", ") + ")"})
			return
		}
		msg := "not found"
		if fam == familyPAM {
			msg = "Resource sub not found"
		}
		s.answer(w, r, fam, problem{status: http.StatusNotFound, msg: msg})
	})
}
