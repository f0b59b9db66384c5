package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var ctxBG = context.Background()

var tester = Actor{ClientID: "cc_tester", Name: "tester"}

// openTemp opens a store in a temp dir and returns it with its path.
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pam.db")
	st, err := Open(ctxBG, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

func ccInput(name string, scopes ...string) ClientCredentialInput {
	now := time.Now().UTC().Truncate(time.Second)
	return ClientCredentialInput{Name: name, ValidFrom: now.Add(-time.Hour), ValidTill: now.Add(24 * time.Hour), Scopes: scopes}
}

func mustCreate(t *testing.T, st *Store, name string, scopes ...string) (ClientCredential, string) {
	t.Helper()
	c, secret, err := st.CreateClientCredential(ctxBG, tester, ccInput(name, scopes...))
	if err != nil {
		t.Fatalf("create %q: %v", name, err)
	}
	return c, secret
}

func auditCount(t *testing.T, st *Store) int {
	t.Helper()
	_, n, err := st.ListAudit(ctxBG, AuditQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func wantKind(t *testing.T, what string, err error, k Kind) {
	t.Helper()
	if !IsKind(err, k) {
		t.Fatalf("%s: want error kind %d, got %v", what, k, err)
	}
}

func TestCreateGeneratesIDAndSecret(t *testing.T) {
	st, _ := openTemp(t)
	c, secret := mustCreate(t, st, "  CI deployer  ", "apps.view")
	if c.Name != "CI deployer" || c.Version != 1 || c.Protected || !slices.Equal(c.Scopes, []string{"apps.view"}) {
		t.Fatalf("created: %+v", c)
	}
	if !strings.HasPrefix(c.ClientID, "cc_") || len(c.ClientID) != 23 || strings.ContainsAny(c.ClientID[3:], "+/=") {
		t.Fatalf("client id %q: want cc_ + 20 url-safe characters", c.ClientID)
	}
	if len(secret) < 43 { // 32 bytes, base64url
		t.Fatalf("secret has %d characters, want ≥ 43 (32 random bytes)", len(secret))
	}
	c2, secret2 := mustCreate(t, st, "other")
	if c2.ClientID == c.ClientID || secret2 == secret {
		t.Fatal("two credentials share a client id or secret")
	}
	if c2.Scopes == nil || len(c2.Scopes) != 0 {
		t.Fatalf("no scopes must read back as an empty list: %#v", c2.Scopes)
	}
}

func TestNamesAreUniqueCaseInsensitively(t *testing.T) {
	st, _ := openTemp(t)
	mustCreate(t, st, "Alpha")
	other, _ := mustCreate(t, st, "Beta")
	before := auditCount(t, st)
	_, _, err := st.CreateClientCredential(ctxBG, tester, ccInput(" ALPHA "))
	wantKind(t, "duplicate create", err, KindInvalid)
	var e *Error
	if errors.As(err, &e); e.Field != "name" {
		t.Fatalf("duplicate name error names %q, want name", e.Field)
	}
	in := ccInput("alpha")
	_, err = st.UpdateClientCredential(ctxBG, tester, other.ID, in)
	wantKind(t, "rename onto another name", err, KindInvalid)
	if got := auditCount(t, st); got != before {
		t.Fatalf("refused writes left %d audit rows", got-before)
	}
	in.Name = "BETA" // a credential may change the case of its own name
	if c, err := st.UpdateClientCredential(ctxBG, tester, other.ID, in); err != nil || c.Name != "BETA" {
		t.Fatalf("case-only rename: %v %+v", err, c)
	}
}

func TestListSearchOrderingAndPaging(t *testing.T) {
	st, _ := openTemp(t)
	base := time.Now().UTC().Truncate(time.Second)
	for i, n := range []string{"delta", "alpha_ 1", "charlie%", "bravo"} {
		in := ccInput(n)
		in.ValidTill = base.Add(time.Duration(4-i) * time.Hour) // delta ends last
		if _, _, err := st.CreateClientCredential(ctxBG, tester, in); err != nil {
			t.Fatal(err)
		}
	}
	names := func(q ClientCredentialQuery) ([]string, int) {
		t.Helper()
		if q.Limit == 0 {
			q.Limit = 100
		}
		rows, total, err := st.ListClientCredentials(ctxBG, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range rows {
			out = append(out, c.Name)
		}
		return out, total
	}
	cases := []struct {
		q    ClientCredentialQuery
		want []string
	}{
		{ClientCredentialQuery{}, []string{"delta", "alpha_ 1", "charlie%", "bravo"}},
		{ClientCredentialQuery{Ordering: "name"}, []string{"alpha_ 1", "bravo", "charlie%", "delta"}},
		{ClientCredentialQuery{Ordering: "-name"}, []string{"delta", "charlie%", "bravo", "alpha_ 1"}},
		{ClientCredentialQuery{Ordering: "valid_till"}, []string{"bravo", "charlie%", "alpha_ 1", "delta"}},
		{ClientCredentialQuery{Ordering: "-valid_till"}, []string{"delta", "alpha_ 1", "charlie%", "bravo"}},
		{ClientCredentialQuery{Search: "A_ "}, []string{"alpha_ 1"}},                               // "_" is literal, match is case-insensitive (a space never occurs in a client id)
		{ClientCredentialQuery{Search: "%"}, []string{"charlie%"}},                                 // "%" is literal
		{ClientCredentialQuery{Search: "cc_"}, []string{"delta", "alpha_ 1", "charlie%", "bravo"}}, // client_id
		{ClientCredentialQuery{Ordering: "name", Limit: 2, Offset: 2}, []string{"charlie%", "delta"}},
	}
	for _, c := range cases {
		got, total := names(c.q)
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v: got %v, want %v", c.q, got, c.want)
		}
		if c.q.Limit == 0 && total != len(c.want) {
			t.Errorf("%+v: total %d, want %d", c.q, total, len(c.want))
		}
	}
	if _, total := names(ClientCredentialQuery{Ordering: "name", Limit: 2, Offset: 2}); total != 4 {
		t.Errorf("a page must report the total of all matches, got %d", total)
	}
	if _, _, err := st.ListClientCredentials(ctxBG, ClientCredentialQuery{Ordering: "secret_enc"}); !IsKind(err, KindInvalid) {
		t.Errorf("unknown ordering: %v", err)
	}
}

func TestStaleVersionIsAConflict(t *testing.T) {
	st, _ := openTemp(t)
	c, _ := mustCreate(t, st, "versioned")
	in := ccInput("versioned v2")
	in.Version = c.Version
	up, err := st.UpdateClientCredential(ctxBG, tester, c.ID, in)
	if err != nil || up.Version != c.Version+1 {
		t.Fatalf("update with the current version: %v %+v", err, up)
	}
	_, err = st.UpdateClientCredential(ctxBG, tester, c.ID, in) // in.Version is now stale
	wantKind(t, "stale update", err, KindConflict)
	_, err = st.SetClientCredentialScopes(ctxBG, tester, c.ID, []string{"apps.view"}, c.Version)
	wantKind(t, "stale scopes", err, KindConflict)
	sc, err := st.SetClientCredentialScopes(ctxBG, tester, c.ID, []string{"apps.view"}, up.Version)
	if err != nil || sc.Version != up.Version+1 || !slices.Equal(sc.Scopes, []string{"apps.view"}) {
		t.Fatalf("scopes with the current version: %v %+v", err, sc)
	}
	if _, err := st.SetClientCredentialScopes(ctxBG, tester, c.ID, nil, 0); err != nil {
		t.Fatalf("version 0 means unchecked: %v", err)
	}
}

func TestProtectedKeyAndSelfDeleteAreRefused(t *testing.T) {
	st, _ := openTemp(t)
	if _, _, _, err := st.Bootstrap(ctxBG); err != nil {
		t.Fatal(err)
	}
	rows, _, _ := st.ListClientCredentials(ctxBG, ClientCredentialQuery{Ordering: "id", Limit: 10})
	def, prot := rows[0], rows[1]
	before := auditCount(t, st)
	in := ccInput("renamed")
	_, err := st.UpdateClientCredential(ctxBG, tester, prot.ID, in)
	wantKind(t, "rename protected", err, KindProtected)
	wantKind(t, "delete protected", st.DeleteClientCredential(ctxBG, tester, prot.ID, def.ID), KindProtected)
	wantKind(t, "delete self", st.DeleteClientCredential(ctxBG, tester, def.ID, def.ID), KindProtected)
	wantKind(t, "delete unknown", st.DeleteClientCredential(ctxBG, tester, 9999, def.ID), KindNotFound)
	if got := auditCount(t, st); got != before {
		t.Fatalf("refused writes left %d audit rows", got-before)
	}
	in.Name = prot.Name // the protected key's dates may change
	if up, err := st.UpdateClientCredential(ctxBG, tester, prot.ID, in); err != nil || !up.ValidTill.Equal(in.ValidTill) {
		t.Fatalf("protected date change: %v %+v", err, up)
	}
	if err := st.DeleteClientCredential(ctxBG, tester, def.ID, prot.ID); err != nil {
		t.Fatalf("deleting another, unprotected credential: %v", err)
	}
}

func TestEveryWriteIsAuditedWithoutSecrets(t *testing.T) {
	st, _ := openTemp(t)
	c, secret := mustCreate(t, st, "audited")
	in := ccInput("audited v2")
	if _, err := st.UpdateClientCredential(ctxBG, tester, c.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetClientCredentialScopes(ctxBG, tester, c.ID, []string{"apps.view"}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RevealClientSecret(ctxBG, tester, c.ID); err != nil {
		t.Fatal(err)
	}
	_, rotated, err := st.RotateClientSecret(ctxBG, tester, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteClientCredential(ctxBG, tester, c.ID, 0); err != nil {
		t.Fatal(err)
	}
	rows, _, err := st.ListAudit(ctxBG, AuditQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, r := range rows {
		verb, _, _ := strings.Cut(r.Action, " ") // a rotation and a delete add the credential's use
		actions = append(actions, verb)
		if r.Actor != "tester" || r.ActorID != "cc_tester" || r.Result != "ok" {
			t.Errorf("audit row %+v does not name the actor", r)
		}
		if !strings.HasPrefix(r.Target, "client_credential:") {
			t.Errorf("audit target %q", r.Target)
		}
		for _, s := range []string{secret, rotated} {
			if strings.Contains(r.Target+r.Result+r.Action, s) {
				t.Fatalf("audit row holds a secret: %+v", r)
			}
		}
	}
	want := []string{"client_credential.delete", "client_credential.rotate_secret", "client_credential.reveal_secret",
		"client_credential.scopes", "client_credential.update", "client_credential.create"}
	if !slices.Equal(actions, want) {
		t.Fatalf("audit actions, newest first: %v, want %v", actions, want)
	}
	if rows[1].Target != "client_credential:"+strconv.FormatInt(c.ID, 10)+" (audited v2)" {
		t.Errorf("target %q", rows[1].Target)
	}
}

// If the audit row cannot be written, the change is rolled back with it.
func TestChangeAndAuditStandOrFallTogether(t *testing.T) {
	st, _ := openTemp(t)
	c, _ := mustCreate(t, st, "keeper")
	if _, err := st.w.ExecContext(ctxBG, `DROP TABLE audit`); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.CreateClientCredential(ctxBG, tester, ccInput("ghost")); err == nil {
		t.Fatal("create succeeded without its audit row")
	}
	if _, err := st.UpdateClientCredential(ctxBG, tester, c.ID, ccInput("renamed")); err == nil {
		t.Fatal("update succeeded without its audit row")
	}
	if err := st.DeleteClientCredential(ctxBG, tester, c.ID, 0); err == nil {
		t.Fatal("delete succeeded without its audit row")
	}
	rows, total, err := st.ListClientCredentials(ctxBG, ClientCredentialQuery{Limit: 10})
	if err != nil || total != 1 || rows[0].Name != "keeper" || rows[0].Version != 1 {
		t.Fatalf("a write without its audit row was kept: %v %+v", err, rows)
	}
}

func TestVerifyClientSecret(t *testing.T) {
	st, _ := openTemp(t)
	c, secret := mustCreate(t, st, "verify")
	if got, _, err := st.VerifyClientSecret(ctxBG, c.ClientID, secret); err != nil || got.ID != c.ID {
		t.Fatalf("right secret: %v", err)
	}
	for name, pair := range map[string][2]string{
		"wrong secret":   {c.ClientID, secret + "x"},
		"prefix":         {c.ClientID, secret[:len(secret)-1]},
		"empty secret":   {c.ClientID, ""},
		"unknown client": {"cc_nobody", secret},
	} {
		if _, _, err := st.VerifyClientSecret(ctxBG, pair[0], pair[1]); !errors.Is(err, ErrBadClientSecret) {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, rotated, err := st.RotateClientSecret(ctxBG, tester, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.VerifyClientSecret(ctxBG, c.ClientID, secret); !errors.Is(err, ErrBadClientSecret) {
		t.Fatalf("the old secret works after rotation: %v", err)
	}
	if _, _, err := st.VerifyClientSecret(ctxBG, c.ClientID, rotated); err != nil {
		t.Fatalf("the new secret: %v", err)
	}
	if got, err := st.RevealClientSecret(ctxBG, tester, c.ID); err != nil || got != rotated {
		t.Fatalf("reveal after rotation: %v", err)
	}
}

// Secrets are sealed and bound to their row: the raw file never holds one,
// and a ciphertext copied to another row does not open there.
func TestSecretsAreSealedAndBoundToTheirRow(t *testing.T) {
	st, path := openTemp(t)
	a, secretA := mustCreate(t, st, "row a")
	b, secretB := mustCreate(t, st, "row b")
	for _, f := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		for _, s := range []string{secretA, secretB} {
			if bytes.Contains(raw, []byte(s)) {
				t.Fatalf("%s holds a client secret in clear", filepath.Base(f))
			}
		}
	}
	if _, err := st.w.ExecContext(ctxBG, `UPDATE client_credentials SET secret_enc=(SELECT secret_enc FROM client_credentials WHERE id=?) WHERE id=?`, a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.VerifyClientSecret(ctxBG, b.ClientID, secretA); err == nil {
		t.Fatal("a ciphertext moved to another row authenticated its owner's secret there")
	}
	if _, err := st.RevealClientSecret(ctxBG, tester, b.ID); err == nil {
		t.Fatal("a ciphertext moved to another row was revealed there")
	}
}

func TestBootstrapSeedsOnceAtomically(t *testing.T) {
	st, path := openTemp(t)
	created, cid, secret, err := st.Bootstrap(ctxBG)
	if err != nil || !created || cid == "" || secret == "" {
		t.Fatalf("first bootstrap: %v %v", err, created)
	}
	rows, total, _ := st.ListClientCredentials(ctxBG, ClientCredentialQuery{Ordering: "id", Limit: 10})
	if total != 2 || rows[0].Name != DefaultCredentialName || rows[1].Name != SSHServiceCredentialName {
		t.Fatalf("seeded: %+v", rows)
	}
	def, prot := rows[0], rows[1]
	if def.ClientID != cid || def.Protected || !slices.Equal(def.Scopes, AllScopes()) {
		t.Fatalf("default credential: %+v", def)
	}
	if !prot.Protected || len(prot.Scopes) == 0 || len(prot.Scopes) >= len(AllScopes()) {
		t.Fatalf("the SSH key must be protected with a subset of scopes: %+v", prot)
	}
	now := time.Now()
	for _, c := range rows {
		if c.ValidFrom.After(now) || c.ValidTill.Before(now.AddDate(9, 11, 0)) {
			t.Errorf("%s: valid %v..%v, want from now for 10 years", c.Name, c.ValidFrom, c.ValidTill)
		}
	}
	if _, _, err := st.VerifyClientSecret(ctxBG, cid, secret); err != nil {
		t.Fatalf("bootstrap secret does not verify: %v", err)
	}
	if created, cid2, secret2, err := st.Bootstrap(ctxBG); err != nil || created || cid2 != "" || secret2 != "" {
		t.Fatalf("second bootstrap must do nothing and reveal nothing: %v %v", err, created)
	}
	st.Close()
	st2, err := Open(ctxBG, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if created, _, _, err := st2.Bootstrap(ctxBG); err != nil || created {
		t.Fatalf("bootstrap after reopen: %v %v", err, created)
	}
}

func TestBootstrapOnAStoreWithCredentialsDoesNothing(t *testing.T) {
	st, _ := openTemp(t)
	mustCreate(t, st, "pre-existing")
	if created, _, _, err := st.Bootstrap(ctxBG); err != nil || created {
		t.Fatalf("bootstrap on a non-empty store: %v %v", err, created)
	}
}

func TestSigningKeyIsSealedAndSurvivesReopen(t *testing.T) {
	st, path := openTemp(t)
	k1, err := st.SigningKey(ctxBG)
	if err != nil || len(k1) != 32 {
		t.Fatalf("signing key: %v (%d bytes)", err, len(k1))
	}
	if k2, _ := st.SigningKey(ctxBG); !bytes.Equal(k1, k2) {
		t.Fatal("the signing key changed between calls")
	}
	st.Close()
	for _, f := range []string{path, path + "-wal"} {
		raw, _ := os.ReadFile(f)
		if bytes.Contains(raw, k1) {
			t.Fatalf("%s holds the signing key in clear", filepath.Base(f))
		}
	}
	st2, err := Open(ctxBG, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if k3, err := st2.SigningKey(ctxBG); err != nil || !bytes.Equal(k1, k3) {
		t.Fatalf("the signing key did not survive a reopen: %v", err)
	}
}

// A rotation with a grace period keeps the replaced secret working until
// the period ends, and only the one secret it replaced.
func TestRotationGraceKeepsThePreviousSecretForAWhile(t *testing.T) {
	now := time.Now().UTC().Truncate(time.Second)
	st, err := Open(ctxBG, filepath.Join(t.TempDir(), "pam.db"), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, s0 := mustCreate(t, st, "grace")
	verify := func(secret string) (bool, error) {
		_, previous, err := st.VerifyClientSecret(ctxBG, c.ClientID, secret)
		return previous, err
	}

	c1, s1, err := st.RotateClientSecret(ctxBG, tester, c.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if c1.SecretGen != c.SecretGen+1 || !c1.PreviousSecretUntil.Equal(now.Add(time.Hour)) {
		t.Fatalf("after rotate: gen %d→%d, previous until %v", c.SecretGen, c1.SecretGen, c1.PreviousSecretUntil)
	}
	if n, err := st.ForgetExpiredSecrets(ctxBG); err != nil || n != 0 {
		t.Fatalf("a previous secret inside its grace was forgotten: %d %v", n, err)
	}
	if prev, err := verify(s0); err != nil || !prev {
		t.Fatalf("the replaced secret inside its grace: previous=%v err=%v", prev, err)
	}
	if prev, err := verify(s1); err != nil || prev {
		t.Fatalf("the new secret: previous=%v err=%v", prev, err)
	}

	_, s2, err := st.RotateClientSecret(ctxBG, tester, c.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verify(s0); !errors.Is(err, ErrBadClientSecret) {
		t.Fatalf("a secret two rotations old still works: %v", err)
	}
	if prev, err := verify(s1); err != nil || !prev {
		t.Fatalf("the secret the second rotation replaced: previous=%v err=%v", prev, err)
	}

	now = now.Add(time.Hour)
	if _, err := verify(s1); !errors.Is(err, ErrBadClientSecret) {
		t.Fatalf("the replaced secret works after its grace: %v", err)
	}
	if _, err := verify(s2); err != nil {
		t.Fatal(err)
	}

	before := auditCount(t, st)
	if n, err := st.ForgetExpiredSecrets(ctxBG); err != nil || n != 1 {
		t.Fatalf("forget expired secrets: %d %v", n, err)
	}
	if got, _ := st.GetClientCredential(ctxBG, c.ID); !got.PreviousSecretUntil.IsZero() || auditCount(t, st) != before+1 {
		t.Fatalf("an expired previous secret was kept (until %v) or not audited", got.PreviousSecretUntil)
	}
	var prev []byte
	if err := st.read().QueryRowContext(ctxBG, `SELECT prev_secret_enc FROM client_credentials WHERE id=?`, c.ID).Scan(&prev); err != nil || prev != nil {
		t.Fatalf("the sealed previous secret is still stored: %d bytes, %v", len(prev), err)
	}
	if n, _ := st.ForgetExpiredSecrets(ctxBG); n != 0 {
		t.Fatalf("forgot %d again", n)
	}

	c3, _, err := st.RotateClientSecret(ctxBG, tester, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verify(s2); !errors.Is(err, ErrBadClientSecret) || !c3.PreviousSecretUntil.IsZero() {
		t.Fatalf("a rotation without grace left the old secret working: %v (until %v)", err, c3.PreviousSecretUntil)
	}
	for _, bad := range []time.Duration{-time.Second, MaxRotationGrace + time.Second} {
		_, _, err := st.RotateClientSecret(ctxBG, tester, c.ID, bad)
		wantKind(t, "grace "+bad.String(), err, KindInvalid)
	}
}

// Use is recorded without an edit (version and updated_at stay), a touch
// never moves last_used_at back, and the use survives in the audit rows of
// a rotation and a delete.
func TestUsageIsRecordedAndKeptInTheAudit(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	st, err := Open(ctxBG, filepath.Join(t.TempDir(), "pam.db"), Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, _, err := st.CreateClientCredential(ctxBG, tester, ClientCredentialInput{Name: "used", ValidFrom: t0, ValidTill: t0.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RecordTokenIssued(ctxBG, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.TouchClientCredential(ctxBG, c.ID, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := st.TouchClientCredential(ctxBG, c.ID, t0); err != nil { // an older use arriving late
		t.Fatal(err)
	}
	got, err := st.GetClientCredential(ctxBG, c.ID)
	if err != nil || got.TokensIssued != 1 || !got.LastTokenAt.Equal(t0) || !got.LastUsedAt.Equal(t0.Add(time.Minute)) ||
		got.Version != c.Version || !got.UpdatedAt.Equal(c.UpdatedAt) {
		t.Fatalf("usage: %v %+v", err, got)
	}
	if _, _, err := st.RotateClientSecret(ctxBG, tester, c.ID, 0); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteClientCredential(ctxBG, tester, c.ID, 0); err != nil {
		t.Fatal(err)
	}
	rows, _, err := st.ListAudit(ctxBG, AuditQuery{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	note := "(last token " + ts(t0) + ", last used " + ts(t0.Add(time.Minute)) + ", 1 tokens issued)"
	for _, r := range rows {
		if !strings.HasSuffix(r.Action, note) {
			t.Errorf("%q does not keep the use %q", r.Action, note)
		}
	}
}
