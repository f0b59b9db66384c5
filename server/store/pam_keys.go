package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"strconv"
	"strings"

	"github.com/pamconsole/pamconsole/internal/unitext"
	"golang.org/x/crypto/ssh"
)

// SSH keys (PAMCORE-VENDOR.md §4): a key is a credential of type SSHKeyType
// (so GET credential lists it, seed 003) plus a pam_ssh_keys row holding
// the key. The private key and passphrase are sealed at rest and returned
// only by a reveal, which is audited.

// maxKeyLen bounds a public or private key (an 8192-bit RSA private key in
// OpenSSH form is under 7 KiB).
const maxKeyLen = 16 << 10

// KeyDevice is a device a key is installed on.
type KeyDevice struct {
	Hostname string
	IP       string
}

// SSHKey is one SSH key. PrivateKey and Passphrase are filled only by a
// reveal (GetSSHKey with reveal true).
type SSHKey struct {
	Credential
	KeyName       string
	PublicKey     string
	Fingerprint   string // OpenSSH "SHA256:…"; "" when the public key does not parse
	PrivateKey    string
	Passphrase    string
	HasPassphrase bool
	Devices       []KeyDevice // the credential's device first, then the others
}

// SSHKeyInput is the body of POST key. On update, nil and empty values keep
// the stored ones.
type SSHKeyInput struct {
	Identifier  string // "" → a new UUIDv7 (create only; updates need it)
	Username    string // "" → DefaultUsername on create
	Hostname    string
	IP          string
	PublicKey   *string
	PrivateKey  *string
	Passphrase  *string
	KeyName     string
	Tags        string
	Enabled     *bool    // false → created inactive; ignored on update
	Devices     []string // further device hostnames; nil = keep
	AllowUpdate bool     // without it a match yields ErrNeedsEdit
}

// SSHKeyResult says what POST key did. DevicesError lists the hostnames of
// Devices that are not registered (the vendor's devices_error).
type SSHKeyResult struct {
	ID           int64
	Identifier   string
	Created      bool
	Changed      bool
	Devices      []KeyDevice
	DevicesError []string
}

func privateKeyAD(id int64) string { return "ssh_private_key:" + strconv.FormatInt(id, 10) }
func passphraseAD(id int64) string { return "ssh_passphrase:" + strconv.FormatInt(id, 10) }

// Fingerprint is the OpenSSH SHA256 fingerprint of an authorized_keys line,
// or "" when it does not parse.
func Fingerprint(publicKey string) string {
	pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(publicKey))
	if err != nil {
		return ""
	}
	return ssh.FingerprintSHA256(pk)
}

func (in *SSHKeyInput) validate() error {
	in.Identifier, in.Username = strings.TrimSpace(in.Identifier), strings.TrimSpace(in.Username)
	in.Hostname, in.IP = strings.TrimSpace(in.Hostname), strings.TrimSpace(in.IP)
	if in.Identifier != "" && !ValidIdentifier(in.Identifier) {
		return Invalid("identifier", `The identifier can only contain letters, numbers, "_" and "-".`).WithCode(pamcode.BadIdentifier)
	}
	for _, f := range []struct{ name, v string }{{"username", in.Username}, {"hostname", in.Hostname}, {"ip", in.IP}} {
		if err := checkKey(f.name, f.v); err != nil {
			return err
		}
	}
	if in.PublicKey != nil {
		pub := strings.TrimSpace(*in.PublicKey)
		in.PublicKey = &pub
		if len(pub) > maxKeyLen || strings.ContainsFunc(pub, unitext.IsControl) {
			return Invalid("public_key", "must be one authorized_keys line of at most 16 KiB")
		}
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"private_key", in.PrivateKey}, {"password", in.Passphrase}} {
		if f.v != nil && (len(*f.v) > maxKeyLen || strings.ContainsRune(*f.v, 0)) {
			return Invalid(f.name, "must be at most 16 KiB of text")
		}
	}
	for _, f := range []struct{ name, v string }{{"key_name", in.KeyName}, {"tags", in.Tags}} {
		if err := checkText(f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

func blank(p *string) bool { return p == nil || strings.TrimSpace(*p) == "" }

// UpsertSSHKey is POST key: an identifier naming an SSH key updates it (one
// naming another kind of credential is 1016); otherwise a key is created,
// which needs hostname (1004), ip (1005), public_key (1013) and private_key
// (1014). Every change is audited in the same transaction.
func (s *Store) UpsertSSHKey(ctx context.Context, a Actor, in SSHKeyInput) (SSHKeyResult, error) {
	if err := in.validate(); err != nil {
		return SSHKeyResult{}, err
	}
	var res SSHKeyResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		var existing *Credential
		if in.Identifier != "" {
			c, err := loadCredential(ctx, tx, `c.identifier = ?`, in.Identifier)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			existing = c
		}
		var err error
		switch {
		case existing == nil:
			res, err = s.insertSSHKey(ctx, tx, a, in)
		case existing.CredentialType != SSHKeyType:
			return Invalid("identifier", "The item is not a ssh key").WithCode(pamcode.NotAKey)
		case !in.AllowUpdate:
			return ErrNeedsEdit
		default:
			res, err = s.updateSSHKey(ctx, tx, a, in, existing)
		}
		return err
	})
	return res, err
}

func (s *Store) insertSSHKey(ctx context.Context, tx *sql.Tx, a Actor, in SSHKeyInput) (SSHKeyResult, error) {
	switch {
	case in.Hostname == "":
		return SSHKeyResult{}, missingDeviceField("hostname")
	case in.IP == "":
		return SSHKeyResult{}, missingDeviceField("ip")
	case blank(in.PublicKey):
		return SSHKeyResult{}, Invalid("public_key", "The public key was not informed").WithCode(pamcode.PublicKeyMissing)
	case blank(in.PrivateKey):
		return SSHKeyResult{}, Invalid("private_key", "The private key was not informed").WithCode(pamcode.PrivateKeyMissing)
	}
	dev, _, err := s.ensureDevice(ctx, tx, a, DeviceInput{Hostname: in.Hostname, IP: in.IP})
	if err != nil {
		return SSHKeyResult{}, err
	}
	ident, user := in.Identifier, in.Username
	if ident == "" {
		if ident, err = newUUIDv7(nil); err != nil {
			return SSHKeyResult{}, fmt.Errorf("store: key identifier: %w", err)
		}
	}
	if user == "" {
		user = DefaultUsername
	}
	active := in.Enabled == nil || *in.Enabled
	now := s.Now().Unix()
	r, err := tx.ExecContext(ctx, `INSERT INTO pam_credentials(identifier, username, device_id, credential_type, tags,
		changed_at, active, in_custody, created_at, updated_at) VALUES(?,?,?,?,?,?,?,0,?,?)`,
		ident, user, dev.ID, SSHKeyType, in.Tags, now, active, now, now)
	if err != nil {
		return SSHKeyResult{}, fmt.Errorf("store: insert ssh key: %w", err)
	}
	id, err := r.LastInsertId()
	if err != nil {
		return SSHKeyResult{}, fmt.Errorf("store: insert ssh key: %w", err)
	}
	priv, err := s.sealer.seal(*in.PrivateKey, privateKeyAD(id))
	if err != nil {
		return SSHKeyResult{}, fmt.Errorf("store: seal private key: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO pam_ssh_keys(credential_id, key_name, public_key, fingerprint, private_key)
		VALUES(?,?,?,?,?)`, id, in.KeyName, *in.PublicKey, Fingerprint(*in.PublicKey), priv); err != nil {
		return SSHKeyResult{}, fmt.Errorf("store: insert ssh key: %w", err)
	}
	if _, err := s.setPassphrase(ctx, tx, id, in.Passphrase); err != nil {
		return SSHKeyResult{}, err
	}
	res := SSHKeyResult{ID: id, Identifier: ident, Created: true, Changed: true}
	if err := s.linkKeyDevices(ctx, tx, id, dev, in.Devices, &res); err != nil {
		return res, err
	}
	c := Credential{ID: id, Username: user, Hostname: dev.Hostname}
	return res, s.audit(ctx, tx, a, "ssh_key.create", keyLabel(&c), "")
}

func keyLabel(c *Credential) string {
	return fmt.Sprintf("ssh_key:%d (%s@%s)", c.ID, c.Username, c.Hostname)
}

// setPassphrase seals a sent, non-empty passphrase; it reports whether it changed.
func (s *Store) setPassphrase(ctx context.Context, tx *sql.Tx, id int64, pass *string) (bool, error) {
	if pass == nil || *pass == "" {
		return false, nil
	}
	var old []byte
	if err := tx.QueryRowContext(ctx, `SELECT passphrase FROM pam_ssh_keys WHERE credential_id=?`, id).Scan(&old); err != nil {
		return false, wrapScan(err, "ssh key passphrase")
	}
	if old != nil {
		if plain, err := s.sealer.open(old, passphraseAD(id)); err == nil && plain == *pass {
			return false, nil
		}
	}
	box, err := s.sealer.seal(*pass, passphraseAD(id))
	if err != nil {
		return false, fmt.Errorf("store: seal passphrase: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE pam_ssh_keys SET passphrase=? WHERE credential_id=?`, box, id)
	return true, wrapScan(err, "ssh key passphrase")
}

// linkKeyDevices replaces the key's further devices with the registered
// ones among hostnames (nil keeps them); unknown hostnames go to
// res.DevicesError. res.Devices gets main first, then the linked ones.
func (s *Store) linkKeyDevices(ctx context.Context, tx *sql.Tx, id int64, main Device, hostnames []string, res *SSHKeyResult) error {
	if hostnames != nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM pam_ssh_key_devices WHERE credential_id=?`, id); err != nil {
			return fmt.Errorf("store: key devices: %w", err)
		}
		for _, h := range hostnames {
			h = strings.TrimSpace(h)
			if h == "" {
				continue
			}
			d, err := findDevice(ctx, tx, h)
			if err != nil || d.ID == main.ID {
				if err != nil {
					res.DevicesError = append(res.DevicesError, h)
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO pam_ssh_key_devices(credential_id, device_id) VALUES(?,?)`, id, d.ID); err != nil {
				return fmt.Errorf("store: key devices: %w", err)
			}
		}
	}
	devs, err := keyDevices(ctx, tx, id, main)
	res.Devices = devs
	return err
}

// keyDevices is main followed by the key's further devices.
func keyDevices(ctx context.Context, q querier, id int64, main Device) ([]KeyDevice, error) {
	out := []KeyDevice{{Hostname: main.Hostname, IP: main.IP}}
	rows, err := q.QueryContext(ctx, `SELECT d.hostname, d.ip FROM pam_ssh_key_devices k JOIN pam_devices d ON d.id = k.device_id
		WHERE k.credential_id = ? ORDER BY d.hostname`, id)
	if err != nil {
		return nil, fmt.Errorf("store: key devices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d KeyDevice
		if err := rows.Scan(&d.Hostname, &d.IP); err != nil {
			return nil, fmt.Errorf("store: key devices: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
