package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// UsageNote is how an audit row keeps c's use when the row that holds it
// changes for good (a rotation, a delete): "(last token 2026-05-01T10:00:00Z,
// last used 2026-05-02T08:30:00Z, 12 tokens issued)"; never-seen times are
// "never".
func (c ClientCredential) UsageNote() string {
	at := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return ts(t)
	}
	return fmt.Sprintf("(last token %s, last used %s, %d tokens issued)", at(c.LastTokenAt), at(c.LastUsedAt), c.TokensIssued)
}

// RecordTokenIssued notes that id obtained an access token at the store's
// now: last_token_at and tokens_issued. It is not an edit (version and
// updated_at stay) and not audited (the token endpoint would flood the log).
func (s *Store) RecordTokenIssued(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE client_credentials SET last_token_at=?, tokens_issued=tokens_issued+1 WHERE id=?`, ts(s.Now()), id)
		if err != nil {
			return fmt.Errorf("store: record token issued: %w", err)
		}
		return nil
	})
}

// TouchClientCredential sets id's last_used_at to at, never moving it
// back. The server calls it at most about once a minute per credential
// (server.usageRecorder), not on every request.
func (s *Store) TouchClientCredential(ctx context.Context, id int64, at time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE client_credentials SET last_used_at=? WHERE id=? AND (last_used_at IS NULL OR last_used_at < ?)`,
			ts(at), id, ts(at))
		if err != nil {
			return fmt.Errorf("store: touch client credential: %w", err)
		}
		return nil
	})
}
