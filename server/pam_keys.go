package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server/store"
)

// SSH keys API (PAMCORE-VENDOR.md §4): GET/POST/DELETE/PUT …/pam/key.

// wantsReveal reads our ?reveal=0 extension: GET key and GET info reveal
// their secrets (the vendor's behaviour) unless the caller asks not to.
func wantsReveal(r *http.Request) bool {
	v := r.URL.Query().Get("reveal")
	b, err := strconv.ParseBool(v)
	return v == "" || err != nil || b
}

// handleGetKey is GET key/{id}: the key with its private key and passphrase
// (needs pam.key.reveal; audited), or without them for ?reveal=0.
func (s *Server) handleGetKey(w http.ResponseWriter, r *http.Request) {
	reveal := wantsReveal(r)
	if reveal && !holdsScope(r, scopeKeyReveal) {
		s.answer(w, r, familyPAM, forbidden(familyPAM, scopeKeyReveal))
		return
	}
	k, err := s.store.GetSSHKey(r.Context(), actorOf(r), r.PathValue("ref"), reveal)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, client.SSHKeyReply{
		PAMReply: pamOK(http.StatusOK, "Key "+strconv.FormatInt(k.ID, 10)), Tenant: pamTenant, Key: wireKey(k, reveal)})
}

func wireKey(k *store.SSHKey, reveal bool) client.SSHKey {
	active := client.FlexBool(k.Active)
	out := client.SSHKey{
		ID: idString(k.ID), Identifier: k.Identifier, Username: k.Username, KeyName: k.KeyName,
		Hostname: k.Hostname, IP: k.IP, PublicKey: k.PublicKey, Tags: client.FlexList(k.Tags),
		Devices: wireKeyDevices(k.Devices), ExpirationTime: client.ISOTime{Time: k.Expiration},
		Fingerprint: k.Fingerprint, Active: &active,
	}
	if reveal {
		out.PrivateKey = &k.PrivateKey
		if k.HasPassphrase {
			out.Password = &k.Passphrase
		}
	}
	return out
}

func wireKeyDevices(ds []store.KeyDevice) []client.KeyDevice {
	out := make([]client.KeyDevice, len(ds))
	for i, d := range ds {
		out[i] = client.KeyDevice{Hostname: d.Hostname, IP: d.IP}
	}
	return out
}

// handleUpsertKey is POST key: create, or update the key named by
// identifier (which also needs pam.key.edit). Both answer 201.
func (s *Server) handleUpsertKey(w http.ResponseWriter, r *http.Request) {
	in, err := parseKeyUpsert(r)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	in.AllowUpdate = holdsScope(r, scopeKeyEdit)
	res, err := s.store.UpsertSSHKey(r.Context(), actorOf(r), in)
	if errors.Is(err, store.ErrNeedsEdit) {
		s.answer(w, r, familyPAM, forbidden(familyPAM, scopeKeyEdit))
		return
	}
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	reply := upsertReply("Key", res.Created, res.Changed)
	devErr := res.DevicesError
	if devErr == nil {
		devErr = []string{}
	}
	writeJSON(w, http.StatusCreated, client.SSHKeyUpsertReply{PAMReply: reply, Key: client.SSHKeyRef{
		ID: idString(res.ID), Identifier: res.Identifier, Devices: wireKeyDevices(res.Devices), DevicesError: devErr}})
}

// handleDeactivateKey is DELETE key/{id} (1017 when inactive).
func (s *Server) handleDeactivateKey(w http.ResponseWriter, r *http.Request) {
	s.answerPAMChange(w, r, s.store.SetSSHKeyActive(r.Context(), actorOf(r), r.PathValue("ref"), false), "Key successfully deactivated")
}

// handleActivateKey is PUT key/{id} (1045 when active).
func (s *Server) handleActivateKey(w http.ResponseWriter, r *http.Request) {
	s.answerPAMChange(w, r, s.store.SetSSHKeyActive(r.Context(), actorOf(r), r.PathValue("ref"), true), "Key successfully activated")
}

// answerPAMChange answers err, or the vendor's envelope-only success.
func (s *Server) answerPAMChange(w http.ResponseWriter, r *http.Request, err error, msg string) {
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, pamOK(http.StatusOK, msg))
}

// parseKeyUpsert reads a POST key body (JSON, form, or the query string of
// a bodyless POST). devices is an array of {"hostname"} objects (a form
// may send it as JSON text); enabled is a boolean in any common spelling.
func parseKeyUpsert(r *http.Request) (store.SSHKeyInput, error) {
	f, err := decodeUpsertFields(r)
	if err != nil {
		return store.SSHKeyInput{}, err
	}
	var in store.SSHKeyInput
	for _, p := range []struct {
		key string
		dst *string
	}{{"identifier", &in.Identifier}, {"username", &in.Username}, {"hostname", &in.Hostname}, {"ip", &in.IP},
		{"key_name", &in.KeyName}, {"tags", &in.Tags}} {
		if *p.dst, err = f.str(p.key); err != nil {
			return in, err
		}
	}
	for _, p := range []struct {
		key string
		dst **string
	}{{"public_key", &in.PublicKey}, {"private_key", &in.PrivateKey}, {"password", &in.Passphrase}} {
		if !f.present(p.key) {
			continue
		}
		v, err := f.str(p.key)
		if err != nil {
			return in, err
		}
		*p.dst = &v
	}
	if f.present("enabled") {
		v, _ := f.str("enabled")
		b, err := strconv.ParseBool(v)
		if err != nil {
			return in, store.Invalid("enabled", "must be true or false")
		}
		in.Enabled = &b
	}
	in.Devices, err = keyDeviceHostnames(f)
	return in, err
}

func keyDeviceHostnames(f flexFields) ([]string, error) {
	raw, err := f.object("devices")
	if err != nil || raw == nil {
		return nil, err
	}
	var devs []client.KeyDevice
	if err := decodeJSON(raw, &devs); err != nil {
		return nil, store.Invalid("devices", `must be an array of {"hostname": "…"}`)
	}
	if len(devs) > 100 {
		return nil, store.Invalid("devices", "at most 100 devices")
	}
	out := make([]string, 0, len(devs))
	for _, d := range devs {
		out = append(out, d.Hostname)
	}
	return out, nil
}
