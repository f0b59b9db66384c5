package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// ValidityChange is one credential's new validity in a bulk update: a zero
// ValidFrom or ValidTill keeps the stored one; Version (when non-zero) must
// match the stored version.
type ValidityChange struct {
	ValidFrom time.Time
	ValidTill time.Time
	Version   int
}

// SetClientCredentialValidity changes only id's validity window, as one
// row of a bulk update: its own transaction and audit row, so one refused
// id never blocks the others. The protected key's validity may not end in
// the past nor start in the future.
func (s *Store) SetClientCredentialValidity(ctx context.Context, a Actor, id int64, ch ValidityChange) (ClientCredential, error) {
	action := func(before ClientCredential) string {
		var changed []string
		if !ch.ValidFrom.IsZero() {
			changed = append(changed, "valid_from "+ts(before.ValidFrom)+" → "+ts(ch.ValidFrom))
		}
		if !ch.ValidTill.IsZero() {
			changed = append(changed, "valid_till "+ts(before.ValidTill)+" → "+ts(ch.ValidTill))
		}
		return "client_credential.bulk_update (" + strings.Join(changed, ", ") + ")"
	}
	return s.modifyAudited(ctx, a, id, action, func(tx *sql.Tx, c ClientCredential) error {
		if err := checkVersion(c, ch.Version); err != nil {
			return err
		}
		in := ClientCredentialInput{Name: c.Name, ValidFrom: pick(ch.ValidFrom, c.ValidFrom), ValidTill: pick(ch.ValidTill, c.ValidTill)}
		if in.ValidFrom.After(in.ValidTill) {
			return Invalid("valid_till", "must not be before valid_from ("+ts(in.ValidFrom)+")")
		}
		if err := protectedValidity(c, in, s.Now()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE client_credentials SET valid_from=?, valid_till=?, updated_at=?, version=version+1 WHERE id=?`,
			ts(in.ValidFrom), ts(in.ValidTill), ts(s.Now()), id)
		return err
	})
}

// pick is v, or def when v is zero.
func pick(v, def time.Time) time.Time {
	if v.IsZero() {
		return def
	}
	return v
}
