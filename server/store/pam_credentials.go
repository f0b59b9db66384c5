package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// DefaultCredentialType is the type of a credential created without one.
const DefaultCredentialType = "Local User"

// SSHKeyType is the credential type of an SSH key (the vendor lists keys in
// GET credential with "type": "SSH Key"; seed 003).
const SSHKeyType = "SSH Key"

// DefaultUsername replaces a username sent as an empty string (seed 001).
const DefaultUsername = "usr"

// ErrNeedsEdit is returned by UpsertCredential when the upsert resolves to
// an update but the input did not allow updates (the caller lacks the edit
// scope). Nothing was written.
var ErrNeedsEdit = errors.New("store: the upsert matched an existing credential and updates are not allowed")

// Credential is one PAM Core credential with its device's columns. Password
// is filled only by RevealCredential; list rows leave the detail fields
// (settings, notes, parent…) empty.
type Credential struct {
	ID              int64
	Identifier      string
	Username        string
	CredentialType  string
	Expiration      time.Time // zero = none
	Changed         time.Time // last password change
	Viewed          time.Time // last reveal
	AutomaticChange bool
	Active          bool
	InCustody       bool

	DeviceID       int64
	Hostname       string
	IP             string
	DeviceType     string
	DeviceVendor   string
	DeviceModel    string
	DeviceSite     string
	Connectivities string

	// Detail only.
	Password            string
	HasPassword         bool
	Additional          string
	Tags                string
	Domain              string
	SessionRemoteConfig string
	Notes               string
	ParentID            int64
	ParentIdentifier    string
	ExecutionSettings   []byte // JSON as sent; nil = none
	SessionSettings     []byte
	AdditionalSettings  []byte
	JITSettings         []byte
}

// Label is how audit rows name the credential: "credential:12 (root@web01)".
func (c *Credential) Label() string {
	return fmt.Sprintf("credential:%d (%s@%s)", c.ID, c.Username, c.Hostname)
}

// CredentialInput is the body of the seed-001 upsert after the wire-level
// parsing done by the server (types resolved). On update, empty strings
// and nil slices keep the stored value.
type CredentialInput struct {
	Identifier          string      // "" → match by username+hostname+ip, else a new UUIDv7
	Username            *string     // nil = parameter not sent (1042); "" = DefaultUsername
	Device              DeviceInput // Hostname and IP required; the rest applied when non-empty
	Password            *string     // nil or "" = keep
	CredentialType      string
	Additional          string
	Tags                string
	Domain              string
	SessionRemoteConfig string
	Notes               string
	ParentID            int64 // 0 = keep
	ExecutionSettings   []byte
	SessionSettings     []byte
	AdditionalSettings  []byte
	JITSettings         []byte
	// AllowUpdate permits the upsert to update an existing credential;
	// without it a match yields ErrNeedsEdit.
	AllowUpdate bool
}

// UpsertResult says what an upsert did. Changed is true when a stored
// value changed (always on create): the vendor's Ansible collection reads it
// as response.changed.
type UpsertResult struct {
	ID         int64
	Identifier string
	Created    bool
	Changed    bool
}

// ValidIdentifier reports whether id uses only [A-Za-z0-9_.-] (seed 001).
// "." and ".." are refused too: as a path segment they would address
// another resource (GET credential/..).
func ValidIdentifier(id string) bool {
	if id == "" || len(id) > maxRefLen || id == "." || id == ".." {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func (in *CredentialInput) validate() error {
	in.Identifier = strings.TrimSpace(in.Identifier)
	in.Device.trim()
	if in.Identifier != "" && !ValidIdentifier(in.Identifier) {
		msg := pamcode.BadIdentifier.Text()
		if len(in.Identifier) > maxRefLen {
			msg = fmt.Sprintf("The identifier can be at most %d characters long.", maxRefLen)
		}
		return Invalid("identifier", msg).WithCode(pamcode.BadIdentifier)
	}
	if in.Device.Hostname == "" {
		return missingDeviceField("hostname")
	}
	if in.Device.IP == "" {
		return missingDeviceField("ip")
	}
	if in.Username == nil {
		return Invalid("username", pamcode.InvalidUsername.Text()).WithCode(pamcode.InvalidUsername)
	}
	user := strings.TrimSpace(*in.Username)
	if user == "" {
		user = DefaultUsername
	}
	in.Username = &user
	if err := checkKey("username", user); err != nil {
		return err
	}
	if err := in.Device.validateLengths(); err != nil {
		return err
	}
	for _, f := range []struct{ name, value string }{
		{"credential_type", in.CredentialType}, {"additional", in.Additional}, {"tags", in.Tags},
		{"domain", in.Domain}, {"session_remote_config", in.SessionRemoteConfig}, {"notes", in.Notes},
	} {
		if err := checkText(f.name, f.value); err != nil {
			return err
		}
	}
	return in.validateSettings()
}

// UpsertCredential is the seed-001 upsert: match by identifier, else by
// hostname and ip and username (all three); create when nothing matches. The device is
// found by hostname and created when unknown; a differing IP or other sent
// device field updates it. Every change is audited in the same transaction.
func (s *Store) UpsertCredential(ctx context.Context, a Actor, in CredentialInput) (UpsertResult, error) {
	if err := in.validate(); err != nil {
		return UpsertResult{}, err
	}
	var res UpsertResult
	err := s.write(ctx, func(tx *sql.Tx) error {
		if in.ParentID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT id FROM pam_credentials WHERE id = ?`, in.ParentID).Scan(new(int64)); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return Invalid("parent_password", "Parent credential not found").WithCode(pamcode.CredentialNotFound)
				}
				return wrapScan(err, "parent credential")
			}
		}
		existing, err := s.matchCredential(ctx, tx, in)
		if err != nil {
			return err
		}
		if existing != nil && existing.CredentialType == SSHKeyType {
			return errNotACredential()
		}
		if existing != nil && !in.AllowUpdate {
			return ErrNeedsEdit
		}
		dev, devChange, err := s.ensureDevice(ctx, tx, a, in.Device)
		if err != nil {
			return err
		}
		if existing == nil {
			res, err = s.insertCredential(ctx, tx, a, in, dev)
		} else {
			res, err = s.updateCredential(ctx, tx, a, in, existing, dev)
		}
		res.Changed = res.Changed || devChange.Changed
		return err
	})
	return res, err
}

// matchCredential finds the credential an upsert addresses, or nil.
func (s *Store) matchCredential(ctx context.Context, tx *sql.Tx, in CredentialInput) (*Credential, error) {
	if in.Identifier != "" {
		c, err := loadCredential(ctx, tx, `c.identifier = ?`, in.Identifier)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
	}
	// Seed 001: a new identifier matches by hostname AND ip AND username;
	// a different ip is another credential, never a rename of this one.
	c, err := loadCredential(ctx, tx, `d.hostname = ? AND d.ip = ? AND c.username = ?`,
		in.Device.Hostname, in.Device.IP, *in.Username)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return c, err
}

func (s *Store) insertCredential(ctx context.Context, tx *sql.Tx, a Actor, in CredentialInput, dev Device) (UpsertResult, error) {
	now := s.Now()
	ident := in.Identifier
	if ident == "" {
		var err error
		if ident, err = newUUIDv7(nil); err != nil {
			return UpsertResult{}, err
		}
	}
	ctype := in.CredentialType
	if ctype == "" {
		ctype = DefaultCredentialType
	}
	auto := false
	if a := automaticChange(in.ExecutionSettings); a != nil {
		auto = *a
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO pam_credentials(identifier, username, device_id, credential_type,
		additional, tags, domain, session_remote_config, notes, parent_id, execution_settings, session_settings,
		additional_settings, jit_settings, automatic_change, changed_at, active, in_custody, created_at, updated_at)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,0,?,?)`,
		ident, *in.Username, dev.ID, ctype, in.Additional, in.Tags, in.Domain, in.SessionRemoteConfig, in.Notes,
		nullID(in.ParentID), nullJSON(in.ExecutionSettings), nullJSON(in.SessionSettings),
		nullJSON(in.AdditionalSettings), nullJSON(in.JITSettings), auto, now.Unix(), now.Unix(), now.Unix())
	if err != nil {
		return UpsertResult{}, fmt.Errorf("store: insert credential: %w", err)
	}
	id, err := r.LastInsertId()
	if err != nil {
		return UpsertResult{}, fmt.Errorf("store: insert credential: %w", err)
	}
	if in.Password != nil && *in.Password != "" {
		if err := s.storePassword(ctx, tx, id, *in.Password); err != nil {
			return UpsertResult{}, err
		}
	}
	c := Credential{ID: id, Username: *in.Username, Hostname: dev.Hostname}
	return UpsertResult{ID: id, Identifier: ident, Created: true, Changed: true},
		s.audit(ctx, tx, a, "credential.create", c.Label(), "")
}

func (s *Store) updateCredential(ctx context.Context, tx *sql.Tx, a Actor, in CredentialInput, c *Credential, dev Device) (UpsertResult, error) {
	before := c.stored()
	c.applyUpsert(in, dev)
	res := UpsertResult{ID: c.ID, Identifier: c.Identifier}
	if c.stored() != before {
		res.Changed = true
		_, err := tx.ExecContext(ctx, `UPDATE pam_credentials SET identifier=?, username=?, device_id=?, credential_type=?,
		additional=?, tags=?, domain=?, session_remote_config=?, notes=?, parent_id=?, execution_settings=?,
		session_settings=?, additional_settings=?, jit_settings=?, automatic_change=?, updated_at=? WHERE id=?`,
			c.Identifier, c.Username, c.DeviceID, c.CredentialType, c.Additional, c.Tags, c.Domain,
			c.SessionRemoteConfig, c.Notes, nullID(c.ParentID), nullJSON(c.ExecutionSettings), nullJSON(c.SessionSettings),
			nullJSON(c.AdditionalSettings), nullJSON(c.JITSettings), c.AutomaticChange, s.Now().Unix(), c.ID)
		if err != nil {
			return res, fmt.Errorf("store: update credential: %w", err)
		}
	}
	if in.Password != nil && *in.Password != "" {
		pwChanged, err := s.changePassword(ctx, tx, c.ID, *in.Password)
		if err != nil {
			return res, err
		}
		res.Changed = res.Changed || pwChanged
	}
	if !res.Changed {
		return res, nil // an idempotent re-run (Ansible) writes nothing
	}
	return res, s.audit(ctx, tx, a, "credential.update", c.Label(), "")
}

// storedFields is the comparable part of a credential an upsert can change.
type storedFields struct {
	identifier, username, ctype, additional, tags, domain, remote, notes string
	deviceID, parentID                                                   int64
	exec, session, additional2, jit                                      string
	auto                                                                 bool
}

func (c *Credential) stored() storedFields {
	return storedFields{c.Identifier, c.Username, c.CredentialType, c.Additional, c.Tags, c.Domain,
		c.SessionRemoteConfig, c.Notes, c.DeviceID, c.ParentID, string(c.ExecutionSettings),
		string(c.SessionSettings), string(c.AdditionalSettings), string(c.JITSettings), c.AutomaticChange}
}

// applyUpsert copies an upsert's sent values onto c; empty ones keep.
func (c *Credential) applyUpsert(in CredentialInput, dev Device) {
	keep := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	keep(&c.Identifier, in.Identifier)
	c.Username, c.DeviceID, c.Hostname = *in.Username, dev.ID, dev.Hostname
	keep(&c.CredentialType, in.CredentialType)
	keep(&c.Additional, in.Additional)
	keep(&c.Tags, in.Tags)
	keep(&c.Domain, in.Domain)
	keep(&c.SessionRemoteConfig, in.SessionRemoteConfig)
	keep(&c.Notes, in.Notes)
	if in.ParentID != 0 {
		c.ParentID = in.ParentID
	}
	for _, p := range []struct {
		dst *[]byte
		v   []byte
	}{
		{&c.ExecutionSettings, in.ExecutionSettings}, {&c.SessionSettings, in.SessionSettings},
		{&c.AdditionalSettings, in.AdditionalSettings}, {&c.JITSettings, in.JITSettings},
	} {
		if p.v != nil {
			*p.dst = p.v
		}
	}
	if a := automaticChange(in.ExecutionSettings); a != nil {
		c.AutomaticChange = *a
	}
}

// passwordAD binds a sealed password to its row; the id never changes, so
// an identifier or username change needs no re-seal.
func passwordAD(id int64) string { return "credential_password:" + strconv.FormatInt(id, 10) }

// storePassword seals plain for credential id and stamps the change time.
func (s *Store) storePassword(ctx context.Context, tx *sql.Tx, id int64, plain string) error {
	box, err := s.sealer.seal(plain, passwordAD(id))
	if err != nil {
		return fmt.Errorf("store: seal password: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE pam_credentials SET password=?, changed_at=? WHERE id=?`, box, s.Now().Unix(), id)
	if err != nil {
		return fmt.Errorf("store: store password: %w", err)
	}
	return nil
}

// changePassword re-seals only when plain differs from the stored password,
// so an idempotent upsert (Ansible re-runs) does not move the change time.
// It reports whether the password changed.
func (s *Store) changePassword(ctx context.Context, tx *sql.Tx, id int64, plain string) (bool, error) {
	var box []byte
	if err := tx.QueryRowContext(ctx, `SELECT password FROM pam_credentials WHERE id=?`, id).Scan(&box); err != nil {
		return false, wrapScan(err, "credential password")
	}
	if box != nil {
		old, err := s.sealer.open(box, passwordAD(id))
		if err == nil && subtle.ConstantTimeCompare([]byte(old), []byte(plain)) == 1 {
			return false, nil
		}
	}
	return true, s.storePassword(ctx, tx, id, plain)
}

// credentialDetailColumns selects every column of a credential and its device.
const credentialDetailColumns = `c.id, c.identifier, c.username, c.credential_type, c.expiration, c.changed_at,
	c.viewed_at, c.automatic_change, c.active, c.in_custody, d.id, d.hostname, d.ip, d.type, d.vendor, d.model,
	d.site, d.connectivities, c.password IS NOT NULL, c.additional, c.tags, c.domain, c.session_remote_config,
	c.notes, COALESCE(c.parent_id, 0), COALESCE(p.identifier, ''), c.execution_settings, c.session_settings,
	c.additional_settings, c.jit_settings`

const credentialDetailFrom = ` FROM pam_credentials c JOIN pam_devices d ON d.id = c.device_id
	LEFT JOIN pam_credentials p ON p.id = c.parent_id`

// loadCredential reads the first credential (lowest id, active first)
// matching where; sql.ErrNoRows when none.
func loadCredential(ctx context.Context, q querier, where string, args ...any) (*Credential, error) {
	row := q.QueryRowContext(ctx, `SELECT `+credentialDetailColumns+credentialDetailFrom+
		` WHERE `+where+` ORDER BY c.active DESC, c.id LIMIT 1`, args...)
	var c Credential
	var exp, changed, viewed sql.NullInt64
	err := row.Scan(&c.ID, &c.Identifier, &c.Username, &c.CredentialType, &exp, &changed, &viewed,
		&c.AutomaticChange, &c.Active, &c.InCustody, &c.DeviceID, &c.Hostname, &c.IP, &c.DeviceType,
		&c.DeviceVendor, &c.DeviceModel, &c.DeviceSite, &c.Connectivities, &c.HasPassword, &c.Additional,
		&c.Tags, &c.Domain, &c.SessionRemoteConfig, &c.Notes, &c.ParentID, &c.ParentIdentifier,
		&c.ExecutionSettings, &c.SessionSettings, &c.AdditionalSettings, &c.JITSettings)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, wrapScan(err, "credential")
	}
	c.Expiration, c.Changed, c.Viewed = nullUnix(exp), nullUnix(changed), nullUnix(viewed)
	return &c, nil
}

// findCredential resolves a path reference: a numeric id, an identifier, or
// username@hostname split on the last '@' (usernames may contain '@').
func findCredential(ctx context.Context, q querier, ref string) (*Credential, error) {
	if ref == "" || len(ref) > 2*maxRefLen+1 {
		return nil, errCredentialNotFound()
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		c, err := loadCredential(ctx, q, `c.id = ?`, id)
		if !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
	}
	if ValidIdentifier(ref) {
		c, err := loadCredential(ctx, q, `c.identifier = ?`, ref)
		if !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
	}
	if at := strings.LastIndexByte(ref, '@'); at > 0 && at < len(ref)-1 {
		c, err := loadCredential(ctx, q, `d.hostname = ? AND c.username = ?`, ref[at+1:], ref[:at])
		if !errors.Is(err, sql.ErrNoRows) {
			return c, err
		}
	}
	return nil, errCredentialNotFound()
}

// errNotACredential is 1010: the id names an SSH key (PAMCORE-VENDOR.md §3.6).
func errNotACredential() error {
	return Invalid("", pamcode.NotACredential.Text()).WithCode(pamcode.NotACredential)
}

func errCredentialNotFound() error {
	return NotFound(pamcode.CredentialNotFound.Text()).WithCode(pamcode.CredentialNotFound)
}
