package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// sameCredential reports whether a and b hold the same values: their JSON
// (every field, nil and false told apart) and the instants and offsets of
// their times (a zone is a new pointer at every parse).
func sameCredential(a, b *Credential) bool {
	if !bytes.Equal(a.AppendJSON(nil), b.AppendJSON(nil)) {
		return false
	}
	for _, p := range [][2]time.Time{{a.Expiration.Time, b.Expiration.Time}, {a.Change.Time, b.Change.Time}, {a.View.Time, b.View.Time}} {
		_, oa := p[0].Zone()
		_, ob := p[1].Zone()
		if !p[0].Equal(p[1]) || oa != ob || p[0].IsZero() != p[1].IsZero() {
			return false
		}
	}
	return true
}

// checkDecode decodes elem both ways: json.Unmarshal with termsafe.Value
// (what the client did before) and credentialDecoder.
func checkDecode(t *testing.T, elem []byte) {
	t.Helper()
	var want, got Credential
	wantErr := json.Unmarshal(elem, &want)
	termsafe.Value(&want)
	gotErr := newCredentialDecoder().decode(elem, &got)
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("%s:\nencoding/json error %v\n      decoder error %v", elem, wantErr, gotErr)
	}
	if wantErr == nil && !sameCredential(&want, &got) {
		t.Fatalf("%s:\nencoding/json %+v\n      decoder %+v", elem, want, got)
	}
}

// decodeCases are elements of every shape the fast path takes or hands on.
var decodeCases = []string{
	`{"id":"2","identifier":"018f3fe6","username":"user@example.com","expiration":"2024-05-16T17:31:31-03:00","change":"2024-05-03 16:19:53","view":"2024-05-24 23:26:09","hostname":"gmail.com","management_ip":"mail.google.com","type":"Local User","type_code":"1","device_model":"Gmail","device_type":"Web Application","device_vendor":"Google","automatic_change":false,"connectivity":"HTTPS","connectivity_code":"10"}`,
	`{"id":39,"type_code":1,"connectivity_code":13.5e1,"automatic_change":"1","expiration":null,"view":null,"active":true,"in_custody":false}`,
	"{ \"id\" : \"7\" ,\n \"username\" :\t\"root\" , \"active\" : null , \"in_custody\" : true }",
	`{}`, `null`, `{"id":null,"identifier":null,"username":null}`,
	`{"ID":"5","Username":"caps"}`, `{"uſername":"long s"}`, `{"unknown":"x","other":12,"flag":true,"nothing":null}`,
	`{"extra":{"nested":[1,2,{"a":"}"}]},"id":"8"}`, `{"extra":[],"id":"9"}`,
	`{"identifier":"esc\"aped\\ \u00e9 \n","hostname":"\u001b]0;title\u0007"}`,
	`{"hostname":"db01` + "\x1b" + `[2J","username":"bidi` + "\u202e" + `x","type":"bad` + "\xff" + `utf8","device_model":"` + "\u0085" + `"}`,
	`{"username":"São Paulo 東京 🔑","device_vendor":"\u2028"}`,
	`{"expiration":"2024-05-16","change":"2024-05-03T16:19:53","view":"0000-00-00 00:00:00"}`,
	`{"expiration":"not a date"}`, `{"change":12}`, `{"automatic_change":"maybe"}`, `{"automatic_change":"yes"}`,
	`{"id":true}`, `{"identifier":12}`, `{"active":"true"}`, `{"active":1}`, `{"id":"1","id":"2","active":true,"active":null}`,
	`{"id":01}`, `{"id":-}`, `{"id":1.}`, `{"id":"1",}`, `{"id" "1"}`, `{"id":"1"`, `{"id":"1"}}`, `[1,2]`, `"str"`, `12`,
	`{"id":nul}`, `{"id":"1" , "username":"a"  }  `, `{"type_code":-0.5E+3}`,
}

func TestFastDecodeMatchesUnmarshal(t *testing.T) {
	for _, c := range decodeCases {
		checkDecode(t, []byte(c))
	}
	for _, name := range []string{"testdata/seed003_list.json", "testdata/seed003_iso_list.json", "testdata/vendor/credential_list.json"} {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var whole struct{ Credentials []json.RawMessage }
		if err := json.Unmarshal(raw, &whole); err != nil || len(whole.Credentials) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		for _, elem := range whole.Credentials {
			checkDecode(t, elem)
		}
	}
}

// The fast path must be the one taken for our server's and the vendor's
// rows (else the speed is gone, silently).
func TestFastDecodeTakesUsualRows(t *testing.T) {
	for _, c := range decodeCases[:3] {
		var got Credential
		if n, err := newCredentialDecoder().fast([]byte(c), &got); err != nil || n != len(c) {
			t.Errorf("%s: not decoded by the fast path", c)
		}
	}
	row := bigCredentialBody(1)
	elem := row[bytes.IndexByte(row, '[')+1 : len(row)-2]
	var got Credential
	if n, err := newCredentialDecoder().fast(elem, &got); err != nil || n != len(elem) || got.Hostname != "host-0.corp.example" {
		t.Errorf("%s: fast path %v, %+v", elem, err, got)
	}
}

// A stream of every case gives what the json.Decoder stream gave, rows
// and errors alike.
func TestStreamMatchesLegacyStream(t *testing.T) {
	for _, c := range decodeCases {
		checkStream(t, c)
	}
}

// checkStream reads elems inside two bodies with both streams.
func checkStream(t *testing.T, elems string) {
	t.Helper()
	for _, body := range []string{
		`{"total":2,"credentials":[` + elems + `,{"id":"last"}],"after":1}`,
		`{"credentials":[` + elems + `]}`,
	} {
		legacy, legacyErr := drainBoth(newLegacyCredentialStream(io.NopCloser(strings.NewReader(body))))
		got, gotErr := drainBoth(NewCredentialStream(io.NopCloser(strings.NewReader(body))))
		// On a broken body the new stream fails (the old one let some
		// truncated bodies pass as complete) and hands out no more rows
		// than the old one, which may have decoded some garbage first.
		broken := !json.Valid([]byte(body))
		if legacyErr != nil && gotErr == nil || gotErr != nil && legacyErr == nil && !broken ||
			len(got) > len(legacy) || gotErr == nil && len(legacy) != len(got) {
			t.Fatalf("%s:\nlegacy %d rows, %v\n   new %d rows, %v", body, len(legacy), legacyErr, len(got), gotErr)
		}
		for i := range got {
			if !sameCredential(&legacy[i], &got[i]) {
				t.Fatalf("%s: row %d\nlegacy %+v\n   new %+v", body, i, legacy[i], got[i])
			}
		}
	}
}

// drainBoth reads every row and the error that ended the stream (nil at io.EOF).
func drainBoth(s interface {
	Next(int) ([]Credential, error)
}) ([]Credential, error) {
	var all []Credential
	for {
		b, err := s.Next(1)
		all = append(all, b...)
		if errors.Is(err, io.EOF) {
			return all, nil
		}
		if err != nil {
			return all, err
		}
	}
}

func TestStreamBoundsOneCredential(t *testing.T) {
	body := `{"credentials":[{"id":"1","notes":"` + strings.Repeat("x", maxElement) + `"}]}`
	_, err := drainBoth(NewCredentialStream(io.NopCloser(strings.NewReader(body))))
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("a credential over %d bytes: %v", maxElement, err)
	}
}

// Close while Next waits for the network ends Next with an error, not a
// hang (the console closes the stream from a context's AfterFunc).
func TestStreamCloseWhileReading(t *testing.T) {
	pr, pw := io.Pipe()
	go pw.Write([]byte(`{"total":3,"credentials":[{"id":"1"},`))
	s := NewCredentialStream(pr)
	first, err := s.Next(1)
	if err != nil || len(first) != 1 {
		t.Fatalf("first batch %v, %v", first, err)
	}
	go s.Close()
	if rows, err := s.Next(10); err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("after Close: %v, %v", rows, err)
	}
}

// FuzzCredentialDecode holds the decoder to json.Unmarshal, alone and
// inside a stream (where it also cuts the elements).
func FuzzCredentialDecode(f *testing.F) {
	for _, c := range decodeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, elem []byte) {
		checkDecode(t, elem)
		checkStream(t, string(elem))
	})
}

// Elements cut by the reads at every byte decode as whole ones do (the
// usual element is decoded where it lies in the read buffer).
func TestStreamAcrossReadBoundaries(t *testing.T) {
	body := `{"total":3,"credentials":[` + strings.Join(decodeCases[:3], ",") + `,` + decodeCases[11] + `]}`
	want, err := drainBoth(NewCredentialStream(io.NopCloser(strings.NewReader(body))))
	if err != nil || len(want) != 4 {
		t.Fatalf("whole: %d rows, %v", len(want), err)
	}
	for _, wrap := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader, iotest.DataErrReader} {
		got, err := drainBoth(NewCredentialStream(io.NopCloser(wrap(strings.NewReader(body)))))
		if err != nil || len(got) != len(want) {
			t.Fatalf("cut reads: %d rows, %v", len(got), err)
		}
		for i := range got {
			if !sameCredential(&want[i], &got[i]) {
				t.Fatalf("row %d cut by reads\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
	}
	big := bigCredentialBody(2000) // several read buffers
	got, err := drainBoth(NewCredentialStream(io.NopCloser(iotest.HalfReader(bytes.NewReader(big)))))
	legacy, legacyErr := drainBoth(newLegacyCredentialStream(io.NopCloser(bytes.NewReader(big))))
	if err != nil || legacyErr != nil || len(got) != 2000 || len(legacy) != 2000 {
		t.Fatalf("big body: %d rows, %v; legacy %d, %v", len(got), err, len(legacy), legacyErr)
	}
	for i := range got {
		if !sameCredential(&legacy[i], &got[i]) {
			t.Fatalf("big body row %d\n got %+v\nwant %+v", i, got[i], legacy[i])
		}
	}
}
