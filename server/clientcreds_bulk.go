package server

import (
	"errors"
	"net/http"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server/store"
)

// maxBulkItems bounds a bulk request.
const maxBulkItems = 1000

// handleCCBulkUpdate applies POST /bulk-update/: each item is validated and
// written on its own (its own transaction and audit row), so one bad item
// never blocks the others; the answer has one result per item, in order.
func (s *Server) handleCCBulkUpdate(w http.ResponseWriter, r *http.Request) {
	var in client.BulkUpdateRequest
	if err := decodeBody(r, &in); err != nil {
		s.writeError(w, r, familyDRF, err)
		return
	}
	switch {
	case len(in.Items) == 0:
		s.writeError(w, r, familyDRF, store.Invalid("items", "is required: a list of {id, valid_from and/or valid_till, version}"))
		return
	case len(in.Items) > maxBulkItems:
		s.writeError(w, r, familyDRF, store.Invalid("items", "at most 1000 items per request"))
		return
	}
	out := client.BulkUpdateResponse{Results: make([]client.BulkUpdateResult, 0, len(in.Items))}
	for _, item := range in.Items {
		out.Results = append(out.Results, s.bulkUpdateOne(r, item))
	}
	writeJSON(w, http.StatusOK, out)
}

// bulkUpdateOne validates and applies one item.
func (s *Server) bulkUpdateOne(r *http.Request, item client.BulkUpdateItem) client.BulkUpdateResult {
	res := client.BulkUpdateResult{ID: item.ID}
	ch, err := validityChange(item)
	if err == nil {
		var c store.ClientCredential
		if c, err = s.store.SetClientCredentialValidity(r.Context(), principalFrom(r.Context()).actor(), item.ID, ch); err == nil {
			wc := wireCC(c, "")
			res.Status, res.ClientCredential = client.BulkUpdated, &wc
			return res
		}
	}
	var se *store.Error
	switch {
	case !errors.As(err, &se):
		res.Status, res.Error = client.BulkRefused, "internal error (request "+RequestID(r.Context())+")"
		s.log.Error("bulk update", "request_id", RequestID(r.Context()), "id", item.ID, "err", err.Error())
	case se.Kind == store.KindNotFound:
		res.Status = client.BulkNotFound
	case se.Kind == store.KindConflict:
		res.Status, res.Error = client.BulkConflict, se.Msg
	default:
		res.Status, res.Error, res.Field = client.BulkRefused, se.Msg, se.Field
	}
	return res
}

// validityChange checks one item's dates (the rules of PUT /{id}/).
func validityChange(item client.BulkUpdateItem) (store.ValidityChange, error) {
	var ch store.ValidityChange
	if item.ID <= 0 {
		return ch, store.NotFound("no client credential with this id")
	}
	if item.ValidFrom == "" && item.ValidTill == "" {
		return ch, store.Invalid("valid_till", "valid_from or valid_till is required")
	}
	if item.Version < 0 {
		return ch, store.Invalid("version", "must be a positive integer")
	}
	var err error
	if item.ValidFrom != "" {
		if ch.ValidFrom, err = parseDate("valid_from", item.ValidFrom, false); err != nil {
			return ch, err
		}
	}
	if item.ValidTill != "" {
		if ch.ValidTill, err = parseDate("valid_till", item.ValidTill, true); err != nil {
			return ch, err
		}
	}
	ch.Version = item.Version
	return ch, nil
}
