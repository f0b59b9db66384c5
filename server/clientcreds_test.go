package server_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

func httptestServer(t *testing.T, srv *server.Server) string {
	t.Helper()
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

func TestClientCredentialLifecycle(t *testing.T) {
	env := testserver.Start(t)
	cc := env.Client.ClientCredentials
	created, err := cc.Create(bg, client.ClientCredentialInput{Name: "  CI deployer ", ValidFrom: "2026-01-01", ValidTill: "2026-12-31", Scopes: []string{"users.user.view", "users.user.view"}})
	if err != nil {
		t.Fatal(err)
	}
	if created.Name != "CI deployer" || len(created.ClientSecret) < 40 || created.ClientSecret == client.MaskedSecret ||
		!slices.Equal(created.Scopes, []string{"users.user.view"}) || created.ValidTill.Format("15:04:05") != "23:59:59" {
		t.Fatalf("create: %+v", created)
	}
	got, err := cc.Get(bg, created.ID)
	if err != nil || got.ClientSecret != client.MaskedSecret {
		t.Fatalf("get masks the secret: %v %+v", err, got)
	}
	secret, err := cc.RevealSecret(bg, created.ID)
	if err != nil || secret != created.ClientSecret {
		t.Fatalf("reveal: %v", err)
	}
	up, err := cc.Update(bg, created.ID, client.ClientCredentialInput{Name: "CI deployer v2", ValidFrom: "2026-01-01", ValidTill: "2027-01-01T00:00:00Z", Version: got.Version})
	if err != nil || up.Name != "CI deployer v2" || up.Version != got.Version+1 {
		t.Fatalf("update: %v %+v", err, up)
	}
	_, err = cc.Update(bg, created.ID, client.ClientCredentialInput{Name: "stale", ValidFrom: "2026-01-01", ValidTill: "2027-01-01", Version: got.Version})
	if !client.IsConflict(err) {
		t.Fatalf("stale version: want 409, got %v", err)
	}
	rot, err := cc.RotateSecret(bg, created.ID)
	if err != nil || rot.ClientSecret == created.ClientSecret || rot.ClientSecret == client.MaskedSecret {
		t.Fatalf("rotate: %v", err)
	}
	if s, _ := formToken(t, env.URL, created.ClientID, created.ClientSecret); s != 401 {
		t.Fatalf("old secret still works after rotation: %d", s)
	}
	page, err := cc.List(bg, client.ClientCredentialListOptions{Search: "deployer", Ordering: "-name"})
	if err != nil || page.Count != 1 || page.Results[0].ID != created.ID {
		t.Fatalf("search: %v %+v", err, page)
	}
	if err := cc.Delete(bg, created.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := cc.Get(bg, created.ID); !client.IsNotFound(err) {
		t.Fatalf("deleted credential: %v", err)
	}
}

func TestPaginationAndOrdering(t *testing.T) {
	env := testserver.Start(t)
	for _, n := range []string{"delta", "alpha", "charlie", "bravo"} {
		if _, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: n, ValidFrom: "2020-01-01", ValidTill: "2030-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := env.Client.ClientCredentials.List(bg, client.ClientCredentialListOptions{Page: 1, PageSize: 2, Ordering: "name"})
	if err != nil || p.Count != 6 || len(p.Results) != 2 || p.Results[0].Name != "alpha" || p.Next == nil || p.Previous != nil {
		t.Fatalf("page 1: %v %+v", err, p)
	}
	p, _ = env.Client.ClientCredentials.List(bg, client.ClientCredentialListOptions{Page: 3, PageSize: 2, Ordering: "name"})
	if len(p.Results) != 2 || p.Next != nil || p.Previous == nil {
		t.Fatalf("last page: %+v", p)
	}
	all, err := env.Client.ClientCredentials.ListAll(bg, "")
	if err != nil || len(all) != 6 {
		t.Fatalf("list all: %v %d", err, len(all))
	}
}

func TestProtectedKeyAndSelfDelete(t *testing.T) {
	env := testserver.Start(t)
	all, _ := env.Client.ClientCredentials.ListAll(bg, "")
	var prot, self client.ClientCredential
	for _, c := range all {
		if c.Protected {
			prot = c
		}
		if c.ClientID == env.ClientID {
			self = c
		}
	}
	if prot.Name != "mo-ssh-microservice-communication-key" {
		t.Fatalf("protected key not seeded: %+v", all)
	}
	err := env.Client.ClientCredentials.Delete(bg, prot.ID)
	if !client.IsConflict(err) || !strings.Contains(err.Error(), "protected") {
		t.Fatalf("protected delete: %v", err)
	}
	_, err = env.Client.ClientCredentials.Update(bg, prot.ID, client.ClientCredentialInput{Name: "renamed", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"})
	if !client.IsConflict(err) {
		t.Fatalf("protected rename: %v", err)
	}
	if err := env.Client.ClientCredentials.Delete(bg, self.ID); !client.IsConflict(err) {
		t.Fatalf("self delete: %v", err)
	}
	other, _ := newClientWith(t, env, "victim")
	_ = other
	victims, _ := env.Client.ClientCredentials.ListAll(bg, "victim")
	res, err := env.Client.ClientCredentials.BulkDelete(bg, []int64{victims[0].ID, prot.ID, 987654})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{victims[0].ID: client.BulkDeleted, prot.ID: client.BulkRefused, 987654: client.BulkNotFound}
	for _, r := range res {
		if want[r.ID] != r.Status || (r.Status == client.BulkRefused && r.Error == "") {
			t.Errorf("bulk result %+v", r)
		}
	}
	if _, err := env.Client.ClientCredentials.Get(bg, prot.ID); err != nil {
		t.Fatalf("protected key gone after bulk delete: %v", err)
	}
}

func TestBadInputNeverA500(t *testing.T) {
	env := testserver.Start(t)
	tok, _ := env.Client.Token(bg)
	auth := map[string]string{"Authorization": "Bearer " + tok, "Content-Type": "application/json"}
	base := env.URL + "/pam/apps/settings/client-credentials/"
	cases := []struct {
		name, method, path, body string
		status                   int
		field                    string
	}{
		{"malformed JSON", "POST", "", `{"name": `, 400, ""},
		{"wrong type", "POST", "", `{"name": 5, "valid_from":"2020-01-01","valid_till":"2030-01-01"}`, 400, "name"},
		{"missing name", "POST", "", `{"valid_from":"2020-01-01","valid_till":"2030-01-01"}`, 400, "name"},
		{"control chars", "POST", "", `{"name":"a\u0007b","valid_from":"2020-01-01","valid_till":"2030-01-01"}`, 400, "name"},
		{"long name", "POST", "", `{"name":"` + strings.Repeat("n", 65) + `","valid_from":"2020-01-01","valid_till":"2030-01-01"}`, 400, "name"},
		{"bad date", "POST", "", `{"name":"d","valid_from":"yesterday","valid_till":"2030-01-01"}`, 400, "valid_from"},
		{"from after till", "POST", "", `{"name":"d","valid_from":"2031-01-01","valid_till":"2030-01-01"}`, 400, "valid_till"},
		{"unknown scope", "POST", "", `{"name":"d","valid_from":"2020-01-01","valid_till":"2030-01-01","scopes":["no.such"]}`, 400, "scopes"},
		{"duplicate name", "POST", "", `{"name":"DEFAULT client credential","valid_from":"2020-01-01","valid_till":"2030-01-01"}`, 400, "name"},
		{"array body", "POST", "", `[1,2]`, 400, ""},
		{"bad page", "GET", "?page=zero", "", 400, "page"},
		{"page size", "GET", "?page_size=5000", "", 400, "page_size"},
		{"ordering", "GET", "?ordering=secret", "", 400, "ordering"},
		{"non-numeric id", "GET", "abc/", "", 404, ""},
		{"negative id", "DELETE", "-1/", "", 404, ""},
		{"huge id", "GET", "99999999999999999999999/", "", 404, ""},
		{"scopes missing", "PUT", "1/scopes/", `{}`, 400, "scopes"},
		{"scopes wrong type", "PUT", "1/scopes/", `{"scopes":"users.user.view"}`, 400, "scopes"},
		{"bulk wrong type", "POST", "bulk-delete/", `{"ids":["a"]}`, 400, ""},
		{"traversal", "GET", "..%2F..%2Fetc%2Fpasswd/", "", 404, ""},
		{"xml", "POST", "", `<name>x</name>`, 400, ""},
	}
	for _, c := range cases {
		status, _, body := rawCall(t, c.method, base+c.path, strings.NewReader(c.body), auth)
		if status != c.status || (c.field != "" && !bytes.Contains(body, []byte(`"`+c.field+`"`))) {
			t.Errorf("%s: got %d %s, want %d naming %q", c.name, status, body, c.status, c.field)
		}
	}
	huge := `{"name":"` + strings.Repeat("x", 2<<20) + `"}`
	if status, _, _ := rawCall(t, "POST", base, strings.NewReader(huge), auth); status != 413 {
		t.Errorf("2 MiB body: %d", status)
	}
	ct := map[string]string{"Authorization": "Bearer " + tok, "Content-Type": "application/xml"}
	if status, _, _ := rawCall(t, "POST", base, strings.NewReader("<x/>"), ct); status != 400 {
		t.Errorf("xml content type: %d", status)
	}
}

func TestAuditRowsWithTheChangeAndNoneForFailures(t *testing.T) {
	env := testserver.Start(t)
	count := func() int {
		p, err := env.Client.Audit.List(bg, client.AuditListOptions{PageSize: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return p.Count
	}
	before := count()
	created, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "audited", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	env.Client.ClientCredentials.RevealSecret(bg, created.ID)
	if got := count(); got != before+2 {
		t.Fatalf("create + reveal wrote %d audit rows, want 2", got-before)
	}
	env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "audited", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"})
	env.Client.ClientCredentials.Update(bg, created.ID, client.ClientCredentialInput{Name: "", ValidFrom: "x", ValidTill: "y"})
	if got := count(); got != before+2 {
		t.Fatalf("failed writes left %d audit rows", got-before-2)
	}
	p, _ := env.Client.Audit.List(bg, client.AuditListOptions{Search: "reveal"})
	if len(p.Results) != 1 || p.Results[0].Actor != "Default Client Credential" || strings.Contains(p.Results[0].Target, created.ClientSecret) {
		t.Fatalf("reveal audit row: %+v", p.Results)
	}
}

func TestActorKeyIsAudited(t *testing.T) {
	env := testserver.Start(t)
	c, err := client.New(env.URL, env.ClientID, env.Secret, client.WithHeader(client.ActorKeyHeader, "SHA256:alice-key"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "by alice", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"}); err != nil {
		t.Fatal(err)
	}
	p, _ := env.Client.Audit.List(bg, client.AuditListOptions{})
	if p.Results[0].ActorKey != "SHA256:alice-key" {
		t.Fatalf("audit row does not name the SSH key: %+v", p.Results[0])
	}
}

func TestRestartKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "pam.db")
	start := func() (*store.Store, string) {
		st, err := store.Open(context.Background(), db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		srv, err := server.New(st, server.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return st, httptestServer(t, srv)
	}
	st, url := start()
	_, cid, secret, _ := st.Bootstrap(bg)
	c, _ := client.New(url, cid, secret)
	tok1, _ := c.Token(bg)
	created, err := c.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "survivor", ValidFrom: "2020-01-01", ValidTill: "2030-01-01", Scopes: []string{"apps.view"}})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	st2, url2 := start()
	defer st2.Close()
	if created, _, _, _ := st2.Bootstrap(bg); created {
		t.Fatal("restart bootstrapped again")
	}
	c2, _ := client.New(url2, cid, secret)
	got, err := c2.ClientCredentials.Get(bg, created.ID)
	if err != nil || got.Name != "survivor" || !slices.Equal(got.Scopes, []string{"apps.view"}) {
		t.Fatalf("after restart: %v %+v", err, got)
	}
	if s, _, _ := rawCall(t, "GET", url2+"/pam/apps/users/user/", nil, map[string]string{"Authorization": "Bearer " + tok1}); s != 200 {
		t.Fatalf("a token issued before the restart was refused: %d", s)
	}
}
