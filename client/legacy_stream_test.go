package client

// legacyCredentialStream is the decoder CredentialStream replaced (a
// json.Decoder, element by element, and termsafe.Value by reflection),
// kept as BenchmarkDecode's baseline only.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// legacyCredentialStream decodes the "credentials" array of a GET credential
// answer element by element.
type legacyCredentialStream struct {
	body     io.ReadCloser
	dec      *json.Decoder
	started  bool
	inArray  bool
	done     bool
	total    int
	hasTotal bool
	reply    PAMReply
}

// newLegacyCredentialStream decodes r (closed by Close).
func newLegacyCredentialStream(r io.ReadCloser) *legacyCredentialStream {
	return &legacyCredentialStream{body: r, dec: json.NewDecoder(r)}
}

// Total returns the server's "total" when it came before the rows.
func (s *legacyCredentialStream) Total() (int, bool) { return s.total, s.hasTotal }

// Next returns up to max rows; io.EOF after the last one.
func (s *legacyCredentialStream) Next(max int) ([]Credential, error) {
	if max <= 0 {
		max = 1000
	}
	if s.done {
		return nil, io.EOF
	}
	if !s.inArray {
		if err := s.seekArray(); err != nil {
			return nil, err
		}
		if s.done {
			return nil, io.EOF
		}
	}
	batch := make([]Credential, 0, min(max, 4096))
	for len(batch) < max && s.dec.More() {
		var c Credential
		if err := s.dec.Decode(&c); err != nil {
			return batch, fmt.Errorf("client: decode credential %d: %w", len(batch), err)
		}
		termsafe.Value(&c)
		batch = append(batch, c)
	}
	if !s.dec.More() {
		if _, err := s.dec.Token(); err != nil { // the closing ']'
			return batch, fmt.Errorf("client: credential list: %w", err)
		}
		s.inArray, s.done = false, true
	}
	if len(batch) == 0 {
		return nil, io.EOF
	}
	return batch, nil
}

// seekArray walks the top-level object up to the "credentials" array,
// remembering "total" and "response" on the way and skipping other keys.
func (s *legacyCredentialStream) seekArray() error {
	if !s.started {
		s.started = true
		if err := s.expectDelim('{'); err != nil {
			return err
		}
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
			s.inArray = true
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

func (s *legacyCredentialStream) expectDelim(want json.Delim) error {
	tok, err := s.dec.Token()
	if err != nil {
		return fmt.Errorf("client: credential list: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("client: credential list: want %q, got %v", want, tok)
	}
	return nil
}

func (s *legacyCredentialStream) Close() error { return s.body.Close() }
