//go:build scale

package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

// Scale benchmarks of issue 18 goal 4: a page of 500 of GET credential,
// with and without search=, at 100k and 1M credentials. Run with
//
//	go test -tags scale -run '^$' -bench 'ScaleListPage|ScaleAuditPage' -benchtime 5x -benchmem -timeout 60m ./server/store/
//
// (PAMCONSOLE_SCALE_CACHE=dir keeps the seeded fixtures for the next run.)
// Each case runs the current code path ("index-0009") and, as the baseline
// in the same run, the path it replaced ("index-0008": the 8-column trigram
// index of 0008_credential_search.sql, rebuilt in a benchmark-only table,
// counting every matching row and caching the total until the next write;
// without search, COUNT(*) of the table). "first" counts the search for the
// first time (kept totals forgotten), "after-write" follows a write that
// changes a credential (the write untimed), "warm" is the next page of the
// same search. Goal at 1M: ≤ 20 ms per page; without search, flat in N.

// scaleSearches are a selective search and two broad ones (~20 % and ~40 %
// of the demo's rows).
var scaleSearches = []string{"db01", "oracle", "corp.example"}

func BenchmarkScaleListPage(b *testing.B) {
	for _, size := range sizesMatching(b) {
		st := scaleStore(b, size.n)
		old := oldSearchIndex(b, st)
		for _, path := range []struct {
			name string
			page func(b *testing.B, f CredentialFilter)
		}{
			{"index-0009", func(b *testing.B, f CredentialFilter) { pageOf(b, st, f) }},
			{"index-0008", func(b *testing.B, f CredentialFilter) { old.page(b, f) }},
		} {
			for _, q := range append([]string{""}, scaleSearches...) {
				for _, temp := range []string{"first", "after-write", "warm"} {
					name := "search=" + q
					if q == "" {
						name = "plain"
					}
					b.Run(fmt.Sprintf("%s/%s/%s/%s", size.name, name, temp, path.name), func(b *testing.B) {
						rnd := rand.New(rand.NewPCG(1, 2))
						page := func() {
							f := CredentialFilter{Search: q, Limit: 500}
							switch {
							case q == "":
								f.Offset = rnd.IntN(size.n - 500)
							case temp == "warm":
								f.Offset = 500
							}
							path.page(b, f)
						}
						page() // untimed: connections, caches and the count warm
						for b.Loop() {
							b.StopTimer()
							switch temp {
							case "first":
								st.credentialTotals.forget()
								old.forget()
							case "after-write":
								scaleWrite(b, st)
								old.forget()
							}
							b.StartTimer()
							page()
						}
					})
				}
			}
		}
	}
}

// scaleWrite changes a credential as a console user does (deactivates or
// activates one in the middle of the list).
func scaleWrite(b *testing.B, st *Store) {
	ctx := context.Background()
	var active bool
	if err := st.read().QueryRowContext(ctx, `SELECT active FROM pam_credentials WHERE id = 1000`).Scan(&active); err != nil {
		b.Fatal(err)
	}
	if _, err := st.SetCredentialActive(ctx, Actor{Name: "bench"}, "1000", !active); err != nil {
		b.Fatal(err)
	}
}

// forget drops every kept total: the next search is counted the first time.
func (t *keptTotals) forget() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.m = nil
}

func pageOf(b *testing.B, st *Store, f CredentialFilter) {
	b.Helper()
	got, total, err := st.ListCredentials(context.Background(), f)
	if err != nil || total == 0 {
		b.Fatalf("page %+v: %d rows, total %d, err %v", f, len(got), total, err)
	}
}

// oldIndex is the search path of 0008 over a benchmark-only copy of its
// index (bench_search_0008), with its own count cache.
type oldIndex struct {
	st     *Store
	mu     sync.Mutex
	counts map[string]int64 // until the next write (forget)
}

func (o *oldIndex) forget() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.counts = nil
}

var (
	oldIndexMu   sync.Mutex
	oldIndexDone = map[*Store]*oldIndex{}
)

// oldSearchIndex builds bench_search_0008 in st (once per store; kept in a
// kept fixture).
func oldSearchIndex(b *testing.B, st *Store) *oldIndex {
	oldIndexMu.Lock()
	defer oldIndexMu.Unlock()
	if o := oldIndexDone[st]; o != nil {
		return o
	}
	ctx := context.Background()
	var exists int
	if err := st.read().QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'bench_search_0008'`).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if exists == 0 {
		start := time.Now()
		err := st.write(ctx, func(tx *sql.Tx) error {
			return execAll(ctx, tx, `CREATE VIRTUAL TABLE bench_search_0008 USING fts5(
				identifier, username, credential_type, hostname, ip, device_type, vendor, model,
				content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1')`,
				`INSERT INTO bench_search_0008(bench_search_0008, rank) VALUES ('hashsize', 268435456)`,
				`INSERT INTO bench_search_0008(bench_search_0008, rank) VALUES ('automerge', 0)`,
				`INSERT INTO bench_search_0008(rowid, identifier, username, credential_type, hostname, ip, device_type, vendor, model)
				SELECT c.id, pam_fold(c.identifier), pam_fold(c.username), pam_fold(c.credential_type), pam_fold(d.hostname),
					pam_fold(d.ip), pam_fold(d.type), pam_fold(d.vendor), pam_fold(d.model)
				FROM pam_credentials c JOIN pam_devices d ON d.id = c.device_id ORDER BY c.id`,
				`INSERT INTO bench_search_0008(bench_search_0008, rank) VALUES ('hashsize', 1048576)`,
				`INSERT INTO bench_search_0008(bench_search_0008, rank) VALUES ('automerge', 4)`)
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("built the 0008 index (baseline) in %v", time.Since(start).Round(time.Millisecond))
	}
	oldIndexDone[st] = &oldIndex{st: st}
	return oldIndexDone[st]
}

// page reads a page of f as 0008's query() and countCredentials did: the
// count of the whole index match (or of the table), then the rows.
func (o *oldIndex) page(b *testing.B, f CredentialFilter) {
	b.Helper()
	ctx := context.Background()
	key := f.Search
	from, where, args := `pam_credentials c JOIN pam_devices d ON d.id = c.device_id`, "", []any{}
	count, id := `SELECT COUNT(*) FROM pam_credentials c`, "c.id"
	if phrase, ok := trigramPhrase(f.Search); ok {
		from = `bench_search_0008 s CROSS JOIN pam_credentials c ON c.id = s.rowid JOIN pam_devices d ON d.id = c.device_id`
		where, args, id = ` WHERE bench_search_0008 MATCH ?`, []any{phrase}, "s.rowid"
		count = `SELECT COUNT(*) FROM bench_search_0008 s` + where
	}
	o.mu.Lock()
	total, ok := o.counts[key]
	o.mu.Unlock()
	if !ok {
		// As 0008's countCredentials: MIN and MAX in one SELECT (a scan).
		var minID, maxID int64
		if err := o.st.read().QueryRowContext(ctx, `SELECT COALESCE(MIN(id),0), COALESCE(MAX(id),0) FROM pam_credentials`).Scan(&minID, &maxID); err != nil {
			b.Fatal(err)
		}
		if err := o.st.read().QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
			b.Fatal(err)
		}
		o.mu.Lock()
		if o.counts == nil {
			o.counts = map[string]int64{}
		}
		o.counts[key] = total
		o.mu.Unlock()
	}
	query := `SELECT ` + credentialListColumns + ` FROM ` + from + where + ` ORDER BY ` + id + ` LIMIT ? OFFSET ?`
	args = append(args, f.Limit, f.Offset)
	if where == "" {
		// Ids without gaps from 1: the offset is an id (as 0008's stream).
		query = `SELECT ` + credentialListColumns + ` FROM ` + from + ` WHERE c.id > ? ORDER BY c.id LIMIT ?`
		args = []any{f.Offset, f.Limit}
	}
	rows, err := o.st.read().QueryContext(ctx, query, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var c Credential
	n := 0
	for rows.Next() {
		if err := scanListCredential(rows, &c); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if rows.Err() != nil || total == 0 {
		b.Fatalf("0008 page %+v: %d rows, total %d, %v", f, n, total, rows.Err())
	}
}

// scaleAuditSearches are a selective search and two broad ones over the
// audit fixture (~2 %, ~60 % and ~50 % of its rows).
var scaleAuditSearches = []string{"denied", "reveal", "corp.example"}

// BenchmarkScaleAuditPage is goal 4 for the audit log: a page of 500 of
// GET audit/ at 100k and 1M audit rows, without search (a random offset)
// and with search=: "first" counts the search for the first time (its kept
// total forgotten before each page), "after-write" follows a write (a new
// audit row, as every write adds), "warm" is the next page. The baseline
// ("scan-0009") is the previous ListAudit, kept below: COUNT(*) and a
// searchCond scan on every page, whatever came before.
func BenchmarkScaleAuditPage(b *testing.B) {
	for _, size := range sizesMatching(b) {
		st := scaleStore(b, size.n)
		scaleAudit(b, st, size.n)
		for _, q := range append([]string{""}, scaleAuditSearches...) {
			name := "search=" + q
			if q == "" {
				name = "plain"
			}
			for _, temp := range []string{"first", "after-write", "warm"} {
				if q == "" && temp == "first" {
					continue
				}
				b.Run(fmt.Sprintf("%s/%s/%s/index-0010", size.name, name, temp), func(b *testing.B) {
					rnd := rand.New(rand.NewPCG(1, 2))
					page := func() {
						f := AuditQuery{Search: q, Limit: 500}
						switch {
						case q == "":
							f.Offset = rnd.IntN(size.n - 500)
						case temp == "warm":
							f.Offset = 500
						}
						auditPageOf(b, st.ListAudit, f)
					}
					page() // untimed warm-up
					for b.Loop() {
						switch temp {
						case "first":
							st.auditTotals.forget()
						case "after-write": // the write itself is not timed
							b.StopTimer()
							if err := st.RecordAudit(context.Background(), Actor{Name: "bench"}, "credential.reveal", "root@web01.corp.example", ""); err != nil {
								b.Fatal(err)
							}
							b.StartTimer()
						}
						page()
					}
				})
			}
			b.Run(fmt.Sprintf("%s/%s/any/scan-0009", size.name, name), func(b *testing.B) {
				rnd := rand.New(rand.NewPCG(1, 2))
				for b.Loop() {
					f := AuditQuery{Search: q, Limit: 500}
					if q == "" {
						f.Offset = rnd.IntN(size.n - 500)
					}
					auditPageOf(b, st.listAudit0009, f)
				}
			})
		}
	}
}

func auditPageOf(b *testing.B, list func(context.Context, AuditQuery) ([]AuditRow, int, error), q AuditQuery) {
	b.Helper()
	rows, total, err := list(context.Background(), q)
	if err != nil || total == 0 || len(rows) == 0 {
		b.Fatalf("audit %+v: %d rows, total %d, %v", q, len(rows), total, err)
	}
}

// scaleAudit adds audit rows to st until it holds n: five actors, the
// store's usual actions on the demo's kinds of targets, 2 % refused.
func scaleAudit(b *testing.B, st *Store, n int) {
	ctx := context.Background()
	var have int
	if err := st.read().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have >= n {
		return
	}
	start := time.Now()
	err := st.write(ctx, func(tx *sql.Tx) error {
		return execArgs(ctx, tx, []any{n - have},
			`INSERT INTO audit_search(audit_search, rank) VALUES ('hashsize', 268435456)`,
			`WITH RECURSIVE i(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM i WHERE i < ?)
			INSERT INTO audit(at, actor, actor_id, actor_key, action, target, result)
			SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 1700000000 + i * 20, 'unixepoch'),
				CASE i % 5 WHEN 0 THEN 'Default Client Credential' WHEN 1 THEN 'ci-deployer' WHEN 2 THEN 'ansible'
					WHEN 3 THEN 'Ärger Bot' ELSE 'backup-runner' END,
				'cc_' || (i % 5), CASE WHEN i % 3 = 0 THEN 'SHA256:' || substr(hex(randomblob(16)), 1, 22) ELSE '' END,
				CASE i % 10 WHEN 0 THEN 'credential.create' WHEN 1 THEN 'credential.update' WHEN 2 THEN 'device.update'
					WHEN 3 THEN 'ssh_key.reveal' WHEN 4 THEN 'client_credential.create' ELSE 'credential.reveal' END,
				CASE i % 4 WHEN 0 THEN printf('root@web%02d.corp.example', i % 13) WHEN 1 THEN printf('oracle@db-prod-%02d', i % 7)
					WHEN 2 THEN printf('admin@fw-edge-%d', i % 5) ELSE printf('svc_sql@sql%02d.corp.example', i % 11) END,
				CASE WHEN i % 50 = 0 THEN 'denied: missing scope' ELSE 'ok' END
			FROM i`)
	})
	if err == nil {
		err = st.write(ctx, func(tx *sql.Tx) error {
			return execAll(ctx, tx, `INSERT INTO audit_search(audit_search, rank) VALUES ('hashsize', 1048576)`)
		})
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("added %d audit rows in %v", n-have, time.Since(start).Round(time.Millisecond))
}

// listAudit0009 is ListAudit as it was before 0010 (the baseline): the
// count and the page both scan the log with searchCond.
func (s *Store) listAudit0009(ctx context.Context, q AuditQuery) ([]AuditRow, int, error) {
	where, args := "", []any{}
	if q.Search != "" {
		var cond string
		cond, args = searchCond(q.Search, "actor", "action", "target", "result", "actor_key")
		where = " WHERE " + cond
	}
	var total int
	if err := s.read().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.read().QueryContext(ctx, `SELECT id,at,actor,actor_id,actor_key,action,target,result FROM audit`+where+
		` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []AuditRow
	for rows.Next() {
		var r AuditRow
		var at string
		if err := rows.Scan(&r.ID, &at, &r.Actor, &r.ActorID, &r.ActorKey, &r.Action, &r.Target, &r.Result); err != nil {
			return nil, 0, err
		}
		r.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, r)
	}
	return out, total, rows.Err()
}
