package server

import (
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server/store"
)

// PAM Core API (API.md §4, seeds 001–004): the same handlers under /api/pam
// and /iso/pam, answering in the seed envelope. Not found is the seed's 400
// with exception.code; missing scope is 400 with 1039 (server/errors.go).

// Scopes of the PAM Core API (API.md §2).
const (
	scopeCredentialView       = "pam.credential.view"
	scopeCredentialAdd        = "pam.credential.add"
	scopeCredentialEdit       = "pam.credential.edit"
	scopeCredentialDeactivate = "pam.credential.deactivate"
	scopeCredentialReveal     = "pam.credential.reveal"
	scopeCredentialCustody    = "pam.credential.release_custody"
	scopeDeviceView           = "pam.device.view"
	scopeDeviceAdd            = "pam.device.add"
	scopeDeviceEdit           = "pam.device.edit"
	scopeDeviceDeactivate     = "pam.device.deactivate"
	scopeKeyView              = "pam.key.view"
	scopeKeyAdd               = "pam.key.add"
	scopeKeyEdit              = "pam.key.edit"
	scopeKeyDeactivate        = "pam.key.deactivate"
	scopeKeyReveal            = "pam.key.reveal"
	scopeInfoView             = "pam.info.view"
	scopeInfoAdd              = "pam.info.add"
	scopeInfoDeactivate       = "pam.info.deactivate"
	scopeInfoReveal           = "pam.info.reveal"
)

// pamTenant is the "tenant" of upsert answers (seed 001 shows the
// server's tenant name there).
const pamTenant = "pamconsole"

// pamPrefixes are the two roots of the PAM Core API.
var pamPrefixes = []string{"/api/pam", "/iso/pam"}

func (s *Server) registerPAMRoutes(mux *http.ServeMux) {
	for _, p := range pamPrefixes {
		route := func(method, path, scope string, h http.HandlerFunc) {
			mux.Handle(method+" "+p+path, s.requireScope(familyPAM, scope, h))
		}
		// "{$}" variants tolerate a trailing slash on the collection.
		route("GET", "/credential", scopeCredentialView, s.handleListCredentials)
		route("GET", "/credential/{$}", scopeCredentialView, s.handleListCredentials)
		route("POST", "/credential", scopeCredentialAdd, s.handleUpsertCredential)
		route("POST", "/credential/{$}", scopeCredentialAdd, s.handleUpsertCredential)
		route("GET", "/credential/{ref}", "", s.handleGetCredential) // view or reveal: see the handler
		route("DELETE", "/credential/{ref}", scopeCredentialDeactivate, s.handleDeactivateCredential)
		route("PUT", "/credential/{ref}", scopeCredentialEdit, s.handleActivateCredential)
		route("DELETE", "/credential/custody/{ref}", scopeCredentialCustody, s.handleReleaseCustody)

		route("GET", "/device", scopeDeviceView, s.handleListDevices)
		route("GET", "/device/{$}", scopeDeviceView, s.handleListDevices)
		route("POST", "/device", scopeDeviceAdd, s.handleUpsertDevice)
		route("POST", "/device/{$}", scopeDeviceAdd, s.handleUpsertDevice)
		route("GET", "/device/{ref}", scopeDeviceView, s.handleGetDevice)
		route("DELETE", "/device/{ref}", scopeDeviceDeactivate, s.handleDeactivateDevice)
		route("PUT", "/device/{ref}", scopeDeviceEdit, s.handleActivateDevice)

		// No key list: the vendor lists keys in GET credential (type "SSH Key").
		route("GET", "/key/{ref}", scopeKeyView, s.handleGetKey) // + pam.key.reveal unless ?reveal=0
		route("POST", "/key", scopeKeyAdd, s.handleUpsertKey)
		route("POST", "/key/{$}", scopeKeyAdd, s.handleUpsertKey)
		route("DELETE", "/key/{ref}", scopeKeyDeactivate, s.handleDeactivateKey)
		route("PUT", "/key/{ref}", scopeKeyEdit, s.handleActivateKey)

		route("GET", "/info", scopeInfoView, s.handleListInfo) // our extension
		route("GET", "/info/{$}", scopeInfoView, s.handleListInfo)
		route("GET", "/info/{ref}", scopeInfoView, s.handleGetInfo) // + pam.info.reveal unless ?reveal=0
		route("POST", "/info", scopeInfoAdd, s.handleCreateInfo)
		route("POST", "/info/{$}", scopeInfoAdd, s.handleCreateInfo)
		route("DELETE", "/info/{ref}", scopeInfoDeactivate, s.handleDisableInfo)
	}
}

// actorOf is the audit identity of r's caller.
func actorOf(r *http.Request) store.Actor { return principalFrom(r.Context()).actor() }

// holdsScope reports whether r's caller holds scope beyond the one its
// route required (an upsert that turns out to be an update needs edit).
func holdsScope(r *http.Request, scope string) bool { return principalFrom(r.Context()).has(scope) }

// pamOK is a successful reply head.
func pamOK(status int, message string) client.PAMReply { return pamReply(status, message) }

// upsertReply is the 201 every PAM Core upsert answers (an update is 201 too,
// PAMCORE-VENDOR.md §3.4): "<Noun> successfully registered!" for a create,
// "<Noun> updated successfully!" otherwise, with response.changed.
func upsertReply(noun string, created, changed bool) client.PAMReply {
	msg := noun + " updated successfully!"
	if created {
		msg = noun + " successfully registered!"
	}
	reply := pamOK(http.StatusCreated, msg)
	reply.Response.Changed = changedFlag(changed)
	return reply
}

// changedFlag is response.changed as the vendor's Ansible collection reads
// it: the string "true" or "false".
func changedFlag(changed bool) string { return strconv.FormatBool(changed) }

func idString(id int64) client.FlexString { return client.FlexString(strconv.FormatInt(id, 10)) }

// maxSearchLen bounds the search query parameter of every list, in
// characters: a longer one is refused with 400 naming search, never handed
// to SQLite (whose LIKE refuses patterns past 50,000 bytes with a 500).
const maxSearchLen = 256

// searchParam reads the search query parameter of a list (credentials,
// devices, client credentials, audit) and bounds its length.
func searchParam(q url.Values) (string, error) {
	s := q.Get("search")
	if len(s) > maxSearchLen && utf8.RuneCountInString(s) > maxSearchLen {
		return "", store.Invalid("search", "must be at most "+strconv.Itoa(maxSearchLen)+" characters")
	}
	return s, nil
}

// pageParams reads the limit and offset extensions; absent means 0 (all).
func pageParams(r *http.Request) (limit, offset int, err error) {
	q := r.URL.Query()
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &limit}, {"offset", &offset}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		n, convErr := strconv.Atoi(v)
		if convErr != nil || n < 0 {
			return 0, 0, store.Invalid(p.name, "must be a non-negative integer")
		}
		*p.dst = n
	}
	return limit, offset, nil
}
