package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"strconv"
)

// updateSSHKey applies the sent fields of in to key c (3.32: "send only the
// fields to change"); it writes and audits only when something changed.
func (s *Store) updateSSHKey(ctx context.Context, tx *sql.Tx, a Actor, in SSHKeyInput, c *Credential) (SSHKeyResult, error) {
	res := SSHKeyResult{ID: c.ID, Identifier: c.Identifier}
	dev, err := findDevice(ctx, tx, strconv.FormatInt(c.DeviceID, 10))
	if err != nil {
		return res, err
	}
	if in.Hostname != "" && in.IP != "" {
		var ch DeviceChange
		if dev, ch, err = s.ensureDevice(ctx, tx, a, DeviceInput{Hostname: in.Hostname, IP: in.IP}); err != nil {
			return res, err
		}
		res.Changed = ch.Changed || dev.ID != c.DeviceID
	}
	user, tags := c.Username, c.Tags
	if in.Username != "" {
		user = in.Username
	}
	if in.Tags != "" {
		tags = in.Tags
	}
	if user != c.Username || tags != c.Tags || dev.ID != c.DeviceID {
		res.Changed = true
		if _, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET username=?, tags=?, device_id=?, updated_at=? WHERE id=?`,
			user, tags, dev.ID, s.Now().Unix(), c.ID); err != nil {
			return res, fmt.Errorf("store: update ssh key: %w", err)
		}
	}
	changed, err := s.updateKeyMaterial(ctx, tx, c.ID, in)
	if err != nil {
		return res, err
	}
	res.Changed = res.Changed || changed
	if err := s.linkKeyDevices(ctx, tx, c.ID, dev, in.Devices, &res); err != nil {
		return res, err
	}
	if in.Devices != nil {
		res.Changed = true // the list was replaced (comparing sets is not worth it here)
	}
	if !res.Changed {
		return res, nil
	}
	c.Username, c.Hostname = user, dev.Hostname
	return res, s.audit(ctx, tx, a, "ssh_key.update", keyLabel(c), "")
}

// updateKeyMaterial applies a sent key name, public key, private key and
// passphrase; it reports whether any changed.
func (s *Store) updateKeyMaterial(ctx context.Context, tx *sql.Tx, id int64, in SSHKeyInput) (bool, error) {
	var name, pub string
	var priv []byte
	if err := tx.QueryRowContext(ctx, `SELECT key_name, public_key, private_key FROM pam_ssh_keys WHERE credential_id=?`, id).
		Scan(&name, &pub, &priv); err != nil {
		return false, wrapScan(err, "ssh key")
	}
	changed := false
	if in.KeyName != "" && in.KeyName != name {
		name, changed = in.KeyName, true
	}
	if !blank(in.PublicKey) && *in.PublicKey != pub {
		pub, changed = *in.PublicKey, true
	}
	if !blank(in.PrivateKey) {
		old, err := s.sealer.open(priv, privateKeyAD(id))
		if err != nil || old != *in.PrivateKey {
			if priv, err = s.sealer.seal(*in.PrivateKey, privateKeyAD(id)); err != nil {
				return false, fmt.Errorf("store: seal private key: %w", err)
			}
			changed = true
		}
	}
	if changed {
		if _, err := tx.ExecContext(ctx, `UPDATE pam_ssh_keys SET key_name=?, public_key=?, fingerprint=?, private_key=?
			WHERE credential_id=?`, name, pub, Fingerprint(pub), priv, id); err != nil {
			return false, fmt.Errorf("store: update ssh key: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET changed_at=? WHERE id=?`, s.Now().Unix(), id); err != nil {
			return false, fmt.Errorf("store: update ssh key: %w", err)
		}
	}
	passChanged, err := s.setPassphrase(ctx, tx, id, in.Passphrase)
	return changed || passChanged, err
}

// findSSHKey resolves ref (id or identifier) to an SSH key's credential:
// 1015 when unknown, 1016 when it is another kind of credential.
func findSSHKey(ctx context.Context, q querier, ref string) (*Credential, error) {
	c, err := findCredential(ctx, q, ref)
	if IsKind(err, KindNotFound) {
		return nil, NotFound("SSH key not found").WithCode(pamcode.KeyNotFound)
	}
	if err != nil {
		return nil, err
	}
	if c.CredentialType != SSHKeyType {
		return nil, Invalid("", "The item is not a ssh key").WithCode(pamcode.NotAKey)
	}
	return c, nil
}

// GetSSHKey is GET key/{id}: 1015, 1016, or 1017 when the key is inactive.
// With reveal the private key and passphrase are decrypted and the read is
// audited (ssh_key.reveal) in the same transaction; without it nothing
// secret is read and nothing is written.
func (s *Store) GetSSHKey(ctx context.Context, a Actor, ref string, reveal bool) (*SSHKey, error) {
	var k *SSHKey
	read := func(q querier) error {
		c, err := findSSHKey(ctx, q, ref)
		if err != nil {
			return err
		}
		if !c.Active {
			return Invalid("", "Key inactive").WithCode(pamcode.KeyInactive)
		}
		k, err = s.loadKey(ctx, q, c, reveal)
		return err
	}
	if !reveal {
		return k, read(s.read())
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := read(tx); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "ssh_key.reveal", keyLabel(&k.Credential), "")
	})
	return k, err
}

func (s *Store) loadKey(ctx context.Context, q querier, c *Credential, reveal bool) (*SSHKey, error) {
	k := &SSHKey{Credential: *c}
	var priv, pass []byte
	if err := q.QueryRowContext(ctx, `SELECT key_name, public_key, fingerprint, private_key, passphrase FROM pam_ssh_keys
		WHERE credential_id=?`, c.ID).Scan(&k.KeyName, &k.PublicKey, &k.Fingerprint, &priv, &pass); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, NotFound("SSH key not found").WithCode(pamcode.KeyNotFound)
		}
		return nil, wrapScan(err, "ssh key")
	}
	k.HasPassphrase = pass != nil
	var err error
	if reveal {
		if k.PrivateKey, err = s.sealer.open(priv, privateKeyAD(c.ID)); err != nil {
			return nil, err
		}
		if pass != nil {
			if k.Passphrase, err = s.sealer.open(pass, passphraseAD(c.ID)); err != nil {
				return nil, err
			}
		}
	}
	k.Devices, err = keyDevices(ctx, q, c.ID, Device{Hostname: c.Hostname, IP: c.IP})
	return k, err
}

// SetSSHKeyActive is DELETE key/{id} (deactivate; 1017 when inactive) and
// PUT key/{id} (activate; 1045 when active).
func (s *Store) SetSSHKeyActive(ctx context.Context, a Actor, ref string, active bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		c, err := findSSHKey(ctx, tx, ref)
		if err != nil {
			return err
		}
		if c.Active == active {
			if active {
				return Invalid("", "Ssh key is already activated").WithCode(pamcode.KeyAlreadyActive)
			}
			return Invalid("", "Key inactive").WithCode(pamcode.KeyInactive)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET active=?, updated_at=? WHERE id=?`, active, s.Now().Unix(), c.ID); err != nil {
			return fmt.Errorf("store: update ssh key: %w", err)
		}
		return s.audit(ctx, tx, a, "ssh_key."+activateVerb(active), keyLabel(c), "")
	})
}
