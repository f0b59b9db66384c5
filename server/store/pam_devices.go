package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/internal/unitext"
)

// maxRefLen bounds path references and key fields (identifier, username,
// hostname, ip); maxTextLen bounds free-text fields.
const (
	maxRefLen  = 255
	maxTextLen = 4096
)

// Device is one PAM Core device.
type Device struct {
	ID             int64
	Hostname       string
	IP             string
	Type           string
	Vendor         string
	Model          string
	Site           string
	Domain         string // comma-separated registered domains
	Tags           string
	Connectivities string // the vendor's "PROTOCOL:port, …", e.g. "SSH:22, HTTPS:443"
	// SessionRemoteConfig is the login expression, e.g. "SSH:EXPECT:FILL".
	SessionRemoteConfig string
	Active              bool
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Label is how audit rows name the device.
func (d Device) Label() string { return fmt.Sprintf("device:%d (%s)", d.ID, d.Hostname) }

// DeviceInput is the body of a device upsert. On update, empty fields keep
// the stored value (forms send every key, mostly empty).
type DeviceInput struct {
	Hostname, IP, Type, Vendor, Model, Site, Domain, Tags, Connectivities string
	SessionRemoteConfig                                                   string
}

// DeviceFilter selects devices; Limit 0 means all.
type DeviceFilter struct {
	Search string // substring of hostname, ip, type, vendor, model or site
	Limit  int
	Offset int
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const deviceColumns = `id, hostname, ip, type, vendor, model, site, domain, tags, connectivities, session_remote_config,
	active, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanDevice(sc scanner) (Device, error) {
	var d Device
	var created, updated int64
	err := sc.Scan(&d.ID, &d.Hostname, &d.IP, &d.Type, &d.Vendor, &d.Model, &d.Site, &d.Domain,
		&d.Tags, &d.Connectivities, &d.SessionRemoteConfig, &d.Active, &created, &updated)
	d.CreatedAt, d.UpdatedAt = unixTime(created), unixTime(updated)
	return d, err
}

// ListDevices returns the devices matching f, ordered by id, and the count
// before Limit/Offset.
func (s *Store) ListDevices(ctx context.Context, f DeviceFilter) ([]Device, int, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, 0, Invalid("limit", "limit and offset must not be negative")
	}
	where, args := "", []any{}
	if f.Search != "" {
		var cond string
		cond, args = searchCond(f.Search, "hostname", "ip", "type", "vendor", "model", "site")
		where = " WHERE " + cond
	}
	tx, err := s.read().BeginTx(ctx, nil) // one snapshot for the count and the rows
	if err != nil {
		return nil, 0, fmt.Errorf("store: list devices: %w", err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pam_devices`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count devices: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+deviceColumns+` FROM pam_devices`+where+` ORDER BY id LIMIT ? OFFSET ?`,
		append(args, sqlLimit(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list devices: %w", err)
	}
	defer rows.Close()
	out := []Device{}
	for rows.Next() {
		d, err := scanDevice(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: scan device: %w", err)
		}
		out = append(out, d)
	}
	return out, total, rows.Err()
}

// DeviceByRef finds a device by numeric id or hostname.
func (s *Store) DeviceByRef(ctx context.Context, ref string) (Device, error) {
	return findDevice(ctx, s.read(), ref)
}

func findDevice(ctx context.Context, q querier, ref string) (Device, error) {
	if ref == "" || len(ref) > maxRefLen {
		return Device{}, errDeviceNotFound()
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		d, err := scanDevice(q.QueryRowContext(ctx, `SELECT `+deviceColumns+` FROM pam_devices WHERE id = ?`, id))
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return d, wrapScan(err, "device")
		}
	}
	d, _, err := deviceByHostname(ctx, q, ref)
	if errors.Is(err, sql.ErrNoRows) {
		return Device{}, errDeviceNotFound()
	}
	return d, wrapScan(err, "device")
}

// deviceByHostname finds the device whose hostname equals hostname
// Unicode case-insensitively (unitext.Fold: "école-srv" is "ÉCOLE-SRV").
// When none does but one looks like it (unitext.Key: a Cyrillic "е", a
// digit 1 for an l), that one is returned as lookalike with sql.ErrNoRows.
func deviceByHostname(ctx context.Context, q querier, hostname string) (d Device, lookalike *Device, err error) {
	rows, err := q.QueryContext(ctx, `SELECT `+deviceColumns+` FROM pam_devices WHERE hostname_key = ? ORDER BY id`, unitext.Key(hostname))
	if err != nil {
		return Device{}, nil, err
	}
	defer rows.Close()
	folded := unitext.Fold(hostname)
	for rows.Next() {
		c, err := scanDevice(rows)
		if err != nil {
			return Device{}, nil, err
		}
		if unitext.Fold(c.Hostname) == folded {
			return c, nil, nil
		}
		if lookalike == nil {
			lookalike = &c
		}
	}
	if err := rows.Err(); err != nil {
		return Device{}, nil, err
	}
	return Device{}, lookalike, sql.ErrNoRows
}

func errDeviceNotFound() error {
	return NotFound(pamcode.DeviceNotFound.Text()).WithCode(pamcode.DeviceNotFound)
}

func wrapScan(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("store: read %s: %w", what, err)
}

// UpsertDevice creates the device named by in.Hostname or updates it; every
// field but the optional ones is required (API.md §4, codes 1004, 1005,
// 1019–1022). It reports whether the device was created or changed.
func (s *Store) UpsertDevice(ctx context.Context, a Actor, in DeviceInput) (Device, DeviceChange, error) {
	if err := in.validateFull(); err != nil {
		return Device{}, DeviceChange{}, err
	}
	var d Device
	var ch DeviceChange
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		d, ch, err = s.ensureDevice(ctx, tx, a, in)
		return err
	})
	return d, ch, err
}

// validateFull checks a standalone device upsert, naming the first missing field.
func (in *DeviceInput) validateFull() error {
	in.trim()
	required := []struct{ name, value string }{
		{"hostname", in.Hostname}, {"ip", in.IP}, {"type", in.Type},
		{"vendor", in.Vendor}, {"model", in.Model}, {"site", in.Site},
	}
	for _, f := range required {
		if f.value == "" {
			return missingDeviceField(f.name)
		}
	}
	return in.validateLengths()
}

// missingDeviceField is the vendor's per-field code for a device field not
// sent (PAMCORE-VENDOR.md §2.5).
func missingDeviceField(name string) error {
	code := map[string]pamcode.Code{
		"hostname": pamcode.HostnameMissing, "ip": pamcode.IPMissing, "site": pamcode.SiteMissing,
		"model": pamcode.ModelMissing, "vendor": pamcode.VendorMissing, "type": pamcode.TypeMissing,
	}[name]
	if code == 0 {
		return Invalid(name, "The device's "+name+" was not informed")
	}
	return Invalid(name, code.Text()).WithCode(code)
}

func (in *DeviceInput) trim() {
	in.Hostname = unitext.Normalize(in.Hostname)
	for _, p := range []*string{&in.Hostname, &in.IP, &in.Type, &in.Vendor, &in.Model, &in.Site,
		&in.Domain, &in.Tags, &in.Connectivities, &in.SessionRemoteConfig} {
		*p = strings.TrimSpace(*p)
	}
}

func (in *DeviceInput) validateLengths() error {
	if err := checkKey("hostname", in.Hostname); err != nil {
		return err
	}
	if err := checkIP(in.IP); err != nil {
		return err
	}
	for _, f := range []struct{ name, value string }{
		{"type", in.Type}, {"vendor", in.Vendor}, {"model", in.Model}, {"site", in.Site},
		{"device_domain", in.Domain}, {"device_tags", in.Tags}, {"connectivities", in.Connectivities},
		{"session_remote_config", in.SessionRemoteConfig},
	} {
		if err := checkText(f.name, f.value); err != nil {
			return err
		}
	}
	conn, err := NormalizeConnectivities(in.Connectivities)
	in.Connectivities = conn
	return err
}

// checkKey refuses over-long key fields (hostname, username), control
// characters and invisible format characters in them (a name that differs
// only by one looks like another).
func checkKey(field, v string) error {
	if len(v) > maxRefLen {
		return Invalid(field, fmt.Sprintf("must be at most %d characters", maxRefLen))
	}
	return checkChars(field, v, true)
}

// checkText refuses over-long text and control characters (ESC, C1: a
// terminal that shows the value would obey them) in any stored text field.
func checkText(field, v string) error {
	if len(v) > maxTextLen {
		return Invalid(field, fmt.Sprintf("must be at most %d characters", maxTextLen))
	}
	return checkChars(field, v, false)
}

// DeviceChange says what an upsert did to a device.
type DeviceChange struct {
	Created bool
	Changed bool // a stored value changed (true on create)
}

// ensureDevice finds the device by hostname inside tx, creating it from in
// when missing, else applying in's non-empty fields that differ. Creation
// and change are audited in tx; an upsert that changes nothing writes nothing.
func (s *Store) ensureDevice(ctx context.Context, tx *sql.Tx, a Actor, in DeviceInput) (Device, DeviceChange, error) {
	if err := checkDomains(ctx, tx, in.Domain); err != nil {
		return Device{}, DeviceChange{}, err
	}
	now := s.Now()
	d, lookalike, err := deviceByHostname(ctx, tx, in.Hostname)
	if lookalike != nil {
		return Device{}, DeviceChange{}, Invalid("hostname", fmt.Sprintf("looks like the existing device %q (hostnames must not look alike)", lookalike.Hostname))
	}
	if errors.Is(err, sql.ErrNoRows) {
		res, err := tx.ExecContext(ctx, `INSERT INTO pam_devices(hostname, ip, type, vendor, model, site, domain, tags,
			connectivities, session_remote_config, active, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,1,?,?)`,
			in.Hostname, in.IP, in.Type, in.Vendor, in.Model, in.Site, in.Domain, in.Tags, in.Connectivities,
			in.SessionRemoteConfig, now.Unix(), now.Unix())
		if err != nil {
			return Device{}, DeviceChange{}, fmt.Errorf("store: insert device: %w", err)
		}
		id, _ := res.LastInsertId()
		d = Device{ID: id, Hostname: in.Hostname, IP: in.IP, Type: in.Type, Vendor: in.Vendor, Model: in.Model,
			Site: in.Site, Domain: in.Domain, Tags: in.Tags, Connectivities: in.Connectivities,
			SessionRemoteConfig: in.SessionRemoteConfig, Active: true, CreatedAt: now, UpdatedAt: now}
		return d, DeviceChange{Created: true, Changed: true}, s.audit(ctx, tx, a, "device.create", d.Label(), "")
	}
	if err != nil {
		return Device{}, DeviceChange{}, wrapScan(err, "device")
	}
	if !d.apply(in) {
		return d, DeviceChange{}, nil
	}
	d.UpdatedAt = now
	_, err = tx.ExecContext(ctx, `UPDATE pam_devices SET ip=?, type=?, vendor=?, model=?, site=?, domain=?, tags=?,
		connectivities=?, session_remote_config=?, updated_at=? WHERE id=?`,
		d.IP, d.Type, d.Vendor, d.Model, d.Site, d.Domain, d.Tags, d.Connectivities, d.SessionRemoteConfig, now.Unix(), d.ID)
	if err != nil {
		return Device{}, DeviceChange{}, fmt.Errorf("store: update device: %w", err)
	}
	return d, DeviceChange{Changed: true}, s.audit(ctx, tx, a, "device.update", d.Label(), "")
}

// apply copies in's non-empty fields onto d and reports whether any changed.
func (d *Device) apply(in DeviceInput) bool {
	changed := false
	set := func(dst *string, v string) {
		if v != "" && *dst != v {
			*dst, changed = v, true
		}
	}
	set(&d.IP, in.IP)
	set(&d.Type, in.Type)
	set(&d.Vendor, in.Vendor)
	set(&d.Model, in.Model)
	set(&d.Site, in.Site)
	set(&d.Domain, in.Domain)
	set(&d.Tags, in.Tags)
	set(&d.Connectivities, in.Connectivities)
	set(&d.SessionRemoteConfig, in.SessionRemoteConfig)
	return changed
}

// checkDomains accepts "" or a comma-separated list (no spaces, seed 001)
// of registered domains; anything else is 1029.
func checkDomains(ctx context.Context, q querier, list string) error {
	if list == "" {
		return nil
	}
	for _, name := range strings.Split(list, ",") {
		var n int
		if name != "" && name == strings.TrimSpace(name) {
			if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM pam_domains WHERE name = ?`, name).Scan(&n); err != nil {
				return fmt.Errorf("store: check domain: %w", err)
			}
		}
		if n == 0 {
			return Invalid("device_domain", pamcode.DomainUnknown.Text()).WithCode(pamcode.DomainUnknown)
		}
	}
	return nil
}

// Domains lists the registered device domains.
func (s *Store) Domains(ctx context.Context) ([]string, error) {
	rows, err := s.read().QueryContext(ctx, `SELECT name FROM pam_domains ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: list domains: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SetDeviceActive activates or deactivates the device ref (id or hostname).
// Changing to the state it is already in is refused.
func (s *Store) SetDeviceActive(ctx context.Context, a Actor, ref string, active bool) (Device, error) {
	var d Device
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = findDevice(ctx, tx, ref); err != nil {
			return err
		}
		if d.Active == active {
			if active {
				return Invalid("", pamcode.DeviceAlreadyActive.Text()).WithCode(pamcode.DeviceAlreadyActive)
			}
			return Invalid("", "Device is already inactive")
		}
		d.Active, d.UpdatedAt = active, s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE pam_devices SET active=?, updated_at=? WHERE id=?`, active, d.UpdatedAt.Unix(), d.ID); err != nil {
			return fmt.Errorf("store: update device: %w", err)
		}
		return s.audit(ctx, tx, a, "device."+activateVerb(active), d.Label(), "")
	})
	return d, err
}

func activateVerb(active bool) string {
	if active {
		return "activate"
	}
	return "deactivate"
}

// sqlLimit turns "0 = no limit" into SQLite's -1.
func sqlLimit(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

func unixTime(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

func nullUnix(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return unixTime(n.Int64)
}

func unixOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}
