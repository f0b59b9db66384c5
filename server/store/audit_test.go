package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// auditIDs are the ids of rows, in order.
func auditIDs(rows []AuditRow) []int64 {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}

// checkAuditSearch fails unless ListAudit's rows and total for search,
// whole and a page, are what a Unicode-folded substring scan in Go finds.
func checkAuditSearch(t *testing.T, st *Store, search string) {
	t.Helper()
	all, total, err := st.ListAudit(context.Background(), AuditQuery{Limit: 1_000_000})
	if err != nil || total != len(all) {
		t.Fatalf("whole audit: %d rows, total %d, %v", len(all), total, err)
	}
	var want []int64
	folded := foldText(search)
	for _, r := range all {
		for _, f := range []string{r.Actor, r.Action, r.Target, r.Result, r.ActorKey} {
			if strings.Contains(foldText(f), folded) {
				want = append(want, r.ID)
				break
			}
		}
	}
	got, total, err := st.ListAudit(context.Background(), AuditQuery{Search: search, Limit: 1_000_000})
	if err != nil || total != len(want) || !slices.Equal(auditIDs(got), want) {
		t.Fatalf("audit search %q: %d rows (total %d, %v), want %d", search, len(got), total, err, len(want))
	}
	if len(want) > 10 {
		page, total, err := st.ListAudit(context.Background(), AuditQuery{Search: search, Limit: 7, Offset: 3})
		if err != nil || total != len(want) || !slices.Equal(auditIDs(page), want[3:10]) {
			t.Fatalf("audit search %q page 3+7: %v (total %d, %v), want %v", search, auditIDs(page), total, err, want[3:10])
		}
	}
}

// The audit search index finds exactly what a scan finds, newest first,
// and pages without search skip by id.
func TestAuditSearchMatchesAScan(t *testing.T) {
	st, _ := openTemp(t)
	for i := range 40 {
		mustUpsert(t, st, cred("aud-"+strconv.Itoa(i), "user"+strconv.Itoa(i%3), "audhost"+strconv.Itoa(i%4)))
	}
	a := Actor{ClientID: "cc_ÄRGER", Name: "Ärger Bot", Key: "SHA256:abcDEF"}
	for i := range 15 {
		if err := st.RecordAudit(ctxBG, a, "credential.reveal", "root@db-prod-0"+strconv.Itoa(i%3), "denied: scope"); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []string{"", "au", "audhost1", "ärger", "ÄRGER BOT", "credential.create", "sha256:ABC", "denied", "db-prod-02", `"x`, "zzz-none"} {
		checkAuditSearch(t, st, s)
	}
	all, total, err := st.ListAudit(ctxBG, AuditQuery{Limit: 1000})
	if err != nil || total != len(all) || total < 55 {
		t.Fatalf("audit: %d rows, total %d (%v)", len(all), total, err)
	}
	page, total2, err := st.ListAudit(ctxBG, AuditQuery{Limit: 5, Offset: 12})
	if err != nil || total2 != total || !slices.Equal(auditIDs(page), auditIDs(all[12:17])) {
		t.Fatalf("page 12+5 without search: %v (total %d, %v), want %v", auditIDs(page), total2, err, auditIDs(all[12:17]))
	}
}

// A search's total is kept across writes: the rows appended since are
// counted and added; a changed or erased row makes it count again.
func TestAuditTotalsFollowWrites(t *testing.T) {
	st, _ := openTemp(t)
	record := func(n int, target string) {
		t.Helper()
		for range n {
			if err := st.RecordAudit(ctxBG, tester, "credential.reveal", target, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	record(5, "root@db-prod-01")
	record(3, "admin@fw-edge-1")
	for _, s := range []string{"db-prod", "fw-edge", "re"} {
		checkAuditSearch(t, st, s) // counted once, kept
	}
	record(4, "root@db-prod-02")
	mustUpsert(t, st, cred("aud-x", "root", "db-prod-03"))
	for _, s := range []string{"db-prod", "fw-edge", "re"} {
		checkAuditSearch(t, st, s) // kept totals plus the rows appended
	}
	for _, change := range []string{
		`UPDATE audit SET target = 'moved@elsewhere' WHERE target = 'root@db-prod-01'`,
		`DELETE FROM audit WHERE target = 'admin@fw-edge-1'`,
	} {
		if err := st.write(ctxBG, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctxBG, change); return err }); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"db-prod", "fw-edge", "re"} {
			checkAuditSearch(t, st, s)
		}
	}
}
