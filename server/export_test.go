package server

import "net/http"

// WrapForTest puts h behind the server's middleware chain (request id,
// recover, logging, body limit), so tests can inject a panicking handler.
func (s *Server) WrapForTest(h http.Handler) http.Handler { return s.middleware(h) }
