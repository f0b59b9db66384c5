package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/pem"
	"fmt"
	"math/rand/v2"
	"strings"

	"golang.org/x/crypto/ssh"
)

// Demo SSH keys and protected information (issue 14 §3): every demo
// credential of type SSH Key gets an ed25519 key pair (no password), and a
// few protected items are added. Key pairs are derived from rnd, so the
// public keys and fingerprints are deterministic; at most demoKeyPairs
// distinct pairs are generated and reused beyond that (large demo stores).

const demoKeyPairs = 256

type demoKeyPair struct{ public, private string }

func demoKeyPairAt(rnd *rand.Rand, comment string) (demoKeyPair, error) {
	var seed [ed25519.SeedSize]byte
	for i := range seed {
		seed[i] = byte(rnd.Uint32())
	}
	priv := ed25519.NewKeyFromSeed(seed[:])
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		return demoKeyPair{}, err
	}
	block, err := ssh.MarshalPrivateKey(priv, comment)
	if err != nil {
		return demoKeyPair{}, err
	}
	return demoKeyPair{
		public:  strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))) + " " + comment,
		private: string(pem.EncodeToMemory(block)),
	}, nil
}

// seedDemoKeys turns the demo's SSH Key credentials into keys.
func (s *Store) seedDemoKeys(ctx context.Context, tx *sql.Tx, rnd *rand.Rand) error {
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.username, d.hostname FROM pam_credentials c
		JOIN pam_devices d ON d.id = c.device_id WHERE c.credential_type = ? ORDER BY c.id`, SSHKeyType)
	if err != nil {
		return fmt.Errorf("store: demo keys: %w", err)
	}
	type keyRow struct {
		id         int64
		user, host string
	}
	var ks []keyRow
	for rows.Next() {
		var k keyRow
		if err := rows.Scan(&k.id, &k.user, &k.host); err != nil {
			rows.Close()
			return fmt.Errorf("store: demo keys: %w", err)
		}
		ks = append(ks, k)
	}
	rows.Close()
	var pairs []demoKeyPair
	for i, k := range ks {
		if len(pairs) < demoKeyPairs {
			p, err := demoKeyPairAt(rnd, k.user+"@"+k.host)
			if err != nil {
				return fmt.Errorf("store: demo keys: %w", err)
			}
			pairs = append(pairs, p)
		}
		p := pairs[i%len(pairs)]
		box, err := s.sealer.seal(p.private, privateKeyAD(k.id))
		if err != nil {
			return fmt.Errorf("store: demo keys: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO pam_ssh_keys(credential_id, key_name, public_key, fingerprint, private_key)
			VALUES(?,?,?,?,?)`, k.id, k.user+" key", p.public, Fingerprint(p.public), box); err != nil {
			return fmt.Errorf("store: demo keys: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET password = NULL WHERE id = ?`, k.id); err != nil {
			return fmt.Errorf("store: demo keys: %w", err)
		}
	}
	return nil
}

var demoInfo = []InfoInput{
	{Identifier: "office-wifi", Name: "Office Wi-Fi", Type: "Access credential", Service: "Wi-Fi", UsersAllowed: "admin, netops"},
	{Identifier: "aws-root-mfa", Name: "AWS root account recovery codes", Type: "Recovery codes", Service: "AWS", URL: "https://console.aws.amazon.com"},
	{Identifier: "vpn-psk", Name: "Site-to-site VPN pre-shared key", Type: "Pre-shared key", Service: "VPN"},
	{Identifier: "tls-wildcard", Name: "Wildcard TLS private key passphrase", Type: "Digital certificate", Service: "corp.example"},
	{Identifier: "alarm-code", Name: "Datacenter alarm code", Type: "Physical access", Service: "Frankfurt DC"},
	{Name: "Break-glass procedure", Type: "Procedure", Service: "Incident response", UsersAllowed: "admin"},
}

// seedDemoInfo adds the demo's protected items; the last one is disabled.
func (s *Store) seedDemoInfo(ctx context.Context, tx *sql.Tx, rnd *rand.Rand) error {
	now := s.Now().Unix()
	for i, it := range demoInfo {
		r, err := tx.ExecContext(ctx, `INSERT INTO pam_info(identifier, name, type, service, url, users_allowed, content,
			active, created_at, updated_at) VALUES(?,?,?,?,?,?,x'',?,?,?)`, nullString(it.Identifier), it.Name, it.Type,
			it.Service, it.URL, it.UsersAllowed, i != len(demoInfo)-1, now, now)
		if err != nil {
			return fmt.Errorf("store: demo info: %w", err)
		}
		id, err := r.LastInsertId()
		if err != nil {
			return fmt.Errorf("store: demo info: %w", err)
		}
		box, err := s.sealer.seal(demoPassword(rnd), infoContentAD(id))
		if err != nil {
			return fmt.Errorf("store: demo info: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pam_info SET content = ? WHERE id = ?`, box, id); err != nil {
			return fmt.Errorf("store: demo info: %w", err)
		}
	}
	return nil
}
