package store

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// Store tests of the PAM Core credential code (seed 001 upsert, codes,
// activation, custody), beside the code in the style of WTF Dial's
// sqlite/*_test.go: each test opens its own temp database (openTemp).

func strp(s string) *string { return &s }

// cred is a valid upsert for username@hostname (ip 10.0.0.1) with a password.
func cred(identifier, username, hostname string) CredentialInput {
	return CredentialInput{Identifier: identifier, Username: strp(username), Password: strp("pw-" + hostname),
		Device: DeviceInput{Hostname: hostname, IP: "10.0.0.1"}, AllowUpdate: true}
}

func mustUpsert(t *testing.T, st *Store, in CredentialInput) UpsertResult {
	t.Helper()
	r, err := st.UpsertCredential(ctxBG, tester, in)
	if err != nil {
		t.Fatalf("upsert %+v: %v", in, err)
	}
	return r
}

// wantCode fails unless err is a store *Error of kind k with code.
func wantCode(t *testing.T, what string, err error, k Kind, code pamcode.Code) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Kind != k || e.Code != code {
		t.Fatalf("%s: want kind %d code %d, got %v", what, k, code, err)
	}
}

func mustGet(t *testing.T, st *Store, ref string) *Credential {
	t.Helper()
	c, err := st.RevealCredential(ctxBG, tester, ref)
	if err != nil {
		t.Fatalf("reveal %s: %v", ref, err)
	}
	return c
}

func TestUpsertCreatesWithSeedDefaults(t *testing.T) {
	st, _ := openTemp(t)
	r := mustUpsert(t, st, cred("db-root", "root", "db01"))
	if !r.Created || !r.Changed || r.Identifier != "db-root" || r.ID == 0 {
		t.Fatalf("create: %+v", r)
	}
	c := mustGet(t, st, "db-root")
	if c.CredentialType != DefaultCredentialType || !c.Active || c.Password != "pw-db01" || c.Hostname != "db01" {
		t.Fatalf("stored: %+v", c)
	}
	// Blank identifier: a UUIDv7; username sent empty: "usr" (seed 001).
	in := cred("", "", "web01")
	r = mustUpsert(t, st, in)
	if len(r.Identifier) != 36 || r.Identifier[14] != '7' {
		t.Fatalf("generated identifier %q is not a UUIDv7", r.Identifier)
	}
	if c := mustGet(t, st, r.Identifier); c.Username != DefaultUsername {
		t.Fatalf("empty username stored as %q, want %q", c.Username, DefaultUsername)
	}
}

// Seed 001: match by identifier, else by hostname AND ip AND username.
func TestUpsertMatching(t *testing.T) {
	st, _ := openTemp(t)
	first := mustUpsert(t, st, cred("app-svc", "svc", "app01"))

	in := cred("app-svc", "svc", "app01")
	in.Password = strp("rotated")
	r := mustUpsert(t, st, in)
	if r.Created || r.ID != first.ID || !r.Changed {
		t.Fatalf("update by identifier: %+v", r)
	}
	if got := mustGet(t, st, "app-svc").Password; got != "rotated" {
		t.Fatalf("password after update %q", got)
	}

	in = cred("", "svc", "app01") // no identifier: username+hostname+ip
	in.Tags = "prod"
	if r := mustUpsert(t, st, in); r.Created || r.ID != first.ID || r.Identifier != "app-svc" {
		t.Fatalf("update by username+hostname+ip: %+v", r)
	}

	// A new identifier with the same username+hostname+ip is the same credential.
	in = cred("app-svc-2", "svc", "app01")
	if r := mustUpsert(t, st, in); r.Created || r.ID != first.ID || r.Identifier != "app-svc-2" {
		t.Fatalf("new identifier, same triple: %+v", r)
	}

	// A different ip is another credential, never a rename of this one.
	in = cred("", "svc", "app01")
	in.Device.IP, in.Password = "10.0.0.99", strp("other-ip")
	r = mustUpsert(t, st, in)
	if !r.Created || r.ID == first.ID {
		t.Fatalf("different ip: %+v", r)
	}
	if c := mustGet(t, st, "app-svc-2"); c.Password != "pw-app01" {
		t.Fatalf("the first credential's password changed: %q", c.Password)
	}
}

// Re-running an upsert with the same values changes nothing and writes no
// audit row (Ansible idempotence); without AllowUpdate a match writes nothing.
func TestUpsertIdempotentAndNeedsEdit(t *testing.T) {
	st, _ := openTemp(t)
	in := cred("idem", "svc", "idem01")
	mustUpsert(t, st, in)
	before := auditCount(t, st)
	if r := mustUpsert(t, st, in); r.Changed || r.Created {
		t.Fatalf("same values: %+v", r)
	}
	if n := auditCount(t, st); n != before {
		t.Fatalf("an unchanged upsert wrote %d audit rows", n-before)
	}
	in.AllowUpdate, in.Password = false, strp("other")
	if _, err := st.UpsertCredential(ctxBG, tester, in); !errors.Is(err, ErrNeedsEdit) {
		t.Fatalf("update without edit: %v", err)
	}
	if got := mustGet(t, st, "idem").Password; got != "pw-idem01" {
		t.Fatalf("a refused update changed the password to %q", got)
	}
}

// Every refusal carries its seed 001 code and names its field.
func TestUpsertCodes(t *testing.T) {
	st, _ := openTemp(t)
	cases := []struct {
		name  string
		edit  func(*CredentialInput)
		code  pamcode.Code
		field string
	}{
		{"bad identifier", func(in *CredentialInput) { in.Identifier = "a b" }, pamcode.BadIdentifier, "identifier"},
		{"dot identifier", func(in *CredentialInput) { in.Identifier = ".." }, pamcode.BadIdentifier, "identifier"},
		{"no hostname", func(in *CredentialInput) { in.Device.Hostname = " " }, pamcode.HostnameMissing, "hostname"},
		{"no ip", func(in *CredentialInput) { in.Device.IP = "" }, pamcode.IPMissing, "ip"},
		{"no username parameter", func(in *CredentialInput) { in.Username = nil }, pamcode.InvalidUsername, "username"},
		{"unknown domain", func(in *CredentialInput) { in.Device.Domain = "nowhere.example" }, pamcode.DomainUnknown, "device_domain"},
		{"domain list with a space", func(in *CredentialInput) { in.Device.Domain = "corp.example, lab.example" }, pamcode.DomainUnknown, "device_domain"},
		{"change plugin missing", func(in *CredentialInput) {
			in.ExecutionSettings = []byte(`{"automatic_change":true,"change_template":"t"}`)
		}, pamcode.PluginMissing, "execution_settings.change_plugin"},
		{"jit template missing", func(in *CredentialInput) {
			in.JITSettings = []byte(`{"jit":true,"enable_disable_credential":true,"credential_enable_plugin":"p","credential_disable_plugin":"p","credential_disable_template":"t"}`)
		}, pamcode.TemplateMissing, "jit_settings.credential_enable_template"},
		{"unknown parent", func(in *CredentialInput) { in.ParentID = 999 }, pamcode.CredentialNotFound, "parent_password"},
	}
	for _, c := range cases {
		in := cred("codes", "svc", "codes01")
		c.edit(&in)
		_, err := st.UpsertCredential(ctxBG, tester, in)
		wantCode(t, c.name, err, KindInvalid, c.code)
		var e *Error
		if errors.As(err, &e); e.Field != c.field {
			t.Errorf("%s: field %q, want %q", c.name, e.Field, c.field)
		}
	}
	if _, n, err := st.ListCredentials(ctxBG, CredentialFilter{}); err != nil || n != 0 {
		t.Fatalf("refused upserts stored %d credentials (%v)", n, err)
	}
	in := cred("codes", "svc", "codes01")
	in.Device.Domain = "corp.example,lab.example"
	mustUpsert(t, st, in)
}

// Passwords are sealed at rest; only RevealCredential opens them.
func TestPasswordEncryptedAtRest(t *testing.T) {
	st, _ := openTemp(t)
	in := cred("sealed", "svc", "sealed01")
	in.Password = strp("CANARY-plain-password")
	r := mustUpsert(t, st, in)
	var box []byte
	if err := st.read().QueryRowContext(ctxBG, `SELECT password FROM pam_credentials WHERE id=?`, r.ID).Scan(&box); err != nil {
		t.Fatal(err)
	}
	if len(box) == 0 || bytes.Contains(box, []byte("CANARY")) {
		t.Fatalf("password stored in the clear or not at all: %q", box)
	}
	list, _, err := st.ListCredentials(ctxBG, CredentialFilter{})
	if err != nil || len(list) != 1 || list[0].Password != "" {
		t.Fatalf("a list row carries the password: %+v %v", list, err)
	}
}

// Path references: numeric id, identifier, username@hostname split on the
// last '@'; anything else is 1007.
func TestFindCredentialRefs(t *testing.T) {
	st, _ := openTemp(t)
	r := mustUpsert(t, st, cred("ref-ident", "ops@corp", "ref01"))
	for _, ref := range []string{strconv.FormatInt(r.ID, 10), "ref-ident", "ops@corp@ref01"} {
		if c := mustGet(t, st, ref); c.ID != r.ID {
			t.Errorf("ref %q found credential %d", ref, c.ID)
		}
	}
	for _, ref := range []string{"", "nope", "999", "ops@corp@", "@ref01", strings.Repeat("x", 600)} {
		_, err := st.RevealCredential(ctxBG, tester, ref)
		wantCode(t, "ref "+ref, err, KindNotFound, pamcode.CredentialNotFound)
	}
}

// Activation: deactivate, 1008 when already inactive, activate, 1043
// (the vendor's text) when already active; each change audited.
func TestCredentialActivation(t *testing.T) {
	st, _ := openTemp(t)
	mustUpsert(t, st, cred("act", "svc", "act01"))
	before := auditCount(t, st)
	c, err := st.SetCredentialActive(ctxBG, tester, "act", false)
	if err != nil || c.Active {
		t.Fatalf("deactivate: %+v %v", c, err)
	}
	_, err = st.SetCredentialActive(ctxBG, tester, "act", false)
	wantCode(t, "deactivate twice", err, KindInvalid, pamcode.CredentialInactive)
	if c, err = st.SetCredentialActive(ctxBG, tester, "act", true); err != nil || !c.Active {
		t.Fatalf("activate: %+v %v", c, err)
	}
	_, err = st.SetCredentialActive(ctxBG, tester, "act", true)
	wantCode(t, "activate twice", err, KindInvalid, pamcode.CredentialAlreadyActive)
	if err.Error() != "1043: Credential is already activated!" {
		t.Fatalf("1043 text %q, want the vendor's", err.Error())
	}
	if n := auditCount(t, st) - before; n != 2 {
		t.Fatalf("%d audit rows for two changes", n)
	}
	_, err = st.SetCredentialActive(ctxBG, tester, "missing", true)
	wantCode(t, "unknown", err, KindNotFound, pamcode.CredentialNotFound)
}

// Custody: a password read takes it, release gives it back, releasing
// again is 1018, an inactive credential is 1008; a read stamps the view.
func TestCredentialCustody(t *testing.T) {
	st, _ := openTemp(t)
	mustUpsert(t, st, cred("cust", "svc", "cust01"))
	_, err := st.ReleaseCustody(ctxBG, tester, "cust")
	wantCode(t, "release before a read", err, KindInvalid, pamcode.NotInCustody)
	c := mustGet(t, st, "cust")
	if !c.InCustody || c.Viewed.IsZero() {
		t.Fatalf("a read must take custody and stamp the view: %+v", c)
	}
	if c, err = st.ReleaseCustody(ctxBG, tester, "cust"); err != nil || c.InCustody {
		t.Fatalf("release: %+v %v", c, err)
	}
	_, err = st.ReleaseCustody(ctxBG, tester, "cust")
	wantCode(t, "release twice", err, KindInvalid, pamcode.NotInCustody)
	mustGet(t, st, "cust")
	if _, err := st.SetCredentialActive(ctxBG, tester, "cust", false); err != nil {
		t.Fatal(err)
	}
	_, err = st.ReleaseCustody(ctxBG, tester, "cust")
	wantCode(t, "release inactive", err, KindInvalid, pamcode.CredentialInactive)
}

// An SSH key is not a credential for GET credential (1010).
func TestRevealRefusesSSHKeys(t *testing.T) {
	st, _ := openTemp(t)
	in := cred("a-key", "svc", "key01")
	in.CredentialType = SSHKeyType
	mustUpsert(t, st, in)
	_, err := st.RevealCredential(ctxBG, tester, "a-key")
	wantCode(t, "reveal an SSH key", err, KindInvalid, pamcode.NotACredential)
}
