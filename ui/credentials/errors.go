package credentials

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// PAM Core error codes (seed 001, API.md §4) this screen explains.
const (
	codeHostnameMissing    = 1004
	codeIPMissing          = 1005
	codeCredentialNotFound = 1007
	codeNotInCustody       = 1018
	codeDomainUnknown      = 1029
	codeUsernameMissing    = 1042
	codeAlreadyActive      = 1043
	codePluginMissing      = 1046
	codeTemplateMissing    = 1047
	codeBadIdentifier      = 1053
)

// codeFields maps an upsert error code to the form field it concerns;
// other codes (1046, 1047, …) go on the form's general line.
var codeFields = map[int]string{
	codeBadIdentifier:   fieldIdentifier,
	codeHostnameMissing: fieldHostname,
	codeIPMissing:       fieldIP,
	codeUsernameMissing: fieldUsername,
	codeDomainUnknown:   fieldDeviceDomain,
}

// formErrors splits a failed save into per-field messages and a general
// line. The server's code and message are shown as they came.
func formErrors(err error) (fields map[string]string, general string) {
	fields = map[string]string{}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return fields, ui.ErrorText(err)
	}
	text := withCode(apiErr.Code, ui.ErrorText(err))
	if f, ok := codeFields[apiErr.Code]; ok {
		fields[f] = text
		return fields, ""
	}
	for name, msgs := range apiErr.Fields {
		if len(msgs) > 0 {
			fields[name] = strings.Join(msgs, "; ")
		}
	}
	if len(fields) == 0 {
		general = text
	}
	return fields, general
}

// withCode prefixes msg with the seed code unless it already starts with it.
func withCode(code int, msg string) string {
	if code == 0 {
		return msg
	}
	prefix := fmt.Sprintf("%d", code)
	if strings.HasPrefix(msg, prefix) {
		return msg
	}
	return prefix + ": " + msg
}

// actionError is the readable toast for a failed deactivate, activate or
// release custody.
func actionError(err error) string {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		switch apiErr.Code {
		case codeCredentialNotFound:
			return "1007: credential not found — it may have been removed; ctrl+r reloads the list"
		case codeNotInCustody:
			return "1018: this credential is not in custody — nothing to release"
		case codeAlreadyActive:
			return "1043: this credential is already active — nothing to do"
		}
	}
	return ui.ErrorText(err)
}
