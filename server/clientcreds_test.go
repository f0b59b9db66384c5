package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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
	rot, err := cc.RotateSecret(bg, created.ID, 0)
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
		{"huge page", "GET", "?page=9223372036854775807&page_size=1000", "", 400, "page"},
		{"empty search and page 2", "GET", "?search=&page=2", "", 200, ""},
		{"negative version", "PUT", "1/", `{"name":"x","valid_from":"2020-01-01","valid_till":"2030-01-01","version":-1}`, 400, "version"},
		{"huge version", "PUT", "1/", `{"name":"x","valid_from":"2020-01-01","valid_till":"2030-01-01","version":1e40}`, 400, "version"},
		{"null body", "POST", "", `null`, 400, "name"},
		{"bad rfc3339", "POST", "", `{"name":"d","valid_from":"2020-01-01T25:00:00Z","valid_till":"2030-01-01"}`, 400, "valid_from"},
		{"unknown scope named", "PUT", "1/scopes/", `{"scopes":["apps.view","apps.fly"]}`, 400, "scopes"},
		{"bulk ids missing body", "POST", "bulk-delete/", `{"ids":{}}`, 400, "ids"},
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
	_, _, body := rawCall(t, "PUT", base+"1/scopes/", strings.NewReader(`{"scopes":["apps.view","apps.fly","x\u0000y"]}`), auth)
	if !bytes.Contains(body, []byte("unknown scopes: apps.fly, x\\\\x00y")) {
		t.Errorf("unknown scopes must be named (control characters escaped): %s", body)
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

func TestIfMatchAndDateOnlyBounds(t *testing.T) {
	env := testserver.Start(t)
	created, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "etag", ValidFrom: "2026-03-01", ValidTill: "2026-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if got := created.ValidFrom.UTC().Format(time.RFC3339); got != "2026-03-01T00:00:00Z" {
		t.Errorf("date-only valid_from = %s, want the start of the day", got)
	}
	if got := created.ValidTill.UTC().Format(time.RFC3339); got != "2026-03-31T23:59:59Z" {
		t.Errorf("date-only valid_till = %s, want the end of the day", got)
	}
	if !slices.Equal(created.Scopes, []string{"users.user.view", "users.roles.view", "assets.view", "system_user.view", "groups.view",
		"apps.view", "miscellaneous.ticket.view_ticket", "settings.client_credentials.view", "pam.credential.view", "pam.device.view",
		"pam.key.view", "pam.info.view"}) {
		t.Errorf("a create without scopes starts with the catalogue defaults: %v", created.Scopes)
	}
	tok, _ := env.Client.Token(bg)
	url := env.URL + "/pam/apps/settings/client-credentials/" + strconv.FormatInt(created.ID, 10) + "/"
	s, h, _ := rawCall(t, "GET", url, nil, map[string]string{"Authorization": "Bearer " + tok})
	if s != 200 || h.Get("ETag") != `"1"` {
		t.Fatalf("GET: %d ETag %q", s, h.Get("ETag"))
	}
	put := func(ifMatch, body string) (int, []byte) {
		s, _, b := rawCall(t, "PUT", url, strings.NewReader(body), map[string]string{"Authorization": "Bearer " + tok,
			"Content-Type": "application/json", "If-Match": ifMatch})
		return s, b
	}
	body := `{"name":"etag","valid_from":"2026-03-01","valid_till":"2026-04-30"}`
	if s, b := put(`"1"`, body); s != 200 {
		t.Fatalf("If-Match with the current version: %d %s", s, b)
	}
	if s, b := put(`"1"`, body); s != 409 || !bytes.Contains(b, []byte(`"version"`)) {
		t.Fatalf("stale If-Match: %d %s", s, b)
	}
	if s, b := put(`"2"`, `{"name":"etag","valid_from":"2026-03-01","valid_till":"2026-04-30","version":1}`); s != 409 {
		t.Fatalf("a stale body version wins over If-Match: %d %s", s, b)
	}
	if s, b := put(`"two"`, body); s != 400 || !bytes.Contains(b, []byte(`"version"`)) {
		t.Fatalf("malformed If-Match: %d %s", s, b)
	}
	if s, b := put("*", body); s != 200 {
		t.Fatalf("If-Match *: %d %s", s, b)
	}
	scopesURL := url + "scopes/"
	s, _, b := rawCall(t, "PUT", scopesURL, strings.NewReader(`{"scopes":[],"version":1}`), map[string]string{"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
	if s != 409 {
		t.Fatalf("stale scopes version: %d %s", s, b)
	}
}

func TestSeedResourcesAnswerDRFPages(t *testing.T) {
	env := testserver.Start(t)
	tok, _ := env.Client.Token(bg)
	for _, p := range []string{"/pam/apps/users/user/", "/pam/apps/roles/role/", "/pam/apps/assets/asset/", "/pam/apps/assets/systemuser/",
		"/pam/apps/groups/group/", "/pam/apps/apps/app/", "/pam/apps/ticket/ticket/"} {
		s, _, b := rawCall(t, "GET", env.URL+p, nil, map[string]string{"Authorize": "Bearer " + tok})
		var page client.Page[map[string]any]
		if err := json.Unmarshal(b, &page); err != nil || s != 200 || page.Count == 0 || len(page.Results) != page.Count {
			t.Errorf("%s: %d %s", p, s, b)
		}
		if s, _, _ := rawCall(t, "POST", env.URL+p, strings.NewReader("{}"), map[string]string{"Authorize": "Bearer " + tok}); s != 404 && s != 405 {
			t.Errorf("POST %s: %d, want 404/405 (read-only)", p, s)
		}
	}
}

func TestEveryAdminWriteIsAudited(t *testing.T) {
	env := testserver.Start(t)
	cc := env.Client.ClientCredentials
	c, err := cc.Create(bg, client.ClientCredentialInput{Name: "trail", ValidFrom: "2020-01-01", ValidTill: "2030-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error {
			_, err := cc.Update(bg, c.ID, client.ClientCredentialInput{Name: "trail 2", ValidFrom: "2020-01-01", ValidTill: "2031-01-01"})
			return err
		},
		func() error {
			_, err := cc.SetScopes(bg, c.ID, client.ScopesInput{Scopes: []string{"apps.view"}})
			return err
		},
		func() error { _, err := cc.RevealSecret(bg, c.ID); return err },
		func() error { _, err := cc.RotateSecret(bg, c.ID, 0); return err },
		func() error { _, err := cc.BulkDelete(bg, []int64{c.ID}); return err },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	p, err := env.Client.Audit.List(bg, client.AuditListOptions{Search: "client_credential:" + strconv.FormatInt(c.ID, 10) + " "})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range p.Results {
		verb, _, _ := strings.Cut(e.Action, " ") // a rotation and a delete add the credential's use
		actions = append(actions, verb)
		if e.Actor != "Default Client Credential" || e.Result != "ok" || e.Time.IsZero() {
			t.Errorf("audit entry %+v", e)
		}
	}
	want := []string{"client_credential.delete", "client_credential.rotate_secret", "client_credential.reveal_secret",
		"client_credential.scopes", "client_credential.update", "client_credential.create"}
	if !slices.Equal(actions, want) {
		t.Fatalf("audit, newest first: %v, want %v", actions, want)
	}
}
