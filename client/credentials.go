package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
)

// CredentialsService is the PAM Core credential API (seeds 001, 003, 004).
type CredentialsService struct{ service }

// CredentialListOptions are our server's extensions to GET credential; a
// real senhasegura ignores them and answers everything.
type CredentialListOptions struct {
	Limit  int
	Offset int
	Search string
}

func (o CredentialListOptions) query() url.Values {
	q := url.Values{}
	if o.Limit > 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Offset > 0 {
		q.Set("offset", strconv.Itoa(o.Offset))
	}
	if o.Search != "" {
		q.Set("search", o.Search)
	}
	return q
}

func (s service) pamPath(resource string, ref ...string) string {
	p := s.c.pamPrefix + "/" + resource
	for _, r := range ref {
		p += "/" + url.PathEscape(r)
	}
	return p
}

// List decodes the whole list at once. For large estates use Stream.
func (s *CredentialsService) List(ctx context.Context, opts CredentialListOptions) (*CredentialList, error) {
	var l CredentialList
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("credential"), query: opts.query(), pam: true}, &l)
	return &l, err
}

// Get returns one credential with its password; ref is an id, an
// identifier or username@hostname. The server records the view.
func (s *CredentialsService) Get(ctx context.Context, ref string) (*CredentialDetail, error) {
	var r CredentialReply
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("credential", ref), pam: true}, &r)
	return &r.Credential, err
}

// GetWithoutPassword returns one credential without its password (GET
// credential/{ref}?password=false, needs pam.credential.view): our
// server neither reveals, audits nor stamps the view. Only our server
// knows the parameter — a real senhasegura would ignore it and reveal —
// so never call it there (the console uses the list's row instead).
// Password and Content are always empty in the answer.
func (s *CredentialsService) GetWithoutPassword(ctx context.Context, ref string) (*CredentialDetail, error) {
	var r CredentialReply
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("credential", ref),
		query: url.Values{"password": {"false"}}, pam: true}, &r)
	r.Credential.Password, r.Credential.Content = "", ""
	return &r.Credential, err
}

// Upsert creates or updates a credential as seed 001 describes.
func (s *CredentialsService) Upsert(ctx context.Context, in CredentialUpsert) (*CredentialUpsertReply, error) {
	var r CredentialUpsertReply
	err := s.c.do(ctx, request{method: http.MethodPost, path: s.pamPath("credential"), body: in, pam: true}, &r)
	return &r, err
}

// Created reports whether the upsert created a credential. The vendor
// answers 201 for an update too ("Credential updated successfully!"), so the
// message decides; a reply without one falls back to the status.
func (r *CredentialUpsertReply) Created() bool { return r.PAMReply.upsertCreated() }

// Deactivate deactivates a credential by id or identifier.
func (s *CredentialsService) Deactivate(ctx context.Context, ref string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodDelete, path: s.pamPath("credential", ref), pam: true}, &r)
	return &r, err
}

// Activate re-activates a credential.
func (s *CredentialsService) Activate(ctx context.Context, id string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodPut, path: s.pamPath("credential", id), pam: true}, &r)
	return &r, err
}

// ReleaseCustody releases the custody of a credential.
func (s *CredentialsService) ReleaseCustody(ctx context.Context, id string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodDelete, path: s.pamPath("credential", "custody", id), pam: true}, &r)
	return &r, err
}

// Stream starts GET credential and decodes the answer as it arrives, so
// the first rows can be shown before a 100,000-row body is parsed. The
// client's timeout bounds the wait for the headers and for each part of
// the body, not the whole read (a million rows may take longer).
func (s *CredentialsService) Stream(ctx context.Context, opts CredentialListOptions) (*CredentialStream, error) {
	resp, err := s.c.send(ctx, request{method: http.MethodGet, path: s.pamPath("credential"), query: opts.query(), pam: true, stream: true})
	if err != nil {
		return nil, err
	}
	return NewCredentialStream(resp.Body), nil
}

// CredentialStream decodes the "credentials" array of a GET credential
// answer as it arrives. The envelope up to the array is read by
// encoding/json; the rows by a reader of their own (credential_decode.go)
// that runs ahead of the caller in its own goroutine, a few batches at
// most, so the network read and the decode overlap with whatever the
// caller does with the previous batch.
type CredentialStream struct {
	body     io.ReadCloser
	dec      *json.Decoder // the envelope, up to the array
	done     bool          // no array (or an empty envelope): nothing to read
	total    int
	hasTotal bool
	reply    PAMReply

	want     atomic.Int64 // rows per batch the reader decodes ahead: the last Next's max
	batches  chan streamBatch
	stop     chan struct{}
	stopOnce sync.Once
	pending  []Credential // rows of a batch not handed out yet
	err      error        // the reader's last word: io.EOF at the end
}

// streamBatch is one batch decoded ahead; err ends the stream after rows.
type streamBatch struct {
	rows []Credential
	err  error
}

// aheadBatches is how many decoded batches may wait for the caller.
const aheadBatches = 2

// NewCredentialStream decodes r (closed by Close).
func NewCredentialStream(r io.ReadCloser) *CredentialStream {
	return &CredentialStream{body: r, dec: json.NewDecoder(r), stop: make(chan struct{})}
}

// Total returns the server's "total" when it came before the rows.
func (s *CredentialStream) Total() (int, bool) { return s.total, s.hasTotal }

// Next returns up to max rows (fewer when the rows decoded so far end
// sooner); io.EOF after the last one. A decode or read error comes after
// the rows before it. Next is not safe for concurrent use.
func (s *CredentialStream) Next(max int) ([]Credential, error) {
	if max <= 0 {
		max = 1000
	}
	if s.batches == nil && s.err == nil {
		if err := s.start(max); err != nil {
			s.err = err
		}
	}
	s.want.Store(int64(max))
	if len(s.pending) == 0 && s.err == nil {
		b, ok := <-s.batches
		switch {
		case !ok:
			s.err = errors.New("client: credential list: stream closed")
		case b.err != nil:
			s.pending, s.err = b.rows, b.err
		default:
			s.pending = b.rows
		}
	}
	if len(s.pending) == 0 {
		return nil, s.err
	}
	n := min(max, len(s.pending))
	out := s.pending[:n:n]
	s.pending = s.pending[n:]
	return out, nil
}

// start reads the envelope up to the array and starts the reader.
func (s *CredentialStream) start(max int) error {
	if err := s.seekArray(); err != nil {
		return err
	}
	if s.done {
		return io.EOF
	}
	s.want.Store(int64(max))
	s.batches = make(chan streamBatch, aheadBatches)
	go s.read(newElementReader(io.MultiReader(s.dec.Buffered(), s.body)))
	return nil
}

// read decodes batches ahead of Next until the array ends, an error, or Close.
func (s *CredentialStream) read(er *elementReader) {
	defer close(s.batches)
	d := newCredentialDecoder()
	for {
		rows := make([]Credential, 0, s.want.Load())
		var err error
		for len(rows) < cap(rows) {
			rows = append(rows, Credential{})
			more, e := er.next(d, &rows[len(rows)-1])
			if e != nil || !more {
				rows, err = rows[:len(rows)-1], io.EOF
				var bad *badElement
				switch {
				case errors.As(e, &bad):
					err = fmt.Errorf("client: decode credential %d: %w", len(rows), bad.err)
				case e != nil:
					err = fmt.Errorf("client: credential list: %w", e)
				}
				break
			}
		}
		select {
		case s.batches <- streamBatch{rows: rows, err: err}:
		case <-s.stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// seekArray walks the top-level object up to the "credentials" array,
// remembering "total" and "response" on the way and skipping other keys.
func (s *CredentialStream) seekArray() error {
	if err := s.expectDelim('{'); err != nil {
		return err
	}
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return fmt.Errorf("client: credential list: %w", err)
		}
		key, _ := tok.(string)
		switch key {
		case "credentials":
			tok, err := s.dec.Token()
			if err != nil {
				return fmt.Errorf("client: credential list: %w", err)
			}
			if tok == nil { // "credentials": null
				continue
			}
			if d, ok := tok.(json.Delim); !ok || d != '[' {
				return errors.New("client: credential list: \"credentials\" is not an array")
			}
			return nil
		case "total":
			if err := s.dec.Decode(&s.total); err == nil {
				s.hasTotal = true
			}
		case "response":
			if err := s.dec.Decode(&s.reply.Response); err != nil {
				return fmt.Errorf("client: credential list envelope: %w", err)
			}
		default:
			var skip json.RawMessage
			if err := s.dec.Decode(&skip); err != nil {
				return fmt.Errorf("client: credential list: %w", err)
			}
		}
	}
	s.done = true
	if s.reply.Response.Error || s.reply.Response.Erro {
		return envelopeError(s.reply.Response)
	}
	return nil
}

func (s *CredentialStream) expectDelim(want json.Delim) error {
	tok, err := s.dec.Token()
	if err != nil {
		return fmt.Errorf("client: credential list: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("client: credential list: want %q, got %v", want, tok)
	}
	return nil
}

// Close releases the connection and stops the reader; it may be called
// while Next waits (from a context's AfterFunc, say).
func (s *CredentialStream) Close() error {
	s.stopOnce.Do(func() { close(s.stop) })
	return s.body.Close()
}
