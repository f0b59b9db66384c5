package client

import (
	"context"
	"net/http"
	"net/url"
)

// KeysService is the PAM Core SSH keys API (PAMCORE-VENDOR.md §4). The
// vendor has no key list: keys appear in Credentials.List with type
// SSHKeyType.
type KeysService struct{ service }

// SSHKeyType is the credential type under which the credential list shows
// an SSH key (seed 003).
const SSHKeyType = "SSH Key"

// Get returns the key id (or identifier) with its private key and
// passphrase; our server audits it as a reveal and needs pam.key.reveal.
func (s *KeysService) Get(ctx context.Context, ref string) (*SSHKey, error) {
	return s.get(ctx, ref, nil)
}

// GetPublic returns the key without asking for its secrets: our server
// answers ?reveal=0 with private_key and password null and records no
// reveal. A real server ignores the parameter and sends the secrets: the
// caller must still treat PrivateKey and Password as secret.
func (s *KeysService) GetPublic(ctx context.Context, ref string) (*SSHKey, error) {
	return s.get(ctx, ref, url.Values{"reveal": {"0"}})
}

func (s *KeysService) get(ctx context.Context, ref string, q url.Values) (*SSHKey, error) {
	var r SSHKeyReply
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("key", ref), query: q, pam: true}, &r)
	return &r.Key, err
}

// Upsert creates a key, or updates the key named by in.Identifier.
func (s *KeysService) Upsert(ctx context.Context, in SSHKeyUpsert) (*SSHKeyUpsertReply, error) {
	var r SSHKeyUpsertReply
	err := s.c.do(ctx, request{method: http.MethodPost, path: s.pamPath("key"), body: in, pam: true}, &r)
	return &r, err
}

// Created reports whether the upsert created the key ("Key successfully
// registered!"); an update says "Key updated successfully!".
func (r *SSHKeyUpsertReply) Created() bool { return r.PAMReply.upsertCreated() }

// Deactivate deactivates a key (1017 when already inactive).
func (s *KeysService) Deactivate(ctx context.Context, ref string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodDelete, path: s.pamPath("key", ref), pam: true}, &r)
	return &r, err
}

// Activate re-activates a key (1045 when already active).
func (s *KeysService) Activate(ctx context.Context, ref string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodPut, path: s.pamPath("key", ref), pam: true}, &r)
	return &r, err
}
