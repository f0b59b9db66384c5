package credentials

import (
	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
)

// codeFields maps an upsert error code to the form field it concerns;
// other codes (1046, 1047, …) go on the form's general line.
var codeFields = map[pamcode.Code]string{
	pamcode.BadIdentifier:   fieldIdentifier,
	pamcode.HostnameMissing: fieldHostname,
	pamcode.IPMissing:       fieldIP,
	pamcode.InvalidUsername: fieldUsername,
	pamcode.DomainUnknown:   fieldDeviceDomain,
}

// actionError is the readable toast for a failed deactivate, activate or
// release custody.
func actionError(err error) string {
	if apiErr, ok := client.AsAPIError(err); ok {
		switch apiErr.Code() {
		case pamcode.CredentialNotFound:
			return "1007: credential not found — it may have been removed; ctrl+r reloads the list"
		case pamcode.NotInCustody:
			return "1018: this credential is not in custody — nothing to release"
		case pamcode.CredentialAlreadyActive:
			return "1043: this credential is already active — nothing to do"
		}
	}
	return ui.ErrorText(err)
}
