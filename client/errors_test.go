package client

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// Error bodies shaped as the vendor documents them (PAMCORE-VENDOR.md §1.2,
// §8; fixtures written from the docs, not produced by our server): the
// client finds the 10xx code wherever the vendor put it — exception.code
// while error_code says only 1, or just in front of the message.
func TestVendorErrorBodies(t *testing.T) {
	cases := []struct {
		file      string
		code      pamcode.Code
		summary   string
		notFound  bool
		forbidden bool
	}{
		{"vendor_error_1011.json", pamcode.DeviceNotFound, "1011: Device not found", true, false},
		{"vendor_error_1043.json", pamcode.CredentialAlreadyActive, "1043: Credential is already activated!", false, false},
		{"vendor_error_1017_nospace.json", pamcode.KeyInactive, "1017:Key inactive", false, false},
		{"vendor_error_1039.json", pamcode.Forbidden, "1039: Without PAM Configuration Access permission", false, true},
		{"vendor_error_500.json", 0, "Unexpected error (request vendor-req-9)", false, false},
		{"vendor_error_404.json", 0, "Resource sub not found", true, false},
		{"seed004_notfound.json", pamcode.CredentialNotFound, "1007: Credential not found", true, false},
	}
	for _, c := range cases {
		f := newFakeServer(t)
		file := serveFile(t, c.file)
		f.mux.HandleFunc("GET /iso/pam/device/{ref}", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Request-Id", "vendor-req-9")
			file(w, r)
		})
		_, err := f.client(t).Devices.Get(context.Background(), "14")
		e, ok := AsAPIError(err)
		if !ok {
			t.Fatalf("%s: want an APIError, got %v", c.file, err)
		}
		if e.Code() != c.code || e.Summary() != c.summary || e.IsNotFound() != c.notFound || IsForbidden(err) != c.forbidden {
			t.Errorf("%s: Code %d Summary %q IsNotFound %v IsForbidden %v; want %d %q %v %v",
				c.file, e.Code(), e.Summary(), e.IsNotFound(), IsForbidden(err), c.code, c.summary, c.notFound, c.forbidden)
		}
		if Summary(err) != e.Summary() || !strings.HasSuffix(e.Error(), e.Summary()) {
			t.Errorf("%s: Summary(err) %q, Error() %q", c.file, Summary(err), e.Error())
		}
	}
}

// A vendor error envelope behind a 200 status still is an error, with its code.
func TestVendorErrorEnvelopeInA200(t *testing.T) {
	f := newFakeServer(t)
	f.mux.HandleFunc("PUT /iso/pam/credential/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"response":{"status":400,"message":"1043: Credential is already activated!","error":true,"error_code":1,"erro":true,"cod_erro":1},`+
			`"exception":{"code":1043,"message":"1043: Credential is already activated!","detail":null}}`)
	})
	_, err := f.client(t).Credentials.Activate(context.Background(), "5")
	if e, ok := AsAPIError(err); !ok || e.Code() != pamcode.CredentialAlreadyActive || e.Summary() != "1043: Credential is already activated!" {
		t.Fatalf("want 1043 with the vendor's text, got %v", err)
	}
}

// A token refusal that carries only "message" (as DSMCLI reads the vendor's
// token replies) still gives the reason.
func TestTokenErrorWithMessageOnly(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":"invalid_client","message":"Client authentication failed."}`)
	}))
	defer ts.Close()
	c, err := New(ts.URL, "cc_test", canarySecret)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Token(context.Background())
	e, ok := AsAPIError(err)
	if !ok || e.OAuth != "invalid_client" || e.Summary() != "Client authentication failed." || !e.IsUnauthorized() {
		t.Fatalf("got %v", err)
	}
	if strings.Contains(err.Error(), canarySecret) {
		t.Fatal("the secret leaked into the error")
	}
}

// Summary never repeats a code already in front of the message, puts the
// code in front when the message lacks it, lists DRF field errors and
// falls back to the status text.
func TestSummary(t *testing.T) {
	cases := []struct {
		e    APIError
		want string
	}{
		{APIError{StatusCode: 400, PAMCode: 1004, Message: "1004: The device's hostname was not informed"}, "1004: The device's hostname was not informed"},
		{APIError{StatusCode: 400, PAMCode: 1004, Message: "hostname missing"}, "1004: hostname missing"},
		{APIError{StatusCode: 400, Message: "invalid", Fields: map[string][]string{"valid_till": {"before valid_from"}, "name": {"taken"}}}, "name: taken; valid_till: before valid_from"},
		{APIError{StatusCode: 409}, "Conflict"},
		{APIError{StatusCode: 500, Message: "internal error (request r1)", RequestID: "r1"}, "internal error (request r1)"},
		{APIError{StatusCode: 400, Message: "two\nlines"}, "two lines"},
	}
	for _, c := range cases {
		if got := c.e.Summary(); got != c.want {
			t.Errorf("%+v: Summary %q, want %q", c.e, got, c.want)
		}
	}
	if Summary(nil) != "" || Summary(io.EOF) != "EOF" {
		t.Error("Summary of nil / a plain error")
	}
}
