package server_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

func mustCreateCC(t *testing.T, env *testserver.Env, name string) client.ClientCredential {
	t.Helper()
	cc, err := env.Client.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: name, ValidFrom: "2020-01-01", ValidTill: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	return *cc
}

// TestBulkUpdateReportsPerItem: one update applies, while a stale version,
// an unknown id, a bad date and the protected key's past end are each
// reported on their own row and change nothing.
func TestBulkUpdateReportsPerItem(t *testing.T) {
	env := testserver.Start(t)
	a, b, c := mustCreateCC(t, env, "bulk-a"), mustCreateCC(t, env, "bulk-b"), mustCreateCC(t, env, "bulk-c")
	prot := findCC(t, env, "mo-ssh-microservice-communication-key")
	res, err := env.Client.ClientCredentials.BulkUpdate(bg, []client.BulkUpdateItem{
		{ID: a.ID, ValidTill: "2030-06-30", Version: a.Version},
		{ID: b.ID, ValidTill: "2030-06-30", Version: b.Version + 5},
		{ID: 987654, ValidTill: "2030-06-30"},
		{ID: c.ID, ValidTill: "soon"},
		{ID: c.ID, ValidFrom: "2031-01-01"},
		{ID: prot.ID, ValidTill: time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		status, field, says string
	}{
		{client.BulkUpdated, "", ""},
		{client.BulkConflict, "", "changed by someone else"},
		{client.BulkNotFound, "", ""},
		{client.BulkRefused, "valid_till", "not a date"},
		{client.BulkRefused, "valid_till", "must not be before valid_from"},
		{client.BulkRefused, "", "protected"},
	}
	if len(res) != len(want) {
		t.Fatalf("one result per item, in order: %+v", res)
	}
	for i, w := range want {
		r := res[i]
		if r.Status != w.status || r.Field != w.field || !strings.Contains(r.Error, w.says) {
			t.Errorf("item %d: %+v, want %+v", i, r, w)
		}
	}
	if u := res[0].ClientCredential; u == nil || u.ValidTill.Format(time.RFC3339) != "2030-06-30T23:59:59Z" || u.Version != a.Version+1 {
		t.Fatalf("updated row carries the new state: %+v", u)
	}
	for _, id := range []int64{b.ID, c.ID, prot.ID} {
		got, err := env.Client.ClientCredentials.Get(bg, id)
		if err != nil || got.UpdatedAt.After(a.UpdatedAt.Add(time.Minute)) || (id != prot.ID && got.ValidTill.Year() != 2026) {
			t.Errorf("refused item %d changed: %v %+v", id, err, got)
		}
	}
	audit, err := env.Client.Audit.List(bg, client.AuditListOptions{Search: "client_credential.bulk_update"})
	if err != nil || audit.Count != 1 || audit.Results[0].Target != "client_credential:"+strconv.FormatInt(a.ID, 10)+" (bulk-a)" ||
		!strings.Contains(audit.Results[0].Action, "valid_till 2026-12-31T23:59:59Z → 2030-06-30T23:59:59Z") {
		t.Fatalf("the one change is audited with what changed: %v %+v", err, audit)
	}
}

func TestBulkUpdateBoundsAndScope(t *testing.T) {
	env := testserver.Start(t)
	var apiErr *client.APIError
	if _, err := env.Client.ClientCredentials.BulkUpdate(bg, nil); !asAPIError(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Field("items") == "" {
		t.Fatalf("no items: %v", err)
	}
	many := make([]client.BulkUpdateItem, 1001)
	if _, err := env.Client.ClientCredentials.BulkUpdate(bg, many); !asAPIError(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("1001 items: %v", err)
	}
	viewer, _ := newClientWith(t, env, "viewer", "settings.client_credentials.view")
	a := mustCreateCC(t, env, "bulk-a")
	if _, err := viewer.ClientCredentials.BulkUpdate(bg, []client.BulkUpdateItem{{ID: a.ID, ValidTill: "2030-01-01"}}); !client.IsForbidden(err) {
		t.Fatalf("without settings.client_credentials.edit: %v", err)
	}
}

func findCC(t *testing.T, env *testserver.Env, name string) client.ClientCredential {
	t.Helper()
	all, err := env.Client.ClientCredentials.ListAll(bg, name)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no client credential %q", name)
	return client.ClientCredential{}
}
