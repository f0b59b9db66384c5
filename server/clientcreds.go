package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/unitext"
	"github.com/pamconsole/pamconsole/server/store"
)

const ccBase = "/pam/apps/settings/client-credentials/"

func (s *Server) registerClientCredentialRoutes(mux *http.ServeMux) {
	scope := func(name string, h http.HandlerFunc) http.Handler {
		return s.requireScope(familyDRF, "settings.client_credentials."+name, h)
	}
	mux.Handle("GET "+ccBase+"{$}", scope("view", s.handleCCList))
	mux.Handle("POST "+ccBase+"{$}", scope("add", s.handleCCCreate))
	mux.Handle("POST "+ccBase+"bulk-delete/{$}", scope("delete", s.handleCCBulkDelete))
	mux.Handle("POST "+ccBase+"bulk-update/{$}", scope("edit", s.handleCCBulkUpdate))
	mux.Handle("GET "+ccBase+"audit/{$}", scope("view", s.handleAudit))
	mux.Handle("GET "+ccBase+"{id}/{$}", scope("view", s.handleCCGet))
	mux.Handle("PUT "+ccBase+"{id}/{$}", scope("edit", s.handleCCUpdate))
	mux.Handle("DELETE "+ccBase+"{id}/{$}", scope("delete", s.handleCCDelete))
	mux.Handle("GET "+ccBase+"{id}/secret/{$}", scope("reveal_secret", s.handleCCSecret))
	mux.Handle("PUT "+ccBase+"{id}/scopes/{$}", scope("edit_scopes", s.handleCCScopes))
	mux.Handle("POST "+ccBase+"{id}/rotate-secret/{$}", scope("edit", s.handleCCRotate))
}

// wireCC converts a stored credential to the wire shape with secret (or the mask).
func wireCC(c store.ClientCredential, secret string) client.ClientCredential {
	if secret == "" {
		secret = client.MaskedSecret
	}
	scopes := c.Scopes
	if scopes == nil {
		scopes = []string{}
	}
	out := client.ClientCredential{
		ID: c.ID, Name: c.Name, ClientID: c.ClientID, ClientSecret: secret, ValidFrom: c.ValidFrom, ValidTill: c.ValidTill,
		Scopes: scopes, Protected: c.Protected, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, Version: c.Version,
	}
	out.PreviousSecretValidUntil = timeOrNil(c.PreviousSecretUntil)
	out.LastTokenAt, out.LastUsedAt, out.TokensIssued = timeOrNil(c.LastTokenAt), timeOrNil(c.LastUsedAt), c.TokensIssued
	return out
}

// timeOrNil is nil for the zero time (JSON null: "never").
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// pathID parses {id}; anything but a positive integer is "not found".
func pathID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, store.NotFound("no client credential with id " + strconv.Quote(truncateField(raw)))
	}
	return id, nil
}

// maxPage bounds the page number so page × page_size never overflows.
const maxPage = 1_000_000

// drfPageParams reads page and page_size (≤ 1000, default 100).
func drfPageParams(q url.Values) (page, size int, err error) {
	page, size = 1, 100
	if v := q.Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > maxPage {
			return 0, 0, store.Invalid("page", "must be an integer from 1 to "+strconv.Itoa(maxPage))
		}
	}
	if v := q.Get("page_size"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size < 1 || size > 1000 {
			return 0, 0, store.Invalid("page_size", "must be an integer from 1 to 1000")
		}
	}
	return page, size, nil
}

// pageLinks returns DRF's next/previous URLs for a page.
func pageLinks(r *http.Request, page, size, total int) (next, prev *string) {
	link := func(p int) *string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		q.Set("page_size", strconv.Itoa(size))
		u := r.URL.Path + "?" + q.Encode()
		return &u
	}
	if page*size < total {
		next = link(page + 1)
	}
	if page > 1 {
		prev = link(page - 1)
	}
	return next, prev
}

func (s *Server) handleCCList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, size, err := drfPageParams(q)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	search, err := searchParam(q)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	ordering := q.Get("ordering")
	if !store.ValidOrdering(ordering) {
		s.writeError(w, r, familyDRF, store.Invalid("ordering", store.OrderingHelp))
		return
	}
	rows, total, err := s.store.ListClientCredentials(r.Context(), store.ClientCredentialQuery{
		Search: search, Ordering: ordering, Limit: size, Offset: (page - 1) * size,
	})
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	out := client.ClientCredentialPage{Count: total, Results: make([]client.ClientCredential, 0, len(rows))}
	for _, c := range rows {
		out.Results = append(out.Results, wireCC(c, ""))
	}
	out.Next, out.Previous = pageLinks(r, page, size, total)
	writeJSON(w, http.StatusOK, out)
}

// validateInput checks a create/update body into store input. withScopes
// also checks the scope list (create).
func validateInput(in client.ClientCredentialInput, withScopes bool) (store.ClientCredentialInput, error) {
	name := unitext.Normalize(in.Name)
	if err := store.CheckName("name", name, 64); err != nil {
		return store.ClientCredentialInput{}, err
	}
	from, err := parseDate("valid_from", in.ValidFrom, false)
	if err != nil {
		return store.ClientCredentialInput{}, err
	}
	till, err := parseDate("valid_till", in.ValidTill, true)
	if err != nil {
		return store.ClientCredentialInput{}, err
	}
	if from.After(till) {
		return store.ClientCredentialInput{}, store.Invalid("valid_till", "must not be before valid_from")
	}
	out := store.ClientCredentialInput{Name: name, ValidFrom: from, ValidTill: till, Version: in.Version}
	if withScopes {
		if out.Scopes, err = validateScopes(in.Scopes); err != nil {
			return store.ClientCredentialInput{}, err
		}
	}
	return out, nil
}

// parseDate accepts RFC 3339 or YYYY-MM-DD; a date-only end of validity
// means the end of that day (UTC).
func parseDate(field, v string, endOfDay bool) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, store.Invalid(field, "is required (YYYY-MM-DD or RFC 3339)")
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	t, err := unitext.ParseDay(v)
	if err != nil && strings.Contains(err.Error(), "does not exist") {
		return time.Time{}, store.Invalid(field, err.Error())
	}
	if err != nil {
		return time.Time{}, store.Invalid(field, fmt.Sprintf("%q is not a date: use YYYY-MM-DD or RFC 3339", truncateField(v)))
	}
	if endOfDay {
		t = t.Add(24*time.Hour - time.Second)
	}
	return t, nil
}

// validateScopes refuses unknown keys (naming them) and drops duplicates.
func validateScopes(scopes []string) ([]string, error) {
	var unknown []string
	seen := map[string]bool{}
	out := []string{}
	for _, sc := range scopes {
		if !store.KnownScope(sc) {
			unknown = append(unknown, printable(sc))
			continue
		}
		if !seen[sc] {
			seen[sc] = true
			out = append(out, sc)
		}
	}
	if len(unknown) > 0 {
		return nil, store.Invalid("scopes", "unknown scopes: "+strings.Join(unknown, ", "))
	}
	return out, nil
}

// printable shortens an echoed input value on a character boundary and
// escapes anything not graphic (controls, format characters), so a message
// never carries control characters yet shows letters of any script as they are.
func printable(v string) string {
	q := strconv.QuoteToGraphic(truncateField(v))
	return q[1 : len(q)-1]
}

// versionFrom prefers the body's version, else an If-Match header.
func versionFrom(r *http.Request, body int) (int, error) {
	if body < 0 {
		return 0, store.Invalid("version", "must be a positive integer")
	}
	if body != 0 {
		return body, nil
	}
	m := strings.Trim(strings.TrimPrefix(strings.TrimSpace(r.Header.Get("If-Match")), "W/"), `"`)
	if m == "" || m == "*" { // "*": any current version
		return 0, nil
	}
	v, err := strconv.Atoi(m)
	if err != nil || v < 1 {
		return 0, store.Invalid("version", "If-Match must be the version number")
	}
	return v, nil
}

func (s *Server) handleCCCreate(w http.ResponseWriter, r *http.Request) {
	var in client.ClientCredentialInput
	if err := decodeBody(r, &in); err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	if in.Scopes == nil {
		in.Scopes = defaultScopes()
	}
	sin, err := validateInput(in, true)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	c, secret, err := s.store.CreateClientCredential(r.Context(), principalFrom(r.Context()).actor(), sin)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	writeJSON(w, http.StatusCreated, wireCC(c, secret))
}

// defaultScopes are the catalogue's defaults (a create without "scopes").
func defaultScopes() []string {
	var out []string
	for _, g := range store.Catalogue {
		for _, sc := range g.Scopes {
			if sc.Default {
				out = append(out, sc.Key)
			}
		}
	}
	return out
}

func (s *Server) handleCCGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var c store.ClientCredential
		if c, err = s.store.GetClientCredential(r.Context(), id); err == nil {
			w.Header().Set("ETag", strconv.Quote(strconv.Itoa(c.Version)))
			writeJSON(w, http.StatusOK, wireCC(c, ""))
			return
		}
	}
	s.writeError(w, r, familyDRF, err)
}

func (s *Server) handleCCUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	var in client.ClientCredentialInput
	if err := decodeBody(r, &in); err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	sin, err := validateInput(in, false)
	if err == nil {
		sin.Version, err = versionFrom(r, in.Version)
	}
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	c, err := s.store.UpdateClientCredential(r.Context(), principalFrom(r.Context()).actor(), id, sin)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	writeJSON(w, http.StatusOK, wireCC(c, ""))
}

func (s *Server) handleCCScopes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	var in struct {
		Scopes  *[]string `json:"scopes"`
		Version int       `json:"version"`
	}
	if err := decodeBody(r, &in); err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	if in.Scopes == nil {
		s.writeError(w, r, familyDRF, store.Invalid("scopes", "is required (a list, possibly empty)"))
		return
	}
	scopes, err := validateScopes(*in.Scopes)
	var version int
	if err == nil {
		version, err = versionFrom(r, in.Version)
	}
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	c, err := s.store.SetClientCredentialScopes(r.Context(), principalFrom(r.Context()).actor(), id, scopes, version)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	writeJSON(w, http.StatusOK, wireCC(c, ""))
}

func (s *Server) handleCCSecret(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var secret string
		if secret, err = s.store.RevealClientSecret(r.Context(), principalFrom(r.Context()).actor(), id); err == nil {
			w.Header().Set("Cache-Control", "no-store")
			writeJSON(w, http.StatusOK, client.SecretResponse{ClientSecret: secret})
			return
		}
	}
	s.writeError(w, r, familyDRF, err)
}

// rotateRequest is rotate-secret's optional body. grace_seconds may be a
// JSON number or, from a form, a numeric string; it is read raw so any
// other value gets an error naming the field.
type rotateRequest struct {
	GraceSeconds json.RawMessage `json:"grace_seconds"`
}

func (q rotateRequest) grace() (time.Duration, error) {
	raw := strings.Trim(string(q.GraceSeconds), `"`)
	if raw == "" || raw == "null" {
		return 0, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < 0 || n > int64(store.MaxRotationGrace/time.Second) {
		return 0, store.InvalidGrace() // checked here too: a huge n would overflow the Duration
	}
	return time.Duration(n) * time.Second, nil
}

func (s *Server) handleCCRotate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var in rotateRequest
	if err == nil {
		err = decodeBody(r, &in)
	}
	var grace time.Duration
	if err == nil {
		grace, err = in.grace()
	}
	if err == nil {
		var c store.ClientCredential
		var secret string
		if c, secret, err = s.store.RotateClientSecret(r.Context(), principalFrom(r.Context()).actor(), id, grace); err == nil {
			w.Header().Set("Cache-Control", "no-store")
			writeJSON(w, http.StatusOK, wireCC(c, secret))
			return
		}
	}
	s.writeError(w, r, familyDRF, err)
}

func (s *Server) handleCCDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		p := principalFrom(r.Context())
		if err = s.store.DeleteClientCredential(r.Context(), p.actor(), id, p.ID); err == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	s.writeError(w, r, familyDRF, err)
}

func (s *Server) handleCCBulkDelete(w http.ResponseWriter, r *http.Request) {
	var in client.BulkDeleteRequest
	if err := decodeBody(r, &in); err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	if len(in.IDs) > 1000 {
		s.writeError(w, r, familyDRF, store.Invalid("ids", "at most 1000 ids per request"))
		return
	}
	p := principalFrom(r.Context())
	out := client.BulkDeleteResponse{Results: make([]client.BulkDeleteResult, 0, len(in.IDs))}
	for _, id := range in.IDs {
		res := client.BulkDeleteResult{ID: id, Status: client.BulkDeleted}
		err := s.store.DeleteClientCredential(r.Context(), p.actor(), id, p.ID)
		var se *store.Error
		switch {
		case err == nil:
		case store.IsKind(err, store.KindNotFound):
			res.Status = client.BulkNotFound
		case errors.As(err, &se):
			res.Status, res.Error = client.BulkRefused, se.Msg
		default:
			res.Status, res.Error = client.BulkRefused, "internal error (request "+RequestID(r.Context())+")"
			s.log.Error("bulk delete", "request_id", RequestID(r.Context()), "id", id, "err", err.Error())
		}
		out.Results = append(out.Results, res)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, size, err := drfPageParams(q)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	search, err := searchParam(q)
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	rows, total, err := s.store.ListAudit(r.Context(), store.AuditQuery{Search: search, Limit: size, Offset: (page - 1) * size})
	if err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	out := client.AuditPage{Count: total, Results: make([]client.AuditEntry, 0, len(rows))}
	for _, a := range rows {
		out.Results = append(out.Results, client.AuditEntry{ID: a.ID, Time: a.At, Actor: a.Actor, ActorID: a.ActorID,
			ActorKey: a.ActorKey, Action: a.Action, Target: a.Target, Result: a.Result})
	}
	out.Next, out.Previous = pageLinks(r, page, size, total)
	writeJSON(w, http.StatusOK, out)
}
