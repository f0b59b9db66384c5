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
// the audit_search index (0010_audit_search.sql), newest first, so a page
// stops after its last row; the total without search is audit_count's.
// Totals are cached until the next write (as credential counts).
func (s *Store) ListAudit(ctx context.Context, q AuditQuery) ([]AuditRow, int, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	if q.Offset < 0 {
		return nil, 0, Invalid("offset", "must not be negative")
	}
	from, where, args, id := "audit a", "", []any{}, "a.id"
	if phrase, ok := trigramPhrase(q.Search); ok {
		// CROSS JOIN keeps the index as the outer loop: newest first.
		from, where, args, id = "audit_search s CROSS JOIN audit a ON a.id = s.rowid", " WHERE audit_search MATCH ?", []any{phrase}, "s.rowid"
	} else if q.Search != "" {
		cond, a := searchCond(q.Search, "actor", "action", "target", "result", "actor_key")
		where, args = " WHERE "+cond, a
	}
	cnt, err := s.countAudit(ctx, q.Search, from, where, args)
	if err != nil {
		return nil, 0, err
	}
	page := ` ORDER BY ` + id + ` DESC LIMIT ? OFFSET ?`
	pageArgs := append(args[:len(args):len(args)], q.Limit, q.Offset)
	if q.Search == "" && cnt.total == cnt.maxID-cnt.minID+1 {
		// Ids without gaps (audit rows are never erased): the offset is
		// an id, so a late page costs what the first one does.
		where, page, pageArgs = " WHERE a.id <= ?", " ORDER BY a.id DESC LIMIT ?", []any{cnt.maxID - int64(q.Offset), q.Limit}
	}
	rows, err := s.read().QueryContext(ctx, `SELECT a.id, a.at, a.actor, a.actor_id, a.actor_key, a.action, a.target, a.result FROM `+
		from+where+page, pageArgs...)
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

// countAudit returns how many audit rows match (from and where of
// ListAudit), and the lowest and highest id, from one snapshot; cached
// until the next write.
func (s *Store) countAudit(ctx context.Context, search, from, where string, args []any) (countEntry, error) {
	gen, key := s.gen.Load(), "audit|"+search
	if e, ok := s.counts.get(gen, key); ok {
		return e, nil
	}
	var e countEntry
	tx, err := s.read().BeginTx(ctx, nil)
	if err != nil {
		return e, fmt.Errorf("store: count audit: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT MIN(id) FROM audit), 0), COALESCE((SELECT MAX(id) FROM audit), 0)`).Scan(&e.minID, &e.maxID); err != nil {
		return e, fmt.Errorf("store: count audit: %w", err)
	}
	count := `SELECT rows FROM audit_count`
	if search != "" {
		count = `SELECT COUNT(*) FROM ` + from + where
		if strings.HasPrefix(from, "audit_search") {
			count = `SELECT COUNT(*) FROM audit_search` + where // the index alone
		}
	}
	if err := tx.QueryRowContext(ctx, count, args...).Scan(&e.total); err != nil {
		return e, fmt.Errorf("store: count audit: %w", err)
	}
	s.counts.put(gen, key, e)
	return e, nil
}
