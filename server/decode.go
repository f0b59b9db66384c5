package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/pamconsole/pamconsole/server/store"
)

// decodeBody reads a JSON or form body into dst. A form is turned into a
// JSON object of strings first, so one struct serves both (the senhasegura
// Ansible collection sends forms). Field-level type errors name the field.
// A body over MaxBodyBytes yields an error that problemOf maps to 413.
func decodeBody(r *http.Request, dst any) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return store.Invalid("", "could not read the request body")
	}
	switch ct {
	case "application/x-www-form-urlencoded", "multipart/form-data":
		raw, err = formToJSON(raw)
		if err != nil {
			return store.Invalid("", "malformed form body")
		}
	case "", "application/json", "text/json", "text/plain":
		if len(strings.TrimSpace(string(raw))) == 0 {
			raw = []byte("{}")
		}
	default:
		return store.Invalid("", "unsupported content type "+ct+": send application/json or a form")
	}
	return decodeJSON(raw, dst)
}

// decodeJSON unmarshals raw into dst with messages that name the field.
func decodeJSON(raw []byte, dst any) error {
	err := json.Unmarshal(raw, dst)
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		}
		return store.Invalid(field, fmt.Sprintf("must be a %s, not a %s", te.Type.Kind(), te.Value))
	case errors.As(err, &se):
		return store.Invalid("", fmt.Sprintf("malformed JSON at byte %d", se.Offset))
	}
	return store.Invalid("", "malformed JSON: "+err.Error())
}

// formToJSON converts a urlencoded form into a JSON object of strings
// (the last value wins for repeated keys).
func formToJSON(raw []byte) ([]byte, error) {
	vals, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil, err
	}
	obj := make(map[string]string, len(vals))
	for k, v := range vals {
		obj[k] = v[len(v)-1]
	}
	return json.Marshal(obj)
}
