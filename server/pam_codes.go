package server

import (
	"strconv"
	"strings"

	"github.com/pamconsole/pamconsole/server/store"
)

// credentialTypes are the credential types this server knows, with the
// type_code of seed 003 ("Local User" is 1 there; the others are ours).
var credentialTypes = []struct{ name, code string }{
	{store.DefaultCredentialType, "1"},
	{"Domain User", "2"},
	{"SSH Key", "3"},
	{"Database User", "4"},
	{"Application User", "5"},
	{"API Key", "6"},
}

// knownCredentialType returns the canonical spelling of a known credential
// type, matched case-insensitively.
func knownCredentialType(name string) (string, bool) {
	name = strings.TrimSpace(name)
	for _, t := range credentialTypes {
		if strings.EqualFold(t.name, name) {
			return t.name, true
		}
	}
	return "", false
}

// credentialTypeCode is the type_code of a credential type; "0" for types
// a client invented.
func credentialTypeCode(name string) string {
	for _, t := range credentialTypes {
		if t.name == name {
			return t.code
		}
	}
	return "0"
}

// resolveCredentialTypes settles what "type" means in a credential upsert.
// Seed 001 documents "type" as the device type and "credential_type" as the
// credential type, while API.md (and the senhasegura Ansible collection,
// which sends type=Local User) treats "type" as the credential type too:
//   - credential_type, when sent, is the credential type, and "type" is then
//     the device type;
//   - otherwise a "type" naming a known credential type (Local User, Domain
//     User, SSH Key, …) is the credential type and sets no device type;
//   - any other "type" is the device type.
//
// An empty credential type means "default on create, keep on update".
func resolveCredentialTypes(credentialType, typ string) (credType, deviceType string) {
	credentialType, typ = strings.TrimSpace(credentialType), strings.TrimSpace(typ)
	if credentialType != "" {
		if known, ok := knownCredentialType(credentialType); ok {
			credentialType = known
		}
		return credentialType, typ
	}
	if known, ok := knownCredentialType(typ); ok {
		return known, ""
	}
	return "", typ
}

// connectivities maps a device connectivity to the connectivity_code of
// seed 003 (HTTPS 10 and RDP 13 are the seed's; the others are ours) and its
// default port.
var connectivities = []struct{ name, code, port string }{
	{"SSH", "1", "22"},
	{"Telnet", "2", "23"},
	{"MySQL", "5", "3306"},
	{"SQL Server", "6", "1433"},
	{"HTTP", "9", "80"},
	{"HTTPS", "10", "443"},
	{"X11 Forward", "11", "6000"},
	{"VNC", "12", "5900"},
	{"RDP", "13", "3389"},
}

// primaryConnectivity is the first of a device's connectivities (the
// vendor's "PROTOCOL:port, …"), with its connectivity_code and port: the
// port sent, else the protocol's default ("" when unknown).
func primaryConnectivity(list string) (name, code, port string) {
	items, err := store.ParseConnectivities(list)
	if err != nil || len(items) == 0 {
		return "", "", ""
	}
	name = items[0].Protocol
	if items[0].Port != 0 {
		port = strconv.Itoa(items[0].Port)
	}
	for _, c := range connectivities {
		if strings.EqualFold(c.name, name) {
			if port == "" {
				port = c.port
			}
			return c.name, c.code, port
		}
	}
	return name, "", port
}
