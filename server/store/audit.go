package store

import (
	"context"
	"database/sql"
	"fmt"
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
// count matching the search.
func (s *Store) ListAudit(ctx context.Context, q AuditQuery) ([]AuditRow, int, error) {
	where, args := "", []any{}
	if q.Search != "" {
		var cond string
		cond, args = searchCond(q.Search, "actor", "action", "target", "result", "actor_key")
		where = " WHERE " + cond
	}
	var total int
	if err := s.read().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count audit: %w", err)
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	rows, err := s.read().QueryContext(ctx, `SELECT id,at,actor,actor_id,actor_key,action,target,result FROM audit`+where+
		` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list audit: %w", err)
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
