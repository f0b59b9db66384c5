package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

type ctxKey int

const (
	ctxRequestID ctxKey = iota
	ctxPrincipal
)

// middleware wraps h: request id → recover → logging → body limit → path
// normalisation. Auth and scope checks wrap each route (auth.go).
func (s *Server) middleware(h http.Handler) http.Handler {
	h = normalisePath(h)
	h = limitBody(h)
	h = s.logRequests(h)
	h = s.recoverPanics(h)
	return withRequestID(h)
}

// RequestID returns the id of the request ctx belongs to.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxRequestID).(string)
	return id
}

func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxRequestID, id)))
	})
}

// recoverPanics turns a handler panic into a 500 naming the request id; the
// server keeps running. The panic value is logged without request data.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			id := RequestID(r.Context())
			s.log.Error("panic in handler", "request_id", id, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.answer(w, r, familyOf(r.URL.Path), problem{status: http.StatusInternalServerError})
		}()
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logRequests logs method, path (never the query, which may carry a
// search term), status and duration. Bodies and headers are never logged.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.log.Info("request", "request_id", RequestID(r.Context()), "method", r.Method,
			"path", r.URL.Path, "status", rec.status, "duration", time.Since(start).Round(time.Microsecond))
	})
}

// maxDrainBytes bounds how much of an oversize body is read before the 413.
const maxDrainBytes = 8 << 20

// limitBody caps request bodies at MaxBodyBytes; decodeBody answers 413.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBodyBytes {
			// Read (and drop) a bounded amount first: a client that sends
			// the whole body before reading the answer would otherwise see
			// a reset connection instead of the 413.
			io.CopyN(io.Discard, r.Body, maxDrainBytes)
			writeProblem(w, familyOf(r.URL.Path), problem{status: http.StatusRequestEntityTooLarge, msg: "request body larger than 1 MiB"})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// normalisePath collapses repeated slashes ("//iso/pam/credential", seen
// from real clients) so the mux does not answer with a redirect, and
// refuses oversize paths.
func normalisePath(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.Path) > 2048 {
			writeProblem(w, familyOf(r.URL.Path), problem{status: http.StatusRequestURITooLong, msg: "path too long"})
			return
		}
		if strings.Contains(r.URL.Path, "//") {
			p := r.URL.Path
			for strings.Contains(p, "//") {
				p = strings.ReplaceAll(p, "//", "/")
			}
			r.URL.Path = p
			r.URL.RawPath = ""
		}
		next.ServeHTTP(w, r)
	})
}
