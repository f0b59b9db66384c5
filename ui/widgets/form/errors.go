package form

import (
	"errors"
	"sort"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
)

// FieldErrors maps err to per-field messages and a general message:
//   - a *client.APIError's DRF field errors (Fields) go to their field;
//   - its PAM Core code goes to codeFields[code] when the caller mapped it;
//   - anything else (and a "detail" / non_field_errors) is the general message.
//
// The returned map may name fields the form does not have; SetErrors shows
// those on the general line.
func FieldErrors(err error, codeFields map[pamcode.Code]string) (map[string]string, string) {
	if err == nil {
		return nil, ""
	}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return nil, ui.ErrorText(err)
	}
	fields := map[string]string{}
	for _, name := range sortedKeys(apiErr.Fields) {
		if msg := apiErr.Field(name); msg != "" && !isGeneralKey(name) {
			fields[name] = msg
		}
	}
	if name, ok := codeFields[apiErr.Code()]; ok && apiErr.Code() != 0 {
		if _, set := fields[name]; !set {
			fields[name] = ui.ErrorText(err)
		}
	}
	if len(fields) > 0 {
		return fields, ""
	}
	return nil, ui.ErrorText(err)
}

// isGeneralKey is a DRF key that concerns the whole form, not one field.
func isGeneralKey(name string) bool {
	return name == "non_field_errors" || name == "detail" || name == "__all__"
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ErrorsFromAPI shows err on the form: each field error under its field
// (with CodeFields mapping PAM Core codes to fields), the rest on the
// general line. Values are kept. It returns the key of the first field that
// got an error in form order ("" when none did), so a wizard can go back to
// the step that holds it.
func (m *Model) ErrorsFromAPI(err error) string {
	fields, general := FieldErrors(err, m.CodeFields)
	if len(fields) == 0 && general != "" {
		// A plain message that names one field ("vendor is required").
		if key := m.namedField(general); key != "" {
			fields, general = map[string]string{key: general}, ""
		}
	}
	m.general = ""
	m.SetErrors(fields)
	if general != "" {
		m.general = general
	}
	for i, f := range m.fields {
		if m.errs[i] != "" {
			m.focusInput(i)
			return f.Key
		}
	}
	return ""
}

// namedField returns the one field key msg names as a word, or "" when it
// names none or several.
func (m *Model) namedField(msg string) string {
	words := strings.FieldsFunc(strings.ToLower(msg), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '_')
	})
	found := ""
	for _, w := range words {
		if m.index(w) < 0 || w == found {
			continue
		}
		if found != "" {
			return ""
		}
		found = w
	}
	return found
}
