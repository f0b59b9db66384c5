package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func listSetup(t *testing.T, n, devices int) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "pam.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SeedDemo(context.Background(), rand.New(rand.NewPCG(7, 7)), n, devices); err != nil {
		t.Fatal(err)
	}
	return st
}

// searchIDs is what search= must find: a case-folded substring of one of
// the documented fields, checked in Go over the whole list.
func searchIDs(all []Credential, search string) []int64 {
	folded := foldText(search)
	var ids []int64
	for _, c := range all {
		for _, f := range []string{c.Identifier, c.Username, c.CredentialType, c.Hostname, c.IP, c.DeviceType, c.DeviceVendor, c.DeviceModel} {
			if strings.Contains(foldText(f), folded) {
				ids = append(ids, c.ID)
				break
			}
		}
	}
	return ids
}

func credentialIDs(cs []Credential) []int64 {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// The search index finds exactly the rows a substring scan finds, pages
// through them in id order, and follows changes of the devices.
func TestSearchIndexMatchesASubstringScan(t *testing.T) {
	ctx := context.Background()
	st := listSetup(t, 3000, 40)
	var triggers int
	if err := st.read().QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'pam_%search%'`).Scan(&triggers); err != nil || triggers != 4 {
		t.Fatalf("after the seed, %d search triggers (%v), want the 4 of the migration", triggers, err)
	}
	check := func(search string) {
		t.Helper()
		all, _, err := st.ListCredentials(ctx, CredentialFilter{})
		if err != nil {
			t.Fatal(err)
		}
		want := searchIDs(all, search)
		got, total, err := st.ListCredentials(ctx, CredentialFilter{Search: search})
		if err != nil || total != len(want) || !slices.Equal(credentialIDs(got), want) {
			t.Fatalf("search %q: %d rows (total %d, err %v), want %d", search, len(got), total, err, len(want))
		}
		if len(want) > 10 {
			page, total, err := st.ListCredentials(ctx, CredentialFilter{Search: search, Limit: 7, Offset: 3})
			if err != nil || total != len(want) || !slices.Equal(credentialIDs(page), want[3:10]) {
				t.Fatalf("search %q page 3+7: %v (total %d, err %v), want %v", search, credentialIDs(page), total, err, want[3:10])
			}
		}
	}
	for _, s := range []string{"db", "a", "root", "ROOT", "corp.example", "10.1", `"x`, "%", "_", "Database User", "ora-fin-01", "zzz-none"} {
		check(s)
	}
	if _, _, err := st.UpsertDevice(ctx, tester, DeviceInput{Hostname: "db-prod-01", IP: "10.99.0.1", Type: "Database",
		Vendor: "ÄRGER Systems", Model: "Ωmega 9", Site: "Lab", Connectivities: "SSH"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"ärger", "ÄRGER SYS", "ωmega", "10.99.0", "oracle"} {
		check(s)
	}
	if got, _, _ := st.ListCredentials(ctx, CredentialFilter{Search: "ärger"}); len(got) == 0 {
		t.Fatal("no credential on the renamed device: the check above proves nothing")
	}
}

// A cached count is never served after a write.
func TestListCountFollowsWrites(t *testing.T) {
	ctx := context.Background()
	st := listSetup(t, 50, 5)
	_, before, err := st.ListCredentials(ctx, CredentialFilter{Limit: 1, Search: "10.99"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.UpsertDevice(ctx, tester, DeviceInput{Hostname: "web01.corp.example", IP: "10.99.0.1", Type: "Server",
		Vendor: "Debian", Model: "Debian 12", Site: "Lab", Connectivities: "SSH"}); err != nil {
		t.Fatal(err)
	}
	_, after, err := st.ListCredentials(ctx, CredentialFilter{Limit: 1, Search: "10.99"})
	if err != nil || after <= before {
		t.Fatalf("count of 10.99 before %d, after moving a device there %d (%v)", before, after, err)
	}
}
