package store

// A client credential's secret: reveal, rotation with a grace period, the sweep of expired previous secrets, deletion and verification.

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// RevealClientSecret returns the plain secret and audits the reveal; a
// limited actor cannot reveal a credential holding a scope it lacks.
func (s *Store) RevealClientSecret(ctx context.Context, a Actor, id int64) (string, error) {
	var secret string
	_, err := s.modify(ctx, a, id, "client_credential.reveal_secret", func(tx *sql.Tx, c ClientCredential) error {
		if err := a.mayHaveSecret(c, "reveal"); err != nil {
			return err
		}
		var box []byte
		if err := tx.QueryRowContext(ctx, `SELECT secret_enc FROM client_credentials WHERE id=?`, id).Scan(&box); err != nil {
			return err
		}
		var err error
		secret, err = s.sealer.open(box, secretAD(c.ClientID))
		return err
	})
	return secret, err
}

// RotateClientSecret issues a new secret for id. With grace > 0 the secret
// it replaces keeps working for grace (at most MaxRotationGrace), so the
// services using it can move over; a secret older than that stops working
// at once. The access tokens of a replaced secret stop working with it.
// The protected key is never rotated, and a limited actor cannot rotate a
// credential holding a scope it lacks.
func (s *Store) RotateClientSecret(ctx context.Context, a Actor, id int64, grace time.Duration) (ClientCredential, string, error) {
	if grace < 0 || grace > MaxRotationGrace {
		return ClientCredential{}, "", InvalidGrace()
	}
	secret, err := newSecret()
	if err != nil {
		return ClientCredential{}, "", err
	}
	action := "client_credential.rotate_secret"
	if grace > 0 {
		action += fmt.Sprintf(" (previous secret valid %ds)", int(grace/time.Second))
	}
	withUsage := func(before ClientCredential) string { return action + " " + before.UsageNote() }
	c, err := s.modifyAudited(ctx, a, id, withUsage, func(tx *sql.Tx, c ClientCredential) error {
		if err := a.mayHaveSecret(c, "rotate"); err != nil {
			return err
		}
		box, err := s.sealer.seal(secret, secretAD(c.ClientID))
		if err != nil {
			return err
		}
		prevBox, prevUntil, err := s.previousSecret(ctx, tx, c, grace)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE client_credentials SET secret_enc=?, prev_secret_enc=?, prev_secret_until=?,
			secret_gen=secret_gen+1, updated_at=?, version=version+1 WHERE id=?`, box, prevBox, prevUntil, ts(s.Now()), id)
		return err
	})
	if err != nil {
		return c, "", err
	}
	return c, secret, nil
}

// previousSecret re-seals c's current secret as the previous one, valid
// for grace; with no grace there is none (NULL, NULL).
func (s *Store) previousSecret(ctx context.Context, tx *sql.Tx, c ClientCredential, grace time.Duration) (box []byte, until any, err error) {
	if grace <= 0 {
		return nil, nil, nil
	}
	var cur []byte
	if err := tx.QueryRowContext(ctx, `SELECT secret_enc FROM client_credentials WHERE id=?`, c.ID).Scan(&cur); err != nil {
		return nil, nil, fmt.Errorf("store: rotate client secret: %w", err)
	}
	plain, err := s.sealer.open(cur, secretAD(c.ClientID))
	if err != nil {
		return nil, nil, err
	}
	if box, err = s.sealer.seal(plain, prevSecretAD(c.ClientID)); err != nil {
		return nil, nil, err
	}
	return box, ts(s.Now().Add(grace)), nil
}

// ForgetExpiredSecrets wipes the previous secrets whose grace period has
// ended (they no longer work; this removes even their sealed copy), with an
// audit row for each, and returns how many it wiped.
func (s *Store) ForgetExpiredSecrets(ctx context.Context) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		expired, err := queryClientCredentials(ctx, tx, `SELECT `+ccColumns+` FROM client_credentials WHERE prev_secret_until IS NOT NULL AND prev_secret_until <= ?`, ts(s.Now()))
		if err != nil {
			return fmt.Errorf("store: forget expired secrets: %w", err)
		}
		system := Actor{Name: "system", ClientID: "housekeeping"}
		for _, c := range expired {
			if _, err := tx.ExecContext(ctx, `UPDATE client_credentials SET prev_secret_enc=NULL, prev_secret_until=NULL WHERE id=?`, c.ID); err != nil {
				return fmt.Errorf("store: forget expired secrets: %w", err)
			}
			if err := s.audit(ctx, tx, system, "client_credential.previous_secret_expired", c.Target(), ""); err != nil {
				return err
			}
		}
		n = len(expired)
		return nil
	})
	return n, err
}

// DeleteClientCredential deletes id. The protected key and the credential
// making the request (requester) are refused.
func (s *Store) DeleteClientCredential(ctx context.Context, a Actor, id, requester int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		c, err := getClientCredential(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case c.Protected:
			return Protected(c.Name + " is protected and cannot be deleted")
		case c.ID == requester:
			return Protected("cannot delete " + c.Name + ": it is the client credential making this request")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM client_credentials WHERE id=?`, id); err != nil {
			return fmt.Errorf("store: delete client credential: %w", err)
		}
		return s.audit(ctx, tx, a, "client_credential.delete "+c.UsageNote(), c.Target(), "")
	})
}

// ErrBadClientSecret is returned by VerifyClientSecret for an unknown
// client id or a wrong secret (the two are not told apart).
var ErrBadClientSecret = errors.New("client authentication failed")

// VerifyClientSecret checks clientID and secret in constant time; previous
// is true when secret is the one a rotation replaced, inside its grace period.
func (s *Store) VerifyClientSecret(ctx context.Context, clientID, secret string) (c ClientCredential, previous bool, err error) {
	var id int64
	var box, prevBox []byte
	var prevUntil sql.NullString
	row := s.read().QueryRowContext(ctx, `SELECT id, secret_enc, prev_secret_enc, prev_secret_until FROM client_credentials WHERE client_id=?`, clientID)
	err = row.Scan(&id, &box, &prevBox, &prevUntil)
	if errors.Is(err, sql.ErrNoRows) {
		subtle.ConstantTimeCompare([]byte(secret), []byte(secret)) // same work as a real comparison
		return c, false, ErrBadClientSecret
	}
	if err != nil {
		return c, false, fmt.Errorf("store: verify client secret: %w", err)
	}
	// Compare before reading anything else, so an unknown client id and a
	// wrong secret cost the same.
	match, err := s.secretMatches(box, secretAD(clientID), secret)
	if err != nil {
		return c, false, err
	}
	if !match && prevBox != nil && prevUntil.Valid && s.Now().Before(parseTS(prevUntil.String)) {
		if previous, err = s.secretMatches(prevBox, prevSecretAD(clientID), secret); err != nil {
			return c, false, err
		}
		match = previous
	}
	if !match {
		return c, false, ErrBadClientSecret
	}
	c, err = getClientCredential(ctx, s.read(), id)
	return c, previous, err
}

// secretMatches opens box and compares it with secret in constant time.
func (s *Store) secretMatches(box []byte, ad, secret string) (bool, error) {
	want, err := s.sealer.open(box, ad)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(secret)) == 1, nil
}
