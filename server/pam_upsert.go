package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/pamconsole/pamconsole/server/store"
)

// flexFields is a decoded JSON or form body whose values are read
// tolerantly: real clients send numbers where strings are documented
// (parent_password is an int in seed 001) and forms send nested settings
// as JSON text.
type flexFields map[string]json.RawMessage

// present reports whether key was sent with a non-null value.
func (f flexFields) present(key string) bool {
	v, ok := f[key]
	return ok && !bytes.Equal(bytes.TrimSpace(v), []byte("null"))
}

// str reads a scalar as a string: strings as they are, numbers and
// booleans as their JSON text, null or absent as "".
func (f flexFields) str(key string) (string, error) {
	v := bytes.TrimSpace(f[key])
	if len(v) == 0 || bytes.Equal(v, []byte("null")) {
		return "", nil
	}
	switch v[0] {
	case '"':
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return "", store.Invalid(key, "must be a string")
		}
		return s, nil
	case '{', '[':
		return "", store.Invalid(key, "must be a string, not an object or array")
	}
	return string(v), nil // number, true, false
}

// object reads a nested settings value: a JSON object or array, or (from
// a form) a string holding one. Absent, null or "" is nil (keep).
func (f flexFields) object(key string) ([]byte, error) {
	v := bytes.TrimSpace(f[key])
	if len(v) == 0 || bytes.Equal(v, []byte("null")) {
		return nil, nil
	}
	if v[0] == '"' {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return nil, store.Invalid(key, "must be a JSON object")
		}
		if v = bytes.TrimSpace([]byte(s)); len(v) == 0 {
			return nil, nil
		}
	}
	if v[0] != '{' && v[0] != '[' {
		return nil, store.Invalid(key, "must be a JSON object")
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, v); err != nil {
		return nil, store.Invalid(key, "must be valid JSON")
	}
	return buf.Bytes(), nil
}

// decodeUpsertFields reads an upsert's fields from its JSON or form body;
// a POST with no body fields reads them from the query string instead, as
// the PHP client of PAMCORE-VENDOR.md §3.4 sends them
// (POST /iso/pam/credential?username=…&content=…).
func decodeUpsertFields(r *http.Request) (flexFields, error) {
	var f flexFields
	if err := decodeBody(r, &f); err != nil {
		return nil, err
	}
	if len(f) > 0 || r.URL.RawQuery == "" {
		return f, nil
	}
	raw, err := formToJSON([]byte(r.URL.RawQuery))
	if err != nil {
		return nil, store.Invalid("", "malformed query string")
	}
	return f, decodeJSON(raw, &f)
}

// parseCredentialUpsert turns a seed-001 body (JSON or form) into the
// store's input; the store applies the domain rules (1004, 1005, 1042,
// 1053, 1029, 1046, 1047).
func parseCredentialUpsert(r *http.Request) (store.CredentialInput, error) {
	f, err := decodeUpsertFields(r)
	if err != nil {
		return store.CredentialInput{}, err
	}
	var in store.CredentialInput
	var typ, credType, content, parent string
	strs := []struct {
		key string
		dst *string
	}{
		{"identifier", &in.Identifier}, {"hostname", &in.Device.Hostname}, {"ip", &in.Device.IP},
		{"content", &content}, {"additional", &in.Additional}, {"tags", &in.Tags},
		{"credential_type", &credType}, {"type", &typ}, {"domain", &in.Domain}, {"parent_password", &parent},
		{"vendor", &in.Device.Vendor}, {"model", &in.Device.Model}, {"site", &in.Device.Site},
		{"device_domain", &in.Device.Domain}, {"device_tags", &in.Device.Tags},
		{"connectivities", &in.Device.Connectivities}, {"session_remote_config", &in.SessionRemoteConfig},
		{"notes", &in.Notes},
	}
	for _, s := range strs {
		v, err := f.str(s.key)
		if err != nil {
			return in, err
		}
		*s.dst = v
	}
	if f.present("username") {
		u, err := f.str("username")
		if err != nil {
			return in, err
		}
		in.Username = &u
	}
	if content != "" {
		in.Password = &content
	}
	if parent = strings.TrimSpace(parent); parent != "" {
		id, err := strconv.ParseInt(parent, 10, 64)
		if err != nil || id <= 0 {
			return in, store.Invalid("parent_password", "must be the numeric id of the parent credential")
		}
		in.ParentID = id
	}
	in.CredentialType, in.Device.Type = resolveCredentialTypes(credType, typ)
	settings := []struct {
		key string
		dst *[]byte
	}{
		{"execution_settings", &in.ExecutionSettings}, {"session_settings", &in.SessionSettings},
		{"additional_settings", &in.AdditionalSettings}, {"jit_settings", &in.JITSettings},
	}
	for _, s := range settings {
		v, err := f.object(s.key)
		if err != nil {
			return in, err
		}
		*s.dst = v
	}
	return in, nil
}

// parseDeviceUpsert reads a POST device body (JSON or form).
func parseDeviceUpsert(r *http.Request) (store.DeviceInput, error) {
	f, err := decodeUpsertFields(r)
	if err != nil {
		return store.DeviceInput{}, err
	}
	var in store.DeviceInput
	for _, s := range []struct {
		keys []string // first non-empty wins
		dst  *string
	}{
		{[]string{"hostname"}, &in.Hostname}, {[]string{"ip"}, &in.IP}, {[]string{"type"}, &in.Type},
		{[]string{"vendor"}, &in.Vendor}, {[]string{"model"}, &in.Model}, {[]string{"site"}, &in.Site},
		{[]string{"device_domain", "domain"}, &in.Domain}, {[]string{"device_tags", "tags"}, &in.Tags},
		{[]string{"connectivities"}, &in.Connectivities}, {[]string{"session_remote_config"}, &in.SessionRemoteConfig},
	} {
		for _, k := range s.keys {
			v, err := f.str(k)
			if err != nil {
				return in, err
			}
			if v != "" {
				*s.dst = v
				break
			}
		}
	}
	return in, nil
}
