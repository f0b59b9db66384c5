package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
)

// The names of seed 000's two client credentials.
const (
	DefaultCredentialName    = "Default Client Credential"
	SSHServiceCredentialName = "mo-ssh-microservice-communication-key"
)

// sshServiceScopes are the protected SSH microservice key's scopes: it
// reads users, assets and system users and rotates system user passwords.
var sshServiceScopes = []string{"users.user.view", "assets.view", "system_user.view", "system_user.rotate_password"}

// Bootstrap seeds an empty store with seed 000's two client credentials
// and returns the Default Client Credential's client id and secret. Both
// rows are written in one transaction, so a crash never leaves a store that
// has the default credential but never reported its secret. On a store that
// has any client credential it does nothing (created false, no secret).
func (s *Store) Bootstrap(ctx context.Context) (created bool, clientID, secret string, err error) {
	now := s.Now()
	system := Actor{Name: "system", ClientID: "bootstrap"}
	seeds := []struct {
		in        ClientCredentialInput
		protected bool
	}{
		{ClientCredentialInput{Name: DefaultCredentialName, Scopes: AllScopes()}, false},
		{ClientCredentialInput{Name: SSHServiceCredentialName, Scopes: sshServiceScopes}, true},
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM client_credentials`).Scan(&n); err != nil {
			return fmt.Errorf("store: bootstrap: %w", err)
		}
		if n > 0 {
			return nil
		}
		for i, sd := range seeds {
			sd.in.ValidFrom, sd.in.ValidTill = now.AddDate(0, 0, -1), now.AddDate(10, 0, 0)
			c, sec, err := s.insertClientCredential(ctx, tx, system, sd.in, sd.protected)
			if err != nil {
				return err
			}
			if i == 0 {
				created, clientID, secret = true, c.ClientID, sec
			}
		}
		return nil
	})
	if err != nil {
		return false, "", "", err
	}
	return created, clientID, secret, nil
}

// SigningKey returns the persistent JWT signing key, creating it (32
// random bytes, sealed) on first use.
func (s *Store) SigningKey(ctx context.Context) ([]byte, error) {
	var box []byte
	err := s.read().QueryRowContext(ctx, `SELECT value FROM settings WHERE key='jwt_signing_key'`).Scan(&box)
	if err == nil {
		k, err := s.sealer.open(box, "jwt_signing_key")
		return []byte(k), err
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: signing key: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	box, err = s.sealer.seal(string(key), "jwt_signing_key")
	if err != nil {
		return nil, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO settings(key,value) VALUES('jwt_signing_key',?)`, box)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.SigningKey(ctx) // another process may have won the race
}
