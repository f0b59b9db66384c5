package server

import (
	"net/http"
	"strconv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server/store"
)

// Protected information API (PAMCORE-VENDOR.md §5): GET/POST/DELETE
// …/pam/info, plus our list extension (GET info).

func wireInfo(it *store.Info, reveal bool) client.Info {
	active := client.FlexBool(it.Active)
	out := client.Info{ID: idString(it.ID), Identifier: it.Identifier, Name: it.Name, Type: it.Type,
		Service: it.Service, URL: it.URL, UsersAllowed: it.UsersAllowed, Active: &active}
	if it.Identifier != "" {
		out.Tag = &it.Identifier
	}
	if reveal {
		out.Content = &it.Content
	}
	return out
}

// handleListInfo is GET info, our extension: items without their content.
func (s *Server) handleListInfo(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pageParams(r)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	search := r.URL.Query().Get("search")
	if len(search) > maxSearchLen {
		s.writeError(w, r, familyPAM, store.Invalid("search", "must be at most 256 characters"))
		return
	}
	items, total, err := s.store.ListInfo(r.Context(), store.InfoFilter{Search: search, Limit: limit, Offset: offset})
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	out := client.InfoList{PAMReply: pamOK(http.StatusOK, strconv.Itoa(len(items))+" informations found"),
		Infos: make([]client.Info, len(items)), Total: &total}
	for i := range items {
		out.Infos[i] = wireInfo(&items[i], false)
	}
	writeJSON(w, http.StatusOK, out)
}

// handleGetInfo is GET info/{id}: the item with its content (needs
// pam.info.reveal; audited), or without it for ?reveal=0.
func (s *Server) handleGetInfo(w http.ResponseWriter, r *http.Request) {
	reveal := wantsReveal(r)
	if reveal && !holdsScope(r, scopeInfoReveal) {
		s.answer(w, r, familyPAM, forbidden(familyPAM, scopeInfoReveal))
		return
	}
	it, err := s.store.GetInfo(r.Context(), actorOf(r), r.PathValue("ref"), reveal)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, client.InfoReply{
		PAMReply: pamOK(http.StatusOK, "Information "+strconv.FormatInt(it.ID, 10)), Info: wireInfo(&it, reveal)})
}

// handleCreateInfo is POST info. As the vendor documents it, the status
// line is 200 while the body says 201; the reply echoes the item (content
// included: the caller just sent it).
func (s *Server) handleCreateInfo(w http.ResponseWriter, r *http.Request) {
	f, err := decodeUpsertFields(r)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	var in store.InfoInput
	for _, p := range []struct {
		key string
		dst *string
	}{{"identifier", &in.Identifier}, {"name", &in.Name}, {"type", &in.Type}, {"service", &in.Service},
		{"url", &in.URL}, {"users_allowed", &in.UsersAllowed}, {"content", &in.Content}} {
		if *p.dst, err = f.str(p.key); err != nil {
			s.writeError(w, r, familyPAM, err)
			return
		}
	}
	it, err := s.store.CreateInfo(r.Context(), actorOf(r), in)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, client.InfoReply{
		PAMReply: pamOK(http.StatusCreated, "Information successfully registered!"), Info: wireInfo(&it, true)})
}

// handleDisableInfo is DELETE info/{id} (1024 when already disabled).
func (s *Server) handleDisableInfo(w http.ResponseWriter, r *http.Request) {
	_, err := s.store.DisableInfo(r.Context(), actorOf(r), r.PathValue("ref"))
	s.answerPAMChange(w, r, err, "Information successfully disabled")
}
