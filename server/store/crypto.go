package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// sealer encrypts secrets at rest with AES-256-GCM; the nonce is stored in
// front of the ciphertext.
type sealer struct{ aead cipher.AEAD }

// ErrInsecureKeyFile is returned when the key file is readable by others.
var ErrInsecureKeyFile = errors.New("store: key file is readable by group or others")

// loadOrCreateKey reads the hex key file, creating it (0600) with 32 random
// bytes when missing. A key file readable by group or others is refused.
func loadOrCreateKey(path string) (*sealer, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("store: generate key: %w", err)
		}
		if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("store: write key file: %w", err)
		}
		return newSealer(key)
	}
	if err != nil {
		return nil, fmt.Errorf("store: read key file: %w", err)
	}
	if err := CheckPrivate(path); err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("store: key file %s: want 64 hex characters", path)
	}
	return newSealer(key)
}

// CheckPrivate refuses a file whose mode lets group or others read it.
func CheckPrivate(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%w: %s has mode %#o; run chmod 600 %s", ErrInsecureKeyFile, path, fi.Mode().Perm(), path)
	}
	return nil
}

func newSealer(key []byte) (*sealer, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead}, nil
}

// seal encrypts plain; additional data binds the ciphertext to its row
// (e.g. "client_secret:cc_abc"), so ciphertexts cannot be swapped between rows.
func (s *sealer) seal(plain, ad string) ([]byte, error) {
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return s.aead.Seal(nonce, nonce, []byte(plain), []byte(ad)), nil
}

// open decrypts what seal produced.
func (s *sealer) open(box []byte, ad string) (string, error) {
	n := s.aead.NonceSize()
	if len(box) < n {
		return "", errors.New("store: ciphertext too short")
	}
	plain, err := s.aead.Open(nil, box[:n], box[n:], []byte(ad))
	if err != nil {
		return "", errors.New("store: cannot decrypt a stored secret (wrong key file?)")
	}
	return string(plain), nil
}
