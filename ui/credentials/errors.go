package credentials

import (
	"errors"

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
