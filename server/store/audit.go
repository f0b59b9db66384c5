package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Actor is who performs a write: the client credential of the token, and
// the SSH key fingerprint when the console was served over SSH.
type Actor struct {
	ClientID string
	Name     string
	Key      string

	// Limited actors (every API caller) hand out no more than they hold:
	// see grant.go. The system (bootstrap, housekeeping) is not limited.
	Limited      bool
	Scopes       []string // the scopes the actor holds (when Limited)
	CredentialID int64    // the actor's own client credential (when Limited)
}

// AuditRow is one audit entry.
type AuditRow struct {
	ID       int64
	At       time.Time
	Actor    string
	ActorID  string
	ActorKey string
	Action   string
	Target   string
	Result   string
}

// audit inserts an audit row inside tx; callers pass the tx of the change.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, a Actor, action, target, result string) error {
	if result == "" {
		result = "ok"
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit(at,actor,actor_id,actor_key,action,target,result) VALUES(?,?,?,?,?,?,?)`,
		s.Now().Format(time.RFC3339), a.Name, a.ClientID, a.Key, action, target, result)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// RecordAudit writes a standalone audit row (e.g. a refused request).
func (s *Store) RecordAudit(ctx context.Context, a Actor, action, target, result string) error {
	return s.write(ctx, func(tx *sql.Tx) error { return s.audit(ctx, tx, a, action, target, result) })
}

// AuditQuery selects a page of the audit log, newest first.
type AuditQuery struct {
	Search string // substring of actor, action, target or result
	Limit  int
	Offset int
}

// ListAudit returns one page of audit rows, newest first, and the total
// count matching the search. A search of three characters or more reads
// the audit_search index (0010_audit_search.sql) newest first, skipping the
// offset in the index alone, so a page stops after its last row; the total
// without search is audit_count's, and a search's total is kept across
// writes (Store.auditTotals). Shorter searches scan with searchCond.
func (s *Store) ListAudit(ctx context.Context, q AuditQuery) ([]AuditRow, int, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	if q.Offset < 0 {
		return nil, 0, Invalid("offset", "must not be negative")
	}
	m := auditMatchOf(q.Search)
	cnt, err := s.countAudit(ctx, q.Search, m)
	if err != nil {
		return nil, 0, err
	}
	const cols = `SELECT a.id, a.at, a.actor, a.actor_id, a.actor_key, a.action, a.target, a.result FROM `
	query, args := cols+`audit a`+m.where("")+` ORDER BY a.id DESC LIMIT ? OFFSET ?`, append(m.args, q.Limit, q.Offset)
	switch {
	case m.index:
		// CROSS JOIN keeps the page as the outer loop: newest first.
		query = cols + `(SELECT rowid AS id FROM audit_search` + m.where("") + ` ORDER BY rowid DESC LIMIT ? OFFSET ?) page
			CROSS JOIN audit a ON a.id = page.id ORDER BY a.id DESC`
	case q.Search == "" && cnt.total == cnt.maxID-cnt.minID+1:
		// Ids without gaps (audit rows are never erased): the offset is
		// an id, so a late page costs what the first one does.
		query, args = cols+`audit a WHERE a.id <= ? ORDER BY a.id DESC LIMIT ?`, []any{cnt.maxID - int64(q.Offset), q.Limit}
	}
	rows, err := s.read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	var out []AuditRow
	for rows.Next() {
		var r AuditRow
		var at string
		if err := rows.Scan(&r.ID, &at, &r.Actor, &r.ActorID, &r.ActorKey, &r.Action, &r.Target, &r.Result); err != nil {
			return nil, 0, fmt.Errorf("store: list audit: %w", err)
		}
		r.At, _ = time.Parse(time.RFC3339, at)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: list audit: %w", err)
	}
	return out, int(cnt.total), nil
}

// auditMatch is the condition of an audit search: an FTS5 phrase on
// audit_search (index) or searchCond on audit's columns; none without search.
type auditMatch struct {
	index bool
	cond  string
	args  []any
}

func auditMatchOf(search string) auditMatch {
	if phrase, ok := trigramPhrase(search); ok {
		return auditMatch{index: true, cond: "audit_search MATCH ?", args: []any{phrase}}
	}
	if search == "" {
		return auditMatch{}
	}
	cond, args := searchCond(search, "actor", "action", "target", "result", "actor_key")
	return auditMatch{cond: cond, args: args}
}

// where is the WHERE clause of the match and extra ("" if neither).
func (m auditMatch) where(extra string) string {
	conds := make([]string, 0, 2)
	for _, c := range []string{m.cond, extra} {
		if c != "" {
			conds = append(conds, c)
		}
	}
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// count is the SQL counting the matches among the rows above id ?.
func (m auditMatch) count() string {
	if m.index {
		return `SELECT COUNT(*) FROM audit_search` + m.where("rowid > ?") // the index alone
	}
	return `SELECT COUNT(*) FROM audit` + m.where("id > ?")
}

// countAudit returns how many audit rows match m, and the lowest and
// highest id, from one snapshot: a search already counted since the last
// rewrite counts only the rows added since.
func (s *Store) countAudit(ctx context.Context, search string, m auditMatch) (countEntry, error) {
	var e countEntry
	tx, err := s.read().BeginTx(ctx, nil)
	if err != nil {
		return e, fmt.Errorf("store: count audit: %w", err)
	}
	defer tx.Rollback()
	var rewrites int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT MIN(id) FROM audit), 0), COALESCE((SELECT MAX(id) FROM audit), 0),
		rows, rewrites FROM audit_count`).Scan(&e.minID, &e.maxID, &e.total, &rewrites); err != nil {
		return e, fmt.Errorf("store: count audit: %w", err)
	}
	if search == "" {
		return e, nil
	}
	// Audit rows are only appended, with growing ids: a total kept since
	// the last rewrite (audit_count.rewrites, 0011) needs the matches among
	// the rows above the id it covered added.
	prev, ok := s.auditTotals.get(search)
	if !ok || prev.epoch != rewrites || prev.at > e.maxID {
		prev = keptTotal{epoch: rewrites}
	}
	var added int64
	if err := tx.QueryRowContext(ctx, m.count(), append(m.args, prev.at)...).Scan(&added); err != nil {
		return e, fmt.Errorf("store: count audit: %w", err)
	}
	e.total = prev.total + added
	s.auditTotals.put(search, keptTotal{total: e.total, at: e.maxID, epoch: rewrites})
	return e, nil
}
