package client

import (
	"encoding/json"
	"time"
)

// This file holds the one definition of the wire shapes (API.md). The server
// encodes with these types and the client decodes with them, so the two can
// never drift. PAM Core shapes follow seeds 001–004 and tolerate a real
// senhasegura server's quirks through the Flex* types in flex.go.

// MaskedSecret is what the server sends in place of a client secret it will
// not reveal.
const MaskedSecret = "••••••••"

// ---------------------------------------------------------------------------
// OAuth (API.md §1)

// TokenResponse is the RFC 6749 §4.4 answer of /iso/oauth2/token and /api/oauth2/token.
type TokenResponse struct {
	AccessToken string  `json:"access_token"`
	TokenType   string  `json:"token_type"`
	ExpiresIn   Seconds `json:"expires_in"`
	Scope       string  `json:"scope,omitempty"`
}

// SeedTokenResponse is the answer of the seed-000 token-generation endpoint.
type SeedTokenResponse struct {
	AccessToken      string `json:"access_token"`
	TokenType        string `json:"token_type"`
	ExpiresInMinutes int    `json:"expires_in_minutes"`
}

// OAuthError is the RFC 6749 §5.2 error body.
// Message repeats the description: real clients of the vendor's token
// endpoint read "message" (PAMCORE-VENDOR.md §7).
type OAuthError struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description,omitempty"`
	Message          string `json:"message,omitempty"`
}

// Identity is who the client is signed in as, read from its access token's
// claims (sub, cid, name, customer, scope) when the token is a JWT, else
// the profile's client id (ScopesKnown false: an opaque token says nothing).
type Identity struct {
	ClientID    string   `json:"sub"`
	ID          int64    `json:"cid"`
	Name        string   `json:"name"`
	Customer    string   `json:"customer"`
	Scopes      []string `json:"-"`
	ScopesKnown bool     `json:"-"`
}

// HasScope reports whether the identity was granted scope.
func (i Identity) HasScope(scope string) bool {
	for _, s := range i.Scopes {
		if s == scope {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Scope catalogue (API.md §2)

// ScopeCatalogue lists the scope groups in display order.
type ScopeCatalogue struct {
	Groups []ScopeGroup `json:"groups"`
}

// ScopeGroup is one "option" of seed 000's scopes page.
type ScopeGroup struct {
	Key    string  `json:"key"`
	Label  string  `json:"label"`
	Scopes []Scope `json:"scopes"`
}

// Scope is one capability a client credential may hold.
type Scope struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Default bool   `json:"default"`
}

// ---------------------------------------------------------------------------
// Client credentials admin API (API.md §3)

// ClientCredential is one OAuth client credential. ClientSecret is
// MaskedSecret except in the answers of Create and RotateSecret.
type ClientCredential struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	ClientID     string    `json:"client_id"`
	ClientSecret string    `json:"client_secret" termsafe:"raw"`
	ValidFrom    time.Time `json:"valid_from"`
	ValidTill    time.Time `json:"valid_till"`
	Scopes       []string  `json:"scopes"`
	Protected    bool      `json:"protected"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
	Version      int       `json:"version"`
	// PreviousSecretValidUntil is set after a rotation with a grace period:
	// until then the secret it replaced still works (it may be in the past).
	PreviousSecretValidUntil *time.Time `json:"previous_secret_valid_until,omitempty"`
	// LastTokenAt is when it last obtained an access token, LastUsedAt when
	// one of its tokens was last used on the API (the server writes it at
	// most about once a minute, so it may lag by that much); nil = never, or
	// a server that does not record it. TokensIssued counts its tokens.
	LastTokenAt  *time.Time `json:"last_token_at"`
	LastUsedAt   *time.Time `json:"last_used_at"`
	TokensIssued int64      `json:"tokens_issued"`
}

// RotateSecretRequest is rotate-secret's body; zero (omitted) means no
// grace period.
type RotateSecretRequest struct {
	GraceSeconds int64 `json:"grace_seconds,omitempty"`
}

// ClientCredentialInput is the body of create (name, dates, scopes) and
// update (name, dates). Dates are sent as typed: RFC 3339 or YYYY-MM-DD; the
// server validates them. Version, when non-zero, is checked for optimistic
// concurrency (a stale one is a 409).
type ClientCredentialInput struct {
	Name      string   `json:"name"`
	ValidFrom string   `json:"valid_from"`
	ValidTill string   `json:"valid_till"`
	Scopes    []string `json:"scopes"` // nil on create: the catalogue defaults; ignored by update
	Version   int      `json:"version,omitempty"`
}

// ScopesInput is the body of PUT /{id}/scopes/.
type ScopesInput struct {
	Scopes  []string `json:"scopes"`
	Version int      `json:"version,omitempty"`
}

// Page is a DRF-style page.
type Page[T any] struct {
	Count    int     `json:"count"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
	Results  []T     `json:"results"`
}

// ClientCredentialPage is one page of GET /pam/apps/settings/client-credentials/.
type ClientCredentialPage = Page[ClientCredential]

// SecretResponse is the body of GET /{id}/secret/.
type SecretResponse struct {
	ClientSecret string `json:"client_secret" termsafe:"raw"`
}

// BulkDeleteRequest is the body of POST /bulk-delete/.
type BulkDeleteRequest struct {
	IDs []int64 `json:"ids"`
}

// Bulk delete statuses.
const (
	BulkDeleted  = "deleted"
	BulkRefused  = "refused"
	BulkNotFound = "not_found"
)

// BulkDeleteResult is the outcome for one id of a bulk delete.
type BulkDeleteResult struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// BulkDeleteResponse is the body answered by POST /bulk-delete/.
type BulkDeleteResponse struct {
	Results []BulkDeleteResult `json:"results"`
}

// BulkUpdateRequest is the body of POST /bulk-update/ (at most 1000 items).
type BulkUpdateRequest struct {
	Items []BulkUpdateItem `json:"items"`
}

// BulkUpdateItem is one credential's change in a bulk update: its new
// validity, dates as RFC 3339 or YYYY-MM-DD (a date-only valid_till is the
// end of that day, UTC; an omitted date keeps the stored one) and, for
// optimistic concurrency, the version the change was decided on (0 = any).
type BulkUpdateItem struct {
	ID        int64  `json:"id"`
	ValidFrom string `json:"valid_from,omitempty"`
	ValidTill string `json:"valid_till,omitempty"`
	Version   int    `json:"version,omitempty"`
}

// Bulk update statuses (with BulkRefused and BulkNotFound).
const (
	BulkUpdated  = "updated"
	BulkConflict = "conflict" // the version sent is stale: someone else changed it
)

// BulkUpdateResult is the outcome for one item of a bulk update: Status is
// updated (ClientCredential holds the new state), conflict, refused (Error
// says why, Field names the field when one is at fault) or not_found.
type BulkUpdateResult struct {
	ID               int64             `json:"id"`
	Status           string            `json:"status"`
	Error            string            `json:"error,omitempty"`
	Field            string            `json:"field,omitempty"`
	ClientCredential *ClientCredential `json:"client_credential,omitempty"`
}

// BulkUpdateResponse is the body answered by POST /bulk-update/, one result
// per item in the order sent.
type BulkUpdateResponse struct {
	Results []BulkUpdateResult `json:"results"`
}

// AuditEntry is one audit row. It never holds a secret.
type AuditEntry struct {
	ID       int64     `json:"id"`
	Time     time.Time `json:"time"`
	Actor    string    `json:"actor"`               // client credential name
	ActorID  string    `json:"actor_client_id"`     // its client_id
	ActorKey string    `json:"actor_key,omitempty"` // SSH key fingerprint, when the console was served over SSH
	Action   string    `json:"action"`              // e.g. client_credential.create, credential.reveal
	Target   string    `json:"target"`              // e.g. "client_credential:12 (CI deployer)"
	Result   string    `json:"result"`              // "ok" or "refused: …"
}

// AuditPage is one page of GET /pam/apps/settings/client-credentials/audit/.
type AuditPage = Page[AuditEntry]

// ActorKeyHeader carries the SSH key fingerprint of the person acting through
// an SSH-served console; the server records it in the audit row.
const ActorKeyHeader = "X-Pamconsole-Actor-Key"

// ---------------------------------------------------------------------------
// PAM Core (API.md §4, seeds 001–004)

// Envelope is the seed's "response" object carried by every PAM Core answer.
type Envelope struct {
	Status    int    `json:"status"`
	Message   string `json:"message"`
	Error     bool   `json:"error"`
	ErrorCode int    `json:"error_code"`
	Detail    string `json:"detail"`
	Mensagem  string `json:"mensagem"`
	Erro      bool   `json:"erro"`
	CodErro   int    `json:"cod_erro"`
	// Changed is "true" or "false" on credential and device upsert replies
	// (read by the vendor's Ansible collection; missing means changed).
	Changed string `json:"changed,omitempty"`
}

// Exception is the seed's error detail, e.g. {"code":1007,"message":"1007: Credential not found"}.
type Exception struct {
	Code    int     `json:"code"`
	Message string  `json:"message"`
	Detail  *string `json:"detail"`
}

// PAMReply is the common part of every PAM Core answer.
type PAMReply struct {
	Code      int        `json:"code,omitempty"`
	Response  Envelope   `json:"response"`
	Exception *Exception `json:"exception,omitempty"`
}

// Credential is one row of GET credential (seed 003). It never carries a password.
// Active is our server's extension; a real senhasegura omits it (nil = active).
type Credential struct {
	ID               FlexString `json:"id"`
	Identifier       string     `json:"identifier"`
	Username         string     `json:"username"`
	Expiration       ISOTime    `json:"expiration"`
	Change           DateTime   `json:"change"`
	View             DateTime   `json:"view"`
	Hostname         string     `json:"hostname"`
	ManagementIP     string     `json:"management_ip"`
	Type             string     `json:"type"`
	TypeCode         FlexString `json:"type_code"`
	DeviceModel      string     `json:"device_model"`
	DeviceType       string     `json:"device_type"`
	DeviceVendor     string     `json:"device_vendor"`
	AutomaticChange  FlexBool   `json:"automatic_change"`
	Connectivity     string     `json:"connectivity"`
	ConnectivityCode FlexString `json:"connectivity_code"`
	Active           *bool      `json:"active,omitempty"`
	InCustody        *bool      `json:"in_custody,omitempty"`
}

// IsActive reports whether the credential is active (unknown counts as active).
func (c Credential) IsActive() bool { return c.Active == nil || *c.Active }

// CredentialList is the payload of GET credential. Total is our extension
// (the count before limit/offset); a real server omits it.
type CredentialList struct {
	PAMReply
	Credentials []Credential `json:"credentials"`
	Total       *int         `json:"total,omitempty"`
}

// CredentialDetail is the payload of GET credential/{id} (seed 004), with our
// extensions after Model. Password and Content hold the secret: never log them.
type CredentialDetail struct {
	ID                  FlexString      `json:"id"`
	Tag                 string          `json:"tag"`
	Identifier          string          `json:"identifier,omitempty"`
	Username            string          `json:"username"`
	Password            string          `json:"password" termsafe:"raw"`
	Content             string          `json:"content" termsafe:"raw"`
	Hostname            string          `json:"hostname"`
	ParentCredentialCod *FlexString     `json:"parent_credential_cod"`
	ParentCredential    *string         `json:"parent_credential"`
	Additional          string          `json:"additional"`
	Domain              string          `json:"domain"`
	IP                  string          `json:"ip"`
	Port                FlexString      `json:"port"`
	Model               string          `json:"model"`
	ExpirationTime      ISOTime         `json:"expiration_time"`
	CredentialType      string          `json:"credential_type,omitempty"`
	Tags                string          `json:"tags,omitempty"`
	DeviceType          string          `json:"device_type,omitempty"`
	Vendor              string          `json:"vendor,omitempty"`
	Site                string          `json:"site,omitempty"`
	Change              DateTime        `json:"change,omitempty"`
	View                DateTime        `json:"view,omitempty"`
	Active              *bool           `json:"active,omitempty"`
	InCustody           *bool           `json:"in_custody,omitempty"`
	ExecutionSettings   json.RawMessage `json:"execution_settings,omitempty"`
	SessionSettings     json.RawMessage `json:"session_settings,omitempty"`
	AdditionalSettings  json.RawMessage `json:"additional_settings,omitempty"`
	JITSettings         json.RawMessage `json:"jit_settings,omitempty"`
	Notes               string          `json:"notes,omitempty"`
}

// CredentialReply is the payload of GET credential/{id}.
type CredentialReply struct {
	PAMReply
	Credential CredentialDetail `json:"credential"`
}

// CredentialUpsert is the body of POST credential (seed 001). Username is a
// pointer because "sent but empty" (becomes "usr") differs from "not sent"
// (error 1042). Empty strings are omitted.
type CredentialUpsert struct {
	Identifier          string          `json:"identifier,omitempty"`
	Username            *string         `json:"username,omitempty"`
	Hostname            string          `json:"hostname,omitempty"`
	IP                  string          `json:"ip,omitempty"`
	Content             string          `json:"content,omitempty"`
	Additional          string          `json:"additional,omitempty"`
	Tags                string          `json:"tags,omitempty"`
	CredentialType      string          `json:"credential_type,omitempty"`
	Domain              string          `json:"domain,omitempty"`
	ParentPassword      string          `json:"parent_password,omitempty"`
	Type                string          `json:"type,omitempty"`
	Vendor              string          `json:"vendor,omitempty"`
	Model               string          `json:"model,omitempty"`
	Site                string          `json:"site,omitempty"`
	DeviceDomain        string          `json:"device_domain,omitempty"`
	DeviceTags          string          `json:"device_tags,omitempty"`
	Connectivities      string          `json:"connectivities,omitempty"`
	SessionRemoteConfig string          `json:"session_remote_config,omitempty"`
	ExecutionSettings   json.RawMessage `json:"execution_settings,omitempty"`
	SessionSettings     json.RawMessage `json:"session_settings,omitempty"`
	AdditionalSettings  json.RawMessage `json:"additional_settings,omitempty"`
	JITSettings         json.RawMessage `json:"jit_settings,omitempty"`
	Notes               string          `json:"notes,omitempty"`
}

// UpsertRef is the "credential" (or "device") object answered by an upsert.
type UpsertRef struct {
	ID         FlexString `json:"id"`
	Identifier string     `json:"identifier,omitempty"`
	Hostname   string     `json:"hostname,omitempty"`
}

// CredentialUpsertReply is the payload of POST credential.
type CredentialUpsertReply struct {
	PAMReply
	Tenant     string    `json:"tenant,omitempty"`
	Credential UpsertRef `json:"credential"`
}

// Device is one PAM Core device under the vendor's field names
// (PAMCORE-VENDOR.md §2.3). List items carry "tags" only; get and upsert
// replies carry device_domain, device_tags, connectivities and
// session_remote_config. Active is our server's extension: the vendor sends
// none, and missing means active (IsActive).
type Device struct {
	ID                  FlexString `json:"id"`
	Hostname            string     `json:"hostname"`
	IP                  string     `json:"ip"`
	Type                string     `json:"type"`
	Vendor              string     `json:"vendor"`
	Model               string     `json:"model"`
	Site                string     `json:"site"`
	Tags                string     `json:"tags,omitempty"`
	DeviceDomain        string     `json:"device_domain"`
	DeviceTags          string     `json:"device_tags"`
	Connectivities      string     `json:"connectivities"`
	SessionRemoteConfig string     `json:"session_remote_config"`
	Active              *FlexBool  `json:"active,omitempty"`
}

// IsActive reports whether the device is active; a device without the
// field (every vendor reply) is active.
func (d Device) IsActive() bool { return d.Active == nil || bool(*d.Active) }

// TagList is the device's tags: device_tags (get) or tags (list item).
func (d Device) TagList() string {
	if d.DeviceTags != "" {
		return d.DeviceTags
	}
	return d.Tags
}

// DeviceList is the payload of GET device.
type DeviceList struct {
	PAMReply
	Devices []Device `json:"devices"`
	Total   *int     `json:"total,omitempty"`
}

// DeviceReply is the payload of GET device/{id or hostname}.
type DeviceReply struct {
	PAMReply
	Tenant string `json:"tenant,omitempty"`
	Device Device `json:"device"`
}

// DeviceUpsert is the body of POST device (upsert by hostname), under the
// vendor's field names (PAMCORE-VENDOR.md §2.2).
type DeviceUpsert struct {
	Hostname            string `json:"hostname"`
	IP                  string `json:"ip"`
	Type                string `json:"type"`
	Vendor              string `json:"vendor"`
	Model               string `json:"model"`
	Site                string `json:"site"`
	DeviceDomain        string `json:"device_domain,omitempty"`
	DeviceTags          string `json:"device_tags,omitempty"`
	Connectivities      string `json:"connectivities,omitempty"`
	SessionRemoteConfig string `json:"session_remote_config,omitempty"`
}

// DeviceUpsertReply is the payload of POST device: the full device.
type DeviceUpsertReply struct {
	PAMReply
	Device Device `json:"device"`
}

// ---------------------------------------------------------------------------
// Errors in the client-credentials API (DRF style) and general errors.

// FieldErrors is DRF's 400 body: {"errors":{"name":["…"]}} plus a "detail".
type FieldErrors struct {
	Detail    string              `json:"detail,omitempty"`
	Errors    map[string][]string `json:"errors,omitempty"`
	RequestID string              `json:"request_id,omitempty"` // on a 500: the id the server logged it under
}
