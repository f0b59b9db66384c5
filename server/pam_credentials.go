package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server/store"
)

// handleListCredentials streams GET credential (seed 003): the head with
// the total first, then one credential at a time straight from the SQL
// rows, so 100,000 rows never sit in memory together. Extensions: limit,
// offset, search and active=true|false.
func (s *Server) handleListCredentials(w http.ResponseWriter, r *http.Request) {
	f, err := credentialFilter(r)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	var out *listStream
	conns := connectivityCache{}
	err = s.store.StreamCredentials(r.Context(), f, func(total, n int) error {
		out = startListStream(w, strconv.Itoa(n)+" credentials found", "credentials", total, s.opts.StreamStall)
		return out.err
	}, func(c *store.Credential) error {
		wc := wireCredential(c, conns.primary)
		return out.element(&wc)
	})
	if err == nil {
		err = out.finish()
	}
	switch {
	case err == nil:
	case out == nil: // nothing sent yet: a normal error answer
		s.writeError(w, r, familyPAM, err)
	default:
		// The status line is gone; cut the connection so the client sees a
		// truncated body instead of a list that looks complete.
		s.log.Warn("credential list stream aborted", "request_id", RequestID(r.Context()), "err", err.Error())
		panic(http.ErrAbortHandler)
	}
}

// connectivityCache remembers primaryConnectivity per connectivities
// value for one list: a device's credentials share it, and parsing it
// again for each of a million rows was a tenth of the list's time.
type connectivityCache map[string][3]string

// maxCachedConnectivities bounds the cache of one list.
const maxCachedConnectivities = 4096

func (cc connectivityCache) primary(list string) (name, code, port string) {
	if v, ok := cc[list]; ok {
		return v[0], v[1], v[2]
	}
	name, code, port = primaryConnectivity(list)
	if len(cc) < maxCachedConnectivities {
		cc[list] = [3]string{name, code, port}
	}
	return name, code, port
}

func credentialFilter(r *http.Request) (store.CredentialFilter, error) {
	var f store.CredentialFilter
	var err error
	if f.Limit, f.Offset, err = pageParams(r); err != nil {
		return f, err
	}
	q := r.URL.Query()
	if f.Search, err = searchParam(q); err != nil {
		return f, err
	}
	if v := q.Get("active"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, store.Invalid("active", "must be true or false")
		}
		f.Active = &b
	}
	return f, nil
}

// wireCredential is a list row in seed 003's shape; primary is
// primaryConnectivity or a cache of it.
func wireCredential(c *store.Credential, primary func(string) (name, code, port string)) client.Credential {
	conn, connCode, _ := primary(c.Connectivities)
	active, custody := c.Active, c.InCustody
	return client.Credential{
		ID: idString(c.ID), Identifier: c.Identifier, Username: c.Username,
		Expiration: client.ISOTime{Time: c.Expiration}, Change: client.DateTime{Time: c.Changed},
		View: client.DateTime{Time: c.Viewed}, Hostname: c.Hostname, ManagementIP: c.IP,
		Type: c.CredentialType, TypeCode: client.FlexString(credentialTypeCode(c.CredentialType)),
		DeviceModel: c.DeviceModel, DeviceType: c.DeviceType, DeviceVendor: c.DeviceVendor,
		AutomaticChange: client.FlexBool(c.AutomaticChange), Connectivity: conn,
		ConnectivityCode: client.FlexString(connCode), Active: &active, InCustody: &custody,
	}
}

// handleGetCredential reveals one credential (seed 004): by id, identifier
// or username@hostname. The store stamps the view time and audits the
// reveal in the same transaction (needs pam.credential.reveal). Our
// extension ?password=false answers every other field without the
// password, with no reveal, audit row or view stamp (needs
// pam.credential.view): a detail pane opens without revealing anything.
func (s *Server) handleGetCredential(w http.ResponseWriter, r *http.Request) {
	withPassword := r.URL.Query().Get("password") != "false"
	need := scopeCredentialReveal
	if !withPassword {
		need = scopeCredentialView
	}
	if !holdsScope(r, need) {
		s.answer(w, r, familyPAM, forbidden(familyPAM, need))
		return
	}
	var c *store.Credential
	var err error
	if withPassword {
		c, err = s.store.RevealCredential(r.Context(), actorOf(r), r.PathValue("ref"))
	} else {
		c, err = s.store.GetCredential(r.Context(), r.PathValue("ref"))
	}
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, client.CredentialReply{
		PAMReply:   pamOK(http.StatusOK, "Credential "+strconv.FormatInt(c.ID, 10)),
		Credential: wireCredentialDetail(c),
	})
}

// wireCredentialDetail is seed 004's credential object plus our extensions.
func wireCredentialDetail(c *store.Credential) client.CredentialDetail {
	_, _, port := primaryConnectivity(c.Connectivities)
	active, custody := c.Active, c.InCustody
	d := client.CredentialDetail{
		ID: idString(c.ID), Tag: c.Tags, Identifier: c.Identifier, Username: c.Username,
		Password: c.Password, Content: c.Password, Hostname: c.Hostname, Additional: c.Additional,
		Domain: c.Domain, IP: c.IP, Port: client.FlexString(port), Model: c.DeviceModel,
		ExpirationTime: client.ISOTime{Time: c.Expiration}, CredentialType: c.CredentialType, Tags: c.Tags,
		DeviceType: c.DeviceType, Vendor: c.DeviceVendor, Site: c.DeviceSite,
		Change: client.DateTime{Time: c.Changed}, View: client.DateTime{Time: c.Viewed},
		Active: &active, InCustody: &custody, Notes: c.Notes,
		ExecutionSettings: rawJSON(c.ExecutionSettings), SessionSettings: rawJSON(c.SessionSettings),
		AdditionalSettings: rawJSON(c.AdditionalSettings), JITSettings: rawJSON(c.JITSettings),
	}
	if c.ParentID != 0 {
		cod, name := idString(c.ParentID), c.ParentIdentifier
		d.ParentCredentialCod, d.ParentCredential = &cod, &name
	}
	return d
}

// rawJSON passes stored settings through; anything invalid (never written
// by this server) is dropped rather than breaking the answer.
func rawJSON(b []byte) json.RawMessage {
	if len(b) == 0 || !json.Valid(b) {
		return nil
	}
	return b
}

// handleUpsertCredential is seed 001's POST credential. The route needs
// pam.credential.add; an upsert that resolves to an update also needs
// pam.credential.edit, decided inside the store's transaction.
func (s *Server) handleUpsertCredential(w http.ResponseWriter, r *http.Request) {
	in, err := parseCredentialUpsert(r)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	in.AllowUpdate = holdsScope(r, scopeCredentialEdit)
	res, err := s.store.UpsertCredential(r.Context(), actorOf(r), in)
	if errors.Is(err, store.ErrNeedsEdit) {
		s.answer(w, r, familyPAM, forbidden(familyPAM, scopeCredentialEdit))
		return
	}
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	reply := upsertReply("Credential", res.Created, res.Changed)
	writeJSON(w, http.StatusCreated, client.CredentialUpsertReply{
		PAMReply: reply, Tenant: pamTenant,
		Credential: client.UpsertRef{ID: idString(res.ID), Identifier: res.Identifier},
	})
}

// handleDeactivateCredential is DELETE credential/{id or identifier}: the
// credential is deactivated, never erased. A form body is ignored.
func (s *Server) handleDeactivateCredential(w http.ResponseWriter, r *http.Request) {
	c, err := s.store.SetCredentialActive(r.Context(), actorOf(r), r.PathValue("ref"), false)
	s.answerCredentialChange(w, r, c, err, "Credential successfully deactivated")
}

// handleActivateCredential is PUT credential/{id}: re-activation (1043 when active).
func (s *Server) handleActivateCredential(w http.ResponseWriter, r *http.Request) {
	c, err := s.store.SetCredentialActive(r.Context(), actorOf(r), r.PathValue("ref"), true)
	s.answerCredentialChange(w, r, c, err, "Credential successfully activated")
}

// handleReleaseCustody is DELETE credential/custody/{id} (1018 when not in custody).
func (s *Server) handleReleaseCustody(w http.ResponseWriter, r *http.Request) {
	c, err := s.store.ReleaseCustody(r.Context(), actorOf(r), r.PathValue("ref"))
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, pamOK(http.StatusOK, "Credential custody "+strconv.FormatInt(c.ID, 10)+" released"))
}

func (s *Server) answerCredentialChange(w http.ResponseWriter, r *http.Request, c *store.Credential, err error, msg string) {
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, client.CredentialUpsertReply{
		PAMReply:   pamOK(http.StatusOK, msg),
		Credential: client.UpsertRef{ID: idString(c.ID), Identifier: c.Identifier},
	})
}
