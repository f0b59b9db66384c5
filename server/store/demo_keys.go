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

// demoKeyCredential is a demo credential of type SSH Key.
type demoKeyCredential struct {
	id         int64
	user, host string
}

// demoKeys adds the key of each demo SSH Key credential, in id order.
func (s *Store) demoKeys(snd *bulkSender, rnd *rand.Rand, ks []demoKeyCredential) error {
	type pair struct {
		demoKeyPair
		fingerprint string
	}
	var pairs []pair
	for i, k := range ks {
		if len(pairs) < demoKeyPairs {
			p, err := demoKeyPairAt(rnd, k.user+"@"+k.host)
			if err != nil {
				return fmt.Errorf("store: demo keys: %w", err)
			}
			pairs = append(pairs, pair{p, Fingerprint(p.public)})
		}
		p := pairs[i%len(pairs)]
		box, err := s.sealer.seal(p.private, privateKeyAD(k.id))
		if err != nil {
			return fmt.Errorf("store: demo keys: %w", err)
		}
		if err := snd.row(tableSSHKeys, k.id, k.user+" key", p.public, p.fingerprint, box); err != nil {
			return err
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
