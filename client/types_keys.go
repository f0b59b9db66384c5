package client

// Wire shapes of the SSH keys API (PAMCORE-VENDOR.md §4) and the protected
// information API (§5). Secrets (PrivateKey, Password, Content) are never
// logged; our server fills them only on a reveal.

// KeyDevice is a device an SSH key is installed on.
type KeyDevice struct {
	Hostname string `json:"hostname"`
	IP       string `json:"ip,omitempty"`
}

// SSHKey is the "key" object of GET key/{id}. The vendor sends tags as a
// string (3.33+) or an array (3.32); Tags reads both. Fingerprint and Active
// are our extensions (a real server omits them: compute the fingerprint
// from PublicKey, and a key it answers for is active).
type SSHKey struct {
	ID             FlexString  `json:"id"`
	Identifier     string      `json:"identifier,omitempty"`
	Username       string      `json:"username"`
	KeyName        string      `json:"key_name"`
	Hostname       string      `json:"hostname"`
	IP             string      `json:"ip"`
	PrivateKey     *string     `json:"private_key" termsafe:"raw"`
	PublicKey      string      `json:"public_key"`
	Password       *string     `json:"password" termsafe:"raw"` // the private key's passphrase; null = none or not revealed
	Tags           FlexList    `json:"tags,omitempty"`
	Devices        []KeyDevice `json:"devices"`
	ExpirationTime ISOTime     `json:"expiration_time"`
	Fingerprint    string      `json:"fingerprint,omitempty"`
	Active         *FlexBool   `json:"active,omitempty"`
}

// SSHKeyReply is the payload of GET key/{id}.
type SSHKeyReply struct {
	PAMReply
	Tenant string `json:"tenant,omitempty"`
	Key    SSHKey `json:"key"`
}

// SSHKeyUpsert is the body of POST key. Pointers distinguish "not sent"
// from "sent empty"; on update only the sent fields change.
type SSHKeyUpsert struct {
	Identifier string      `json:"identifier,omitempty"`
	Username   string      `json:"username,omitempty"`
	Hostname   string      `json:"hostname,omitempty"`
	IP         string      `json:"ip,omitempty"`
	PublicKey  string      `json:"public_key,omitempty"`
	PrivateKey string      `json:"private_key,omitempty"`
	Password   string      `json:"password,omitempty"` // passphrase of the private key
	KeyName    string      `json:"key_name,omitempty"`
	Tags       string      `json:"tags,omitempty"`
	Enabled    *bool       `json:"enabled,omitempty"`
	Devices    []KeyDevice `json:"devices,omitempty"`
}

// SSHKeyRef is the "key" object of a POST key reply.
type SSHKeyRef struct {
	ID           FlexString  `json:"id"`
	Identifier   string      `json:"identifier,omitempty"`
	Tag          string      `json:"tag,omitempty"`
	Devices      []KeyDevice `json:"devices"`
	DevicesError []string    `json:"devices_error"`
}

// SSHKeyUpsertReply is the payload of POST key.
type SSHKeyUpsertReply struct {
	PAMReply
	Key SSHKeyRef `json:"key"`
}

// Info is one protected-information item: the "info" object of GET
// info/{id} and of POST info, and (without content) an item of our list
// extension. Tag is the vendor's name for the identifier (null when none).
type Info struct {
	ID           FlexString `json:"id,omitempty"`
	Tag          *string    `json:"tag"`
	Identifier   string     `json:"identifier,omitempty"`
	Name         string     `json:"name,omitempty"`
	Type         string     `json:"type"`
	Service      string     `json:"service,omitempty"`
	URL          string     `json:"url,omitempty"`
	UsersAllowed string     `json:"users_allowed,omitempty"`
	Content      *string    `json:"content,omitempty" termsafe:"raw"`
	Active       *FlexBool  `json:"active,omitempty"`
}

// Ref is the identifier, else the vendor's tag.
func (i Info) Ref() string {
	if i.Identifier != "" || i.Tag == nil {
		return i.Identifier
	}
	return *i.Tag
}

// IsActive reports whether the item is enabled (missing means enabled).
func (i Info) IsActive() bool { return i.Active == nil || bool(*i.Active) }

// InfoReply is the payload of GET info/{id} and POST info.
type InfoReply struct {
	PAMReply
	Info Info `json:"info"`
}

// InfoCreate is the body of POST info; Content is required.
type InfoCreate struct {
	Identifier   string `json:"identifier,omitempty"`
	Name         string `json:"name,omitempty"`
	Type         string `json:"type,omitempty"`
	Service      string `json:"service,omitempty"`
	URL          string `json:"url,omitempty"`
	UsersAllowed string `json:"users_allowed,omitempty"`
	Content      string `json:"content"`
}

// InfoList is the payload of GET info — our extension (the vendor has no
// list; a real server answers 404 or 500 there).
type InfoList struct {
	PAMReply
	Infos []Info `json:"infos"`
	Total *int   `json:"total,omitempty"`
}
