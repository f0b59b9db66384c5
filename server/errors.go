package server

import (
	"errors"
	"net/http"

	"github.com/pamconsole/pamconsole/server/store"
)

// The one place where domain errors become HTTP statuses and seed codes.

// family is the API family a request belongs to; each answers errors in its
// own envelope.
type family int

const (
	familyDRF   family = iota // /pam/apps/...: {"detail","errors"}
	familyPAM                 // /api/pam, /iso/pam: seed envelope + exception
	familyOAuth               // token endpoints: RFC 6749 §5.2
)

// statusOf maps a domain error to its HTTP status for a family.
func statusOf(err error, fam family) int {
	var e *store.Error
	if !errors.As(err, &e) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return http.StatusRequestEntityTooLarge
		}
		return http.StatusInternalServerError
	}
	switch e.Kind {
	case store.KindInvalid:
		return http.StatusBadRequest
	case store.KindNotFound:
		if fam == familyPAM {
			return http.StatusBadRequest // the seeds answer "not found" as 400 + code
		}
		return http.StatusNotFound
	case store.KindConflict, store.KindProtected:
		if fam == familyPAM {
			return http.StatusBadRequest
		}
		return http.StatusConflict
	case store.KindForbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// writeError answers err in fam's envelope. Unexpected errors are logged
// with the request id and answered as a generic 500 that names the id.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, fam family, err error) {
	status := statusOf(err, fam)
	var e *store.Error
	errors.As(err, &e)
	msg := "internal error (request " + RequestID(r.Context()) + ")"
	field, code := "", 0
	switch {
	case status == http.StatusRequestEntityTooLarge:
		msg = "request body larger than 1 MiB"
	case e != nil:
		msg, field, code = e.Msg, e.Field, e.Code
	default:
		s.log.Error("unexpected error", "request_id", RequestID(r.Context()), "path", r.URL.Path, "err", err.Error())
	}
	switch fam {
	case familyPAM:
		writePAMError(w, status, code, msg)
	case familyOAuth:
		writeJSON(w, status, map[string]string{"error": "invalid_request", "error_description": msg})
	default:
		writeDRFError(w, status, field, msg)
	}
}

// handleNotFound answers unknown routes; PAM Core paths get the seed's
// "Resource sub not found".
func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if isPAMPath(r.URL.Path) {
		writePAMError(w, http.StatusNotFound, 0, "Resource sub not found")
		return
	}
	writeDRFError(w, http.StatusNotFound, "", "not found")
}

func isPAMPath(p string) bool {
	return len(p) >= 8 && (p[:8] == "/api/pam" || p[:8] == "/iso/pam")
}
