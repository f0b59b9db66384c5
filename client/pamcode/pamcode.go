// Package pamcode holds the PAM Core error codes of the senhasegura A2A API
// (seeds 001–004; ../shared/PAMCORE-VENDOR.md §8) as wire constants: the one
// definition the reference server, its store and the console all use.
//
// On the wire a code travels in exception.code and in front of the message
// ("1007: Credential not found"); response.error_code and cod_erro only say
// 1 (error) or 0. Codes are per module: MySafe reuses some numbers with
// other meanings, which this package does not model.
//
// It imports only the standard library so that server/store may use it
// without depending on the HTTP client.
package pamcode

import "strconv"

// Code is a PAM Core error code (10xx). Zero means "no code".
type Code int

// The documented PAM Core codes (PAMCORE-VENDOR.md §8).
const (
	HostnameMissing         Code = 1004 // POST device, credential, key
	IPMissing               Code = 1005 // POST device, credential, key
	CredentialNotFound      Code = 1007
	CredentialInactive      Code = 1008
	NoAccessToCredential    Code = 1009
	NotACredential          Code = 1010
	DeviceNotFound          Code = 1011
	PublicKeyMissing        Code = 1013
	PrivateKeyMissing       Code = 1014
	KeyNotFound             Code = 1015
	NotAKey                 Code = 1016
	KeyInactive             Code = 1017
	NotInCustody            Code = 1018
	SiteMissing             Code = 1019
	ModelMissing            Code = 1020
	VendorMissing           Code = 1021
	TypeMissing             Code = 1022
	InfoNotFound            Code = 1023
	InfoInactive            Code = 1024
	InfoContentMissing      Code = 1026
	DomainUnknown           Code = 1029
	Forbidden               Code = 1039 // a 400 in the vendor's docs, not a 403
	InvalidUsername         Code = 1042
	CredentialAlreadyActive Code = 1043
	DeviceAlreadyActive     Code = 1044
	KeyAlreadyActive        Code = 1045
	PluginMissing           Code = 1046
	TemplateMissing         Code = 1047
	BadIdentifier           Code = 1053
)

// texts are the vendor's messages, verbatim (typos included).
var texts = map[Code]string{
	HostnameMissing:         "The device's hostname was not informed",
	IPMissing:               "The device's IP was not informed",
	CredentialNotFound:      "Credential not found",
	CredentialInactive:      "Credential inactive",
	NoAccessToCredential:    "No access to credential",
	NotACredential:          "The item is not a credential",
	DeviceNotFound:          "Device not found",
	PublicKeyMissing:        "The public key was not informed",
	PrivateKeyMissing:       "The private key was not informed",
	KeyNotFound:             "SSH key not found",
	NotAKey:                 "The item is not a ssh key",
	KeyInactive:             "Key inactive",
	NotInCustody:            "The credential is not in the user custody",
	SiteMissing:             "The device's site was not informed",
	ModelMissing:            "The device's model was not informed",
	VendorMissing:           "The device's vendor was not informed",
	TypeMissing:             "The device's type was not informed",
	InfoNotFound:            "Information not found",
	InfoInactive:            "Inactive information",
	InfoContentMissing:      "The information content was not informed",
	DomainUnknown:           "It is not possible to enter a domain that has not been previously registered",
	Forbidden:               "Without PAM Configuration Access permission",
	InvalidUsername:         "Invalid username",
	CredentialAlreadyActive: "Credential is already activated!",
	DeviceAlreadyActive:     "Device is already activated",
	KeyAlreadyActive:        "Ssh key is already activated",
	PluginMissing:           "Plugin not informed",
	TemplateMissing:         "Template plugin not informed",
	BadIdentifier:           `The identifier can only contain letters, numbers, "_" and "-".`,
}

// Text is the vendor's message for c without the number, e.g.
// "Credential not found"; "" for a code the vendor does not document.
func (c Code) Text() string { return texts[c] }

// Message is the wire form "<code>: <text>", e.g. "1007: Credential not
// found"; just the number for an undocumented code.
func (c Code) Message() string {
	if t := texts[c]; t != "" {
		return strconv.Itoa(int(c)) + ": " + t
	}
	return strconv.Itoa(int(c))
}

// String is the number, e.g. "1007".
func (c Code) String() string { return strconv.Itoa(int(c)) }

// NotFound reports a "not found" code (the vendor answers those with 400).
func (c Code) NotFound() bool {
	switch c {
	case CredentialNotFound, DeviceNotFound, KeyNotFound, InfoNotFound:
		return true
	}
	return false
}

// Valid reports whether c looks like a PAM Core code (1000–1999): the
// vendor's exception.code also carries 500 for unexpected errors.
func (c Code) Valid() bool { return c >= 1000 && c <= 1999 }

// Prefix reads the code in front of a message ("1017: Key inactive", also
// the vendor's "1017:Key inactive"); 0 when msg starts with none.
func Prefix(msg string) Code {
	if len(msg) < 5 || msg[4] != ':' {
		return 0
	}
	n, err := strconv.Atoi(msg[:4])
	if err != nil || !Code(n).Valid() {
		return 0
	}
	return Code(n)
}
