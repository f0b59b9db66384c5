package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

// drainStream reads every batch of a stream.
func drainStream(t testing.TB, s *CredentialStream, batch int) []Credential {
	t.Helper()
	var all []Credential
	for {
		b, err := s.Next(batch)
		if errors.Is(err, io.EOF) {
			return all
		}
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
}

func TestStreamMatchesUnmarshal(t *testing.T) {
	for _, name := range []string{"seed003_list.json", "seed003_iso_list.json"} {
		raw, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var whole CredentialList
		if err := json.Unmarshal(raw, &whole); err != nil {
			t.Fatal(err)
		}
		got := drainStream(t, NewCredentialStream(io.NopCloser(bytes.NewReader(raw))), 1)
		if !reflect.DeepEqual(got, whole.Credentials) {
			t.Fatalf("%s: stream %+v\n!= unmarshal %+v", name, got, whole.Credentials)
		}
	}
}

func TestStreamReadsTotalBeforeRowsAndSkipsUnknownKeys(t *testing.T) {
	body := `{"code":200,"response":{"status":200,"message":"3 credentials found"},"tenant":{"a":[1,2]},"total":3,` +
		`"credentials":[{"id":"1"},{"id":2},{"id":"3"}],"after":true}`
	s := NewCredentialStream(io.NopCloser(strings.NewReader(body)))
	first, err := s.Next(2)
	if err != nil || len(first) != 2 {
		t.Fatalf("first batch: %v %v", first, err)
	}
	if n, ok := s.Total(); !ok || n != 3 {
		t.Fatalf("total = %d %v", n, ok)
	}
	rest := drainStream(t, s, 2)
	if len(rest) != 1 || rest[0].ID != "3" {
		t.Fatalf("rest = %+v", rest)
	}
}

func TestStreamEmptyAndErrorEnvelope(t *testing.T) {
	s := NewCredentialStream(io.NopCloser(strings.NewReader(`{"response":{"status":200},"credentials":[]}`)))
	if got := drainStream(t, s, 10); len(got) != 0 {
		t.Fatalf("empty list gave %v", got)
	}
	s = NewCredentialStream(io.NopCloser(strings.NewReader(`{"response":{"status":400,"message":"1039: no","error":true,"error_code":1039}}`)))
	if _, err := s.Next(10); err == nil || !strings.Contains(err.Error(), "1039") {
		t.Fatalf("error envelope: %v", err)
	}
}

// bigCredentialBody builds a GET credential answer with n rows.
func bigCredentialBody(n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"code":200,"response":{"status":200,"message":"%d credentials found","error":false},"total":%d,"credentials":[`, n, n)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"%d","identifier":"cred-%06d","username":"svc_%d","expiration":"2027-01-%02dT10:00:00Z","change":"2026-05-03 16:19:53","view":null,`+
			`"hostname":"host-%d.corp.example","management_ip":"10.%d.%d.%d","type":"Local User","type_code":"1","device_model":"Ubuntu 24.04",`+
			`"device_type":"Server","device_vendor":"Canonical","automatic_change":%t,"connectivity":"SSH","connectivity_code":"1"}`,
			i, i, i, i%28+1, i%997, i%250, (i/250)%250, i%200, i%3 == 0)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// BenchmarkDecode decodes a whole list from memory: "json" is the
// json.Decoder stream it replaced (legacy_stream_test.go), "fast" the
// CredentialStream of today.
func BenchmarkDecode(b *testing.B) {
	type nexter interface {
		Next(int) ([]Credential, error)
	}
	decoders := []struct {
		name string
		open func(io.ReadCloser) nexter
	}{
		{"json", func(r io.ReadCloser) nexter { return newLegacyCredentialStream(r) }},
		{"fast", func(r io.ReadCloser) nexter { return NewCredentialStream(r) }},
	}
	for _, n := range []int{10_000, 100_000} {
		body := bigCredentialBody(n)
		for _, d := range decoders {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, d.name), func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					s := d.open(io.NopCloser(bytes.NewReader(body)))
					rows := 0
					for {
						batch, err := s.Next(2000)
						if errors.Is(err, io.EOF) {
							break
						}
						if err != nil {
							b.Fatal(err)
						}
						rows += len(batch)
					}
					if rows != n {
						b.Fatalf("decoded %d rows, want %d", rows, n)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/cred")
			})
		}
	}
}
