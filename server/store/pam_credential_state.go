package store

// Reading one credential and changing its state: reveal (custody), activation, custody release.

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// GetCredential returns the credential ref without its password (Password
// empty): no view stamp, no audit row.
func (s *Store) GetCredential(ctx context.Context, ref string) (*Credential, error) {
	return findCredential(ctx, s.read(), ref)
}

// RevealCredential returns the credential ref with its decrypted password,
// stamps its view time, takes custody (the vendor: a password read grants
// custody until DELETE credential/custody/{id}) and writes the
// credential.reveal audit row, all in one transaction. An SSH key is 1010.
func (s *Store) RevealCredential(ctx context.Context, a Actor, ref string) (*Credential, error) {
	var c *Credential
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = findCredential(ctx, tx, ref); err != nil {
			return err
		}
		if c.CredentialType == SSHKeyType {
			return errNotACredential()
		}
		var box []byte
		if err := tx.QueryRowContext(ctx, `SELECT password FROM pam_credentials WHERE id=?`, c.ID).Scan(&box); err != nil {
			return wrapScan(err, "credential password")
		}
		if box != nil {
			if c.Password, err = s.sealer.open(box, passwordAD(c.ID)); err != nil {
				return err
			}
		}
		c.Viewed, c.InCustody = s.Now(), true
		if _, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET viewed_at=?, in_custody=1 WHERE id=?`, c.Viewed.Unix(), c.ID); err != nil {
			return fmt.Errorf("store: stamp view: %w", err)
		}
		return s.audit(ctx, tx, a, "credential.reveal", c.Label(), "")
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// SetCredentialActive activates or deactivates credential ref (never erases
// it). Activating an active credential is 1043; deactivating an inactive one
// is refused too.
func (s *Store) SetCredentialActive(ctx context.Context, a Actor, ref string, active bool) (*Credential, error) {
	return s.changeCredential(ctx, a, ref, "credential."+activateVerb(active), func(c *Credential) (string, []any, error) {
		if c.Active == active {
			if active {
				return "", nil, Invalid("", pamcode.CredentialAlreadyActive.Text()).WithCode(pamcode.CredentialAlreadyActive)
			}
			return "", nil, Invalid("", pamcode.CredentialInactive.Text()).WithCode(pamcode.CredentialInactive)
		}
		c.Active = active
		return `active=?`, []any{active}, nil
	})
}

// ReleaseCustody releases the custody of credential ref: 1008 when it is
// inactive, 1018 when it is not in custody.
func (s *Store) ReleaseCustody(ctx context.Context, a Actor, ref string) (*Credential, error) {
	return s.changeCredential(ctx, a, ref, "credential.release_custody", func(c *Credential) (string, []any, error) {
		if !c.Active {
			return "", nil, Invalid("", pamcode.CredentialInactive.Text()).WithCode(pamcode.CredentialInactive)
		}
		if !c.InCustody {
			return "", nil, Invalid("", pamcode.NotInCustody.Text()).WithCode(pamcode.NotInCustody)
		}
		c.InCustody = false
		return `in_custody=0`, nil, nil
	})
}

// changeCredential resolves ref, asks change for a SET clause, applies it
// and audits action, in one transaction.
func (s *Store) changeCredential(ctx context.Context, a Actor, ref, action string,
	change func(*Credential) (string, []any, error)) (*Credential, error) {
	var c *Credential
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = findCredential(ctx, tx, ref); err != nil {
			return err
		}
		if c.CredentialType == SSHKeyType {
			return errNotACredential() // keys change through …/pam/key
		}
		set, args, err := change(c)
		if err != nil {
			return err
		}
		args = append(args, s.Now().Unix(), c.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET `+set+`, updated_at=? WHERE id=?`, args...); err != nil {
			return fmt.Errorf("store: update credential: %w", err)
		}
		return s.audit(ctx, tx, a, action, c.Label(), "")
	})
	return c, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullJSON(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}
