package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

const clientCredentialsPath = "/pam/apps/settings/client-credentials/"

// ClientCredentialsService is the client-credentials admin API (API.md §3).
type ClientCredentialsService struct{ service }

// ClientCredentialListOptions select a page.
type ClientCredentialListOptions struct {
	Page     int
	PageSize int
	Search   string
	Ordering string // name, -name, valid_till, -valid_till, last_used_at, -last_used_at, id, -id
}

func (o ClientCredentialListOptions) query() url.Values {
	q := url.Values{}
	if o.Page > 0 {
		q.Set("page", strconv.Itoa(o.Page))
	}
	if o.PageSize > 0 {
		q.Set("page_size", strconv.Itoa(o.PageSize))
	}
	if o.Search != "" {
		q.Set("search", o.Search)
	}
	if o.Ordering != "" {
		q.Set("ordering", o.Ordering)
	}
	return q
}

func ccPath(id int64, suffix string) string {
	return clientCredentialsPath + strconv.FormatInt(id, 10) + "/" + suffix
}

// List returns one page.
func (s *ClientCredentialsService) List(ctx context.Context, opts ClientCredentialListOptions) (*ClientCredentialPage, error) {
	var p ClientCredentialPage
	err := s.c.do(ctx, request{method: http.MethodGet, path: clientCredentialsPath, query: opts.query()}, &p)
	return &p, err
}

// ListAll follows pages of 1000 until the last.
func (s *ClientCredentialsService) ListAll(ctx context.Context, search string) ([]ClientCredential, error) {
	var all []ClientCredential
	for page := 1; ; page++ {
		p, err := s.List(ctx, ClientCredentialListOptions{Page: page, PageSize: 1000, Search: search})
		if err != nil {
			return nil, err
		}
		all = append(all, p.Results...)
		if p.Next == nil || len(p.Results) == 0 {
			return all, nil
		}
	}
}

// Get returns one client credential, secret masked.
func (s *ClientCredentialsService) Get(ctx context.Context, id int64) (*ClientCredential, error) {
	var cc ClientCredential
	err := s.c.do(ctx, request{method: http.MethodGet, path: ccPath(id, "")}, &cc)
	return &cc, err
}

// Create adds a client credential; the answer holds the plain secret once.
func (s *ClientCredentialsService) Create(ctx context.Context, in ClientCredentialInput) (*ClientCredential, error) {
	var cc ClientCredential
	err := s.c.do(ctx, request{method: http.MethodPost, path: clientCredentialsPath, body: in}, &cc)
	return &cc, err
}

// Update changes name and validity (Edit → Update).
func (s *ClientCredentialsService) Update(ctx context.Context, id int64, in ClientCredentialInput) (*ClientCredential, error) {
	var cc ClientCredential
	err := s.c.do(ctx, request{method: http.MethodPut, path: ccPath(id, ""), body: in}, &cc)
	return &cc, err
}

// SetScopes replaces the scope set (Edit scopes → Save).
func (s *ClientCredentialsService) SetScopes(ctx context.Context, id int64, in ScopesInput) (*ClientCredential, error) {
	if in.Scopes == nil {
		in.Scopes = []string{}
	}
	var cc ClientCredential
	err := s.c.do(ctx, request{method: http.MethodPut, path: ccPath(id, "scopes/"), body: in}, &cc)
	return &cc, err
}

// RevealSecret returns the plain secret (audited by the server).
func (s *ClientCredentialsService) RevealSecret(ctx context.Context, id int64) (string, error) {
	var r SecretResponse
	err := s.c.do(ctx, request{method: http.MethodGet, path: ccPath(id, "secret/")}, &r)
	return r.ClientSecret, err
}

// RotateSecret issues a new secret, returned once. With grace 0 the old
// secret (and every token issued for it) stops working at once; otherwise
// it keeps working for grace, whole seconds, at most 7 days, so the
// services using it can move over.
func (s *ClientCredentialsService) RotateSecret(ctx context.Context, id int64, grace time.Duration) (*ClientCredential, error) {
	var cc ClientCredential
	body := RotateSecretRequest{GraceSeconds: int64(grace / time.Second)}
	err := s.c.do(ctx, request{method: http.MethodPost, path: ccPath(id, "rotate-secret/"), body: body}, &cc)
	return &cc, err
}

// Delete removes a client credential (the protected key is refused: 409).
func (s *ClientCredentialsService) Delete(ctx context.Context, id int64) error {
	return s.c.do(ctx, request{method: http.MethodDelete, path: ccPath(id, "")}, nil)
}

// BulkDelete deletes each id on its own and reports per id.
func (s *ClientCredentialsService) BulkDelete(ctx context.Context, ids []int64) ([]BulkDeleteResult, error) {
	var r BulkDeleteResponse
	err := s.c.do(ctx, request{method: http.MethodPost, path: clientCredentialsPath + "bulk-delete/", body: BulkDeleteRequest{IDs: ids}}, &r)
	return r.Results, err
}

// BulkUpdate changes the validity of each item on its own and reports per
// item (updated, conflict, refused, not_found); one bad item never blocks
// the others. At most 1000 items.
func (s *ClientCredentialsService) BulkUpdate(ctx context.Context, items []BulkUpdateItem) ([]BulkUpdateResult, error) {
	var r BulkUpdateResponse
	err := s.c.do(ctx, request{method: http.MethodPost, path: clientCredentialsPath + "bulk-update/", body: BulkUpdateRequest{Items: items}}, &r)
	return r.Results, err
}

// ScopesService reads the scope catalogue (API.md §2).
type ScopesService struct{ service }

// Catalogue returns the scope groups in display order.
func (s *ScopesService) Catalogue(ctx context.Context) (*ScopeCatalogue, error) {
	var sc ScopeCatalogue
	err := s.c.do(ctx, request{method: http.MethodGet, path: "/pam/apps/settings/scopes/"}, &sc)
	return &sc, err
}

// AuditService reads the audit log.
type AuditService struct{ service }

// AuditListOptions select a page of the audit log.
type AuditListOptions struct {
	Page     int
	PageSize int
	Search   string
}

// List returns one page, newest first.
func (s *AuditService) List(ctx context.Context, opts AuditListOptions) (*AuditPage, error) {
	q := ClientCredentialListOptions{Page: opts.Page, PageSize: opts.PageSize, Search: opts.Search}.query()
	var p AuditPage
	err := s.c.do(ctx, request{method: http.MethodGet, path: clientCredentialsPath + "audit/", query: q}, &p)
	return &p, err
}
