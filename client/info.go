package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// InfoService is the PAM Core protected information API
// (PAMCORE-VENDOR.md §5; the vendor deprecated it in 3.26 but still serves it).
type InfoService struct{ service }

// InfoListOptions are the parameters of our list extension.
type InfoListOptions struct {
	Limit  int
	Offset int
	Search string
}

// List is our server's extension: a real senhasegura has no list (it
// answers an error; the console then opens items by id).
func (s *InfoService) List(ctx context.Context, opts InfoListOptions) (*InfoList, error) {
	q := url.Values{}
	if opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	if opts.Offset > 0 {
		q.Set("offset", strconv.Itoa(opts.Offset))
	}
	if opts.Search != "" {
		q.Set("search", opts.Search)
	}
	var l InfoList
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("info"), query: q, pam: true}, &l)
	return &l, err
}

// Get returns the item id (or identifier) with its content; our server
// audits it as a reveal and needs pam.info.reveal.
func (s *InfoService) Get(ctx context.Context, ref string) (*Info, error) {
	return s.get(ctx, ref, nil)
}

// GetPublic asks for the item without its content (?reveal=0, our
// extension); a real server sends the content anyway, so the caller keeps
// treating Content as secret.
func (s *InfoService) GetPublic(ctx context.Context, ref string) (*Info, error) {
	return s.get(ctx, ref, url.Values{"reveal": {"0"}})
}

func (s *InfoService) get(ctx context.Context, ref string, q url.Values) (*Info, error) {
	var r InfoReply
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("info", ref), query: q, pam: true}, &r)
	return &r.Info, err
}

// Create registers an item; Content is required (1026).
func (s *InfoService) Create(ctx context.Context, in InfoCreate) (*InfoReply, error) {
	var r InfoReply
	err := s.c.do(ctx, request{method: http.MethodPost, path: s.pamPath("info"), body: in, pam: true}, &r)
	return &r, err
}

// Disable disables an item (1024 when already disabled).
func (s *InfoService) Disable(ctx context.Context, ref string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodDelete, path: s.pamPath("info", ref), pam: true}, &r)
	return &r, err
}
