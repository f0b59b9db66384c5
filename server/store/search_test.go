package store

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
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

// checkSearch fails unless every list of search (any active filter, whole
// and a page) has exactly the rows and total a scan in Go finds.
func checkSearch(t *testing.T, st *Store, search string) {
	t.Helper()
	ctx := context.Background()
	all, _, err := st.ListCredentials(ctx, CredentialFilter{})
	if err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	for _, active := range []*bool{nil, &yes, &no} {
		var rows []Credential
		for _, c := range all {
			if active == nil || c.Active == *active {
				rows = append(rows, c)
			}
		}
		want := searchIDs(rows, search)
		f := CredentialFilter{Search: search, Active: active}
		got, total, err := st.ListCredentials(ctx, f)
		if err != nil || total != len(want) || !slices.Equal(credentialIDs(got), want) {
			t.Fatalf("search %q active %v: %d rows (total %d, err %v), want %d", search, activeKey(active), len(got), total, err, len(want))
		}
		if len(want) > 10 {
			f.Limit, f.Offset = 7, 3
			page, total, err := st.ListCredentials(ctx, f)
			if err != nil || total != len(want) || !slices.Equal(credentialIDs(page), want[3:10]) {
				t.Fatalf("search %q active %v page 3+7: %v (total %d, err %v), want %v", search, activeKey(active), credentialIDs(page), total, err, want[3:10])
			}
		}
	}
}

// The search index finds exactly the rows a substring scan finds, pages
// through them in id order, and follows changes of the devices.
func TestSearchIndexMatchesASubstringScan(t *testing.T) {
	ctx := context.Background()
	st := listSetup(t, 3000, 40)
	var triggers int
	if err := st.read().QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'pam_%search%'`).Scan(&triggers); err != nil || triggers != 6 {
		t.Fatalf("after the seed, %d search triggers (%v), want the 6 of the migrations", triggers, err)
	}
	check := func(search string) { t.Helper(); checkSearch(t, st, search) }
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

// Every writer keeps the search indexes and the counts current: a new
// credential, one renamed and moved to another device, one deactivated,
// a device changed, a row deleted, an SSH key, a bulk load.
func TestSearchFollowsEveryWriter(t *testing.T) {
	ctx := context.Background()
	st := listSetup(t, 400, 12)
	searches := []string{"ora", "oracle", "corp.example", "db-prod", "zz-moved", "ärger", "10.77", "Local User", "sys"}
	checkAll := func(step string) {
		t.Helper()
		for _, s := range searches {
			t.Run(step+"/"+s, func(t *testing.T) { checkSearch(t, st, s) })
		}
	}
	checkAll("seeded")
	r := mustUpsert(t, st, cred("zz-new-1", "oracle_new", "ärger-host"))
	checkAll("created")
	in := cred("zz-new-1", "zz-moved", "db-prod-01")
	dev, err := st.DeviceByRef(ctx, "db-prod-01")
	if err != nil {
		t.Fatal(err)
	}
	in.Device.IP = dev.IP
	if _, err := st.UpsertCredential(ctx, tester, in); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := st.ListCredentials(ctx, CredentialFilter{Search: "zz-moved"}); len(got) != 1 || got[0].ID != r.ID || got[0].Hostname != "db-prod-01" {
		t.Fatalf("the renamed credential did not move: %+v", got)
	}
	checkAll("renamed and moved")
	for _, ref := range []string{"zz-new-1", strconv.Itoa(int(r.ID) - 1)} {
		if _, err := st.SetCredentialActive(ctx, tester, ref, false); err != nil {
			t.Fatal(err)
		}
	}
	checkAll("deactivated")
	if _, _, err := st.UpsertDevice(ctx, tester, DeviceInput{Hostname: "db-prod-01", IP: "10.77.0.1",
		Type: "Database", Vendor: "ÄRGER Systems", Model: dev.Model, Site: dev.Site}); err != nil {
		t.Fatal(err)
	}
	checkAll("device changed")
	if err := st.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM pam_credentials WHERE id = ?`, r.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	checkAll("deleted")
	if err := st.SeedBulk(ctx, 120); err != nil {
		t.Fatal(err)
	}
	searches = append(searches, "bulk-0000", "user00004")
	checkAll("bulk load")
}

// A database of 0008 (one index of every field per credential) upgrades:
// 0009 and 0010 index what was there, and the counts start right.
func TestSearchUpgradeFrom0008(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pam.db")
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > 8 {
			break
		}
		if _, err := db.ExecContext(ctx, m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00Z')`, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 30 {
		if _, err := db.ExecContext(ctx, `INSERT INTO pam_devices(hostname, ip, type, vendor, model, created_at, updated_at)
			VALUES (?, ?, 'Database', ?, 'Oracle 19c', 0, 0)`, "host-"+strconv.Itoa(i), "10.5."+strconv.Itoa(i)+".1", []string{"Oracle", "Ärger"}[i%2]); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 300 {
		if _, err := db.ExecContext(ctx, `INSERT INTO pam_credentials(identifier, username, device_id, active, created_at, updated_at)
			VALUES (?, ?, ?, ?, 0, 0)`, "id-"+strconv.Itoa(i), "user"+strconv.Itoa(i%17), 1+i%30, i%7 != 0); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 50 {
		if _, err := db.ExecContext(ctx, `INSERT INTO audit(at, actor, action, target) VALUES ('2026-11-01T00:00:00Z', ?, ?, ?)`,
			[]string{"Ärger Bot", "ci"}[i%2], "credential.reveal", "root@host-"+strconv.Itoa(i%30)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, err := st.SchemaVersion(ctx); err != nil || v < 9 {
		t.Fatalf("schema version %d (%v), want 9 or later", v, err)
	}
	for _, s := range []string{"user1", "ÄRGER", "oracle", "host-2", "10.5.1", "id-29", "Local"} {
		checkSearch(t, st, s)
	}
	for _, s := range []string{"ÄRGER", "host-2", "reveal", "ci"} {
		checkAuditSearch(t, st, s)
	}
	_, total, err := st.ListCredentials(ctx, CredentialFilter{})
	if err != nil || total != 300 {
		t.Fatalf("total after the upgrade %d (%v), want 300", total, err)
	}
}

// A kept total outlives many changes only by counting again: more than
// the log applies, and more than it keeps (4096).
func TestKeptTotalsAfterManyChanges(t *testing.T) {
	ctx := context.Background()
	st := listSetup(t, 300, 6)
	checkSearch(t, st, "oracle")
	for _, flips := range []int{3, 7, 17} { // 900, 2100, 5100 logged changes
		if err := st.write(ctx, func(tx *sql.Tx) error {
			for range flips {
				if _, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET active = 1 - active`); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		checkSearch(t, st, "oracle")
	}
}
