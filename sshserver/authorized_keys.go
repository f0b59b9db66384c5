package sshserver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path"
	"strings"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Role is what a key may do in the console. The zero value is the least
// privileged role, so a forgotten assignment never grants writes.
type Role int

const (
	// RoleViewer browses read-only: write keys disabled and refused.
	RoleViewer Role = iota
	// RoleAdmin has the full console.
	RoleAdmin
)

// String returns the name used in authorized_keys and in logs.
func (r Role) String() string {
	if r == RoleAdmin {
		return "admin"
	}
	return "viewer"
}

// ParseRole maps "admin" or "viewer" (any case) to a Role.
func ParseRole(s string) (Role, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "admin":
		return RoleAdmin, nil
	case "viewer":
		return RoleViewer, nil
	}
	return RoleViewer, fmt.Errorf("unknown role %q (want admin or viewer)", s)
}

// RoleEnvVar is the variable of the environment="…" option that carries a
// key's role: environment="PAMCONSOLE_ROLE=admin". The option is valid
// OpenSSH syntax, so the same file stays usable by other tools.
const RoleEnvVar = "PAMCONSOLE_ROLE"

// DefaultRole is the role of a key whose line names none.
const DefaultRole = RoleViewer

// maxAuthorizedKeysSize bounds the file we read; real files are a few KiB.
const maxAuthorizedKeysSize = 1 << 20

// Entry is one accepted key of an authorized_keys file.
type Entry struct {
	Key     gossh.PublicKey
	Role    Role
	Comment string
	Line    int // 1-based line number, for messages

	// Restrictions honoured from the OpenSSH options. Other options
	// (command=, no-port-forwarding, …) are accepted and ignored: the
	// server never runs commands nor forwards anything.
	From    []string  // from="pattern-list": client IPs allowed (nil: any)
	NoPTY   bool      // no-pty or restrict: no terminal, hence no console
	Expires time.Time // expiry-time="YYYYMMDD[HHMM[SS]][Z]" (zero: never)
}

// Fingerprint returns the key's SHA256:… fingerprint.
func (e Entry) Fingerprint() string { return gossh.FingerprintSHA256(e.Key) }

// allows reports whether a key may be used from ip at time now.
func (e Entry) allows(ip netip.Addr, now time.Time) error {
	if !e.Expires.IsZero() && !now.Before(e.Expires) {
		return fmt.Errorf("key expired at %s", e.Expires.Format(time.RFC3339))
	}
	if e.From != nil && !matchFrom(e.From, ip) {
		return errors.New("client address not allowed by from=")
	}
	return nil
}

// ParseAuthorizedKeys reads an OpenSSH authorized_keys file and returns its
// keys by SHA256 fingerprint. Blank lines and # comments are skipped; a
// malformed line, an unknown role or a key listed twice is an error that
// names the line.
func ParseAuthorizedKeys(r io.Reader) (map[string]Entry, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxAuthorizedKeysSize))
	sc.Buffer(make([]byte, 0, 16*1024), maxAuthorizedKeysSize)
	keys := map[string]Entry{}
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		e, err := parseKeyLine(line, n)
		if err != nil {
			return nil, fmt.Errorf("authorized_keys line %d: %w", n, err)
		}
		fp := e.Fingerprint()
		if prev, dup := keys[fp]; dup {
			return nil, fmt.Errorf("authorized_keys line %d: key %s already listed on line %d", n, fp, prev.Line)
		}
		keys[fp] = e
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read authorized_keys: %w", err)
	}
	return keys, nil
}

// LoadAuthorizedKeys parses the file at path. A file writable by group or
// others, or owned by another user than the server's or root, is refused
// (see checkAuthorizedKeysMode) before it is read, and so is one under a
// folder others could write (checkKeysDirs).
func LoadAuthorizedKeys(path string) (map[string]Entry, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no authorized_keys file at %s: create it with one key per line, e.g. %s",
			path, `environment="PAMCONSOLE_ROLE=admin" ssh-ed25519 AAAA… alice@laptop`)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat() // of the file opened, not of whatever the path names later
	if err != nil {
		return nil, err
	}
	if err := checkAuthorizedKeysMode(path, info); err != nil {
		return nil, err
	}
	if err := checkKeysDirs(path); err != nil {
		return nil, err
	}
	keys, err := ParseAuthorizedKeys(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return keys, nil
}

func parseKeyLine(line []byte, n int) (Entry, error) {
	key, comment, options, rest, err := gossh.ParseAuthorizedKey(line)
	if err != nil {
		return Entry{}, errors.New("not a valid public key line")
	}
	if len(bytes.TrimSpace(rest)) != 0 {
		return Entry{}, errors.New("unexpected text after the key")
	}
	e := Entry{Key: key, Role: DefaultRole, Comment: comment, Line: n}
	if err := applyOptions(&e, options); err != nil {
		return Entry{}, err
	}
	return e, nil
}

// applyOptions reads the role and the restrictions we honour.
func applyOptions(e *Entry, options []string) error {
	roleSet, ptyAllowed := false, false
	for _, opt := range options {
		name, value, hasValue := strings.Cut(opt, "=")
		name = strings.ToLower(name)
		if hasValue {
			v, err := unquoteOption(value)
			if err != nil {
				return fmt.Errorf("option %s: %w", name, err)
			}
			value = v
		}
		switch name {
		case "environment":
			k, v, _ := strings.Cut(value, "=")
			if k != RoleEnvVar {
				continue
			}
			if roleSet {
				return fmt.Errorf("%s given twice", RoleEnvVar)
			}
			role, err := ParseRole(v)
			if err != nil {
				return err
			}
			e.Role, roleSet = role, true
		case "from":
			from, err := parseFrom(value)
			if err != nil {
				return err
			}
			e.From = from
		case "expiry-time":
			t, err := parseExpiry(value)
			if err != nil {
				return err
			}
			e.Expires = t
		case "no-pty", "restrict":
			e.NoPTY = true
		case "pty":
			ptyAllowed = true
		}
	}
	if ptyAllowed {
		e.NoPTY = false // "restrict,pty" re-enables the terminal, as in OpenSSH
	}
	return nil
}

// unquoteOption strips the double quotes of an option value, honouring \".
func unquoteOption(v string) (string, error) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", errors.New(`value must be in double quotes`)
	}
	return strings.ReplaceAll(v[1:len(v)-1], `\"`, `"`), nil
}

// parseFrom validates a from= pattern list. Patterns are matched against
// the client IP only (no DNS lookups): CIDR blocks, or globs with * and ?,
// each optionally negated with !.
func parseFrom(list string) ([]string, error) {
	var pats []string
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		body := strings.TrimPrefix(p, "!")
		if body == "" {
			return nil, errors.New("from= has an empty pattern")
		}
		if strings.Contains(body, "/") {
			if _, err := netip.ParsePrefix(body); err != nil {
				return nil, fmt.Errorf("from= pattern %q is not a valid CIDR block", body)
			}
		} else if _, err := path.Match(body, ""); err != nil {
			return nil, fmt.Errorf("from= pattern %q is malformed", body)
		}
		pats = append(pats, p)
	}
	return pats, nil
}

// matchFrom follows OpenSSH: allowed if some positive pattern matches and
// no negated one does.
func matchFrom(pats []string, ip netip.Addr) bool {
	ip = ip.Unmap()
	ipText := ip.String()
	matched := false
	for _, p := range pats {
		body, negated := strings.CutPrefix(p, "!")
		var hit bool
		if strings.Contains(body, "/") {
			pfx, err := netip.ParsePrefix(body)
			hit = err == nil && pfx.Contains(ip)
		} else {
			hit, _ = path.Match(strings.ToLower(body), ipText)
		}
		if hit && negated {
			return false
		}
		matched = matched || hit
	}
	return matched
}

// parseExpiry reads YYYYMMDD[HHMM[SS]] in local time, or UTC with a Z suffix.
func parseExpiry(v string) (time.Time, error) {
	loc := time.Local
	if s, ok := strings.CutSuffix(v, "Z"); ok {
		v, loc = s, time.UTC
	}
	for _, layout := range []string{"20060102", "200601021504", "20060102150405"} {
		if len(v) == len(layout) {
			if t, err := time.ParseInLocation(layout, v, loc); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("expiry-time %q is not YYYYMMDD[HHMM[SS]]", v)
}
