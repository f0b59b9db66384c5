package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Demo and bulk data for the PAM Core tables. Both insert in one
// transaction through prepared statements with explicit ids (so each
// password is sealed once, bound to its final id) and write no audit rows:
// they are fixtures, not requests.

// deviceKind is a family of demo devices.
type deviceKind struct {
	host           string // fmt pattern with one %d
	typ, vendor    string
	models         []string
	connectivities string
	domain         string
	users          []string // candidate usernames, most typical first
}

var demoKinds = []deviceKind{
	{"web%02d.corp.example", "Server", "Debian", []string{"Debian 12", "Debian 11"}, "SSH", "corp.example",
		[]string{"root", "deploy", "svc_backup", "www-data", "ansible"}},
	{"db-prod-%02d", "Database", "Oracle", []string{"Oracle 19c", "MySQL 8.0"}, "SSH,MySQL", "corp.example",
		[]string{"oracle", "sys", "app_rw", "svc_backup", "root"}},
	{"pg-%02d.lab.example", "Database", "Red Hat", []string{"PostgreSQL 16", "PostgreSQL 15"}, "SSH", "lab.example",
		[]string{"postgres", "replicator", "app_ro", "root"}},
	{"fw-edge-%d", "Network Device", "Cisco", []string{"ASA 5516-X", "Firepower 2110"}, "SSH,Telnet", "",
		[]string{"admin", "enable", "netops"}},
	{"dc%02d.corp.example", "Server", "Microsoft", []string{"Windows Server 2022", "Windows Server 2019"}, "RDP", "corp.example",
		[]string{"administrator", "admin@corp.example", "svc_sql", "svc_backup"}},
	{"k8s-node-%02d", "Server", "Red Hat", []string{"RHEL 9", "RHEL 8"}, "SSH", "lab.example",
		[]string{"root", "core", "ansible", "svc_monitor"}},
	{"sw-core-%d", "Network Device", "Cisco", []string{"Catalyst 9300", "Nexus 9000"}, "SSH", "",
		[]string{"admin", "netops"}},
	{"workspace-%d.google.com", "Web Application", "Google", []string{"Gmail", "Google Workspace"}, "HTTPS", "",
		[]string{"admin@corp.example", "ops@corp.example", "it-support@corp.example"}},
	{"sql%02d.corp.example", "Database", "Microsoft", []string{"SQL Server 2022", "SQL Server 2019"}, "RDP,SQL Server", "corp.example",
		[]string{"sa", "svc_sql", "administrator"}},
	{"ora-fin-%02d", "Database", "Oracle", []string{"Oracle 21c", "Oracle 19c"}, "SSH", "corp.example",
		[]string{"oracle", "system", "fin_batch"}},
}

var demoSites = []string{"São Paulo DC", "Frankfurt DC", "AWS us-east-1", "Azure West Europe", "Lab"}
var demoTags = []string{"prod", "staging", "pci", "linux", "windows", "critical", "backup", ""}

type demoDevice struct {
	Device
	kind  deviceKind
	users map[string]bool
	next  map[string]int // per base username, the next suffix to try once the device is crowded
}

// SeedDemo fills an empty PAM store with nDevices realistic devices and
// nCredentials credentials over them: varied types, vendors and sites, some
// credentials expired or expiring within 7 days, some rotated
// automatically, a few inactive and a few in custody, view and change times
// spread over the last months. Everything but the ciphertexts is
// deterministic given rnd and the store clock.
func (s *Store) SeedDemo(ctx context.Context, rnd *rand.Rand, nCredentials, nDevices int) error {
	return s.SeedDemoProgress(ctx, rnd, nCredentials, nDevices, nil)
}

// SeedDemoProgress is SeedDemo calling progress as it goes: every
// seedProgressEvery credentials written, then at each phase (nil: no
// reports; calls come from the caller's goroutine). The load runs in one
// transaction with a large page cache, the secondary indexes dropped during
// the load and built once after it.
func (s *Store) SeedDemoProgress(ctx context.Context, rnd *rand.Rand, nCredentials, nDevices int,
	progress func(SeedProgress)) error {
	return s.seedDemo(ctx, rnd, nCredentials, nDevices, progress, false)
}

// seedDemo is SeedDemoProgress; rowsOnly leaves the search index empty and
// the secondary indexes dropped (the baseline of BenchmarkScaleSeed).
func (s *Store) seedDemo(ctx context.Context, rnd *rand.Rand, nCredentials, nDevices int,
	progress func(SeedProgress), rowsOnly bool) error {
	if nDevices <= 0 && nCredentials > 0 {
		return Invalid("devices", "demo credentials need at least one device")
	}
	g := &demoGen{s: s, rnd: rnd, now: s.Now(), nCredentials: nCredentials, nDevices: nDevices}
	l := &bulkLoader{report: progress, total: nCredentials, rowsOnly: rowsOnly}
	return s.bulkWrite(ctx, l, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pam_devices`).Scan(&n); err != nil {
			return fmt.Errorf("store: seed demo: %w", err)
		}
		if n > 0 {
			return Conflict("", "demo data needs an empty PAM store")
		}
		l.phase(SeedRows)
		if err := l.load(ctx, g.generate); err != nil {
			return err
		}
		return s.seedDemoInfo(ctx, tx, rnd) // after load: g is done with rnd
	})
}

// demoGen generates the demo rows; everything but the ciphertexts follows
// from rnd, in this order: devices, credentials, SSH key pairs.
type demoGen struct {
	s                      *Store
	rnd                    *rand.Rand
	now                    time.Time
	nCredentials, nDevices int
}

func (g *demoGen) generate(snd *bulkSender) error {
	devices := make([]*demoDevice, g.nDevices)
	for i := range devices {
		devices[i] = demoDeviceAt(g.rnd, i, g.now)
		if err := snd.device(&devices[i].Device); err != nil {
			return err
		}
	}
	if err := snd.flush(tableDevices); err != nil {
		return err
	}
	var keys []demoKeyCredential
	for i := range g.nCredentials {
		dev := devices[g.rnd.IntN(len(devices))]
		c, pw := demoCredential(g.rnd, i, dev, g.now)
		var box []byte // SSH Key credentials have no password: their key is added below
		if c.CredentialType == SSHKeyType {
			keys = append(keys, demoKeyCredential{id: c.ID, user: c.Username, host: dev.Hostname})
		} else {
			var err error
			if box, err = g.s.sealer.seal(pw, passwordAD(c.ID)); err != nil {
				return fmt.Errorf("store: seal password: %w", err)
			}
		}
		if err := snd.credential(c, box); err != nil {
			return err
		}
	}
	if err := snd.flush(tableCredentials); err != nil {
		return err
	}
	if err := g.s.demoKeys(snd, g.rnd, keys); err != nil {
		return err
	}
	return snd.flush(tableSSHKeys)
}

func demoDeviceAt(rnd *rand.Rand, i int, now time.Time) *demoDevice {
	k := demoKinds[i%len(demoKinds)]
	ordinal := i/len(demoKinds) + 1
	site := rnd.IntN(len(demoSites))
	created := now.Add(-time.Duration(180+rnd.IntN(540)) * 24 * time.Hour)
	d := Device{
		ID:       int64(i + 1),
		Hostname: fmt.Sprintf(k.host, ordinal),
		IP:       fmt.Sprintf("10.%d.%d.%d", 10+site, 1+i%len(demoKinds), 10+ordinal),
		Type:     k.typ, Vendor: k.vendor, Model: k.models[rnd.IntN(len(k.models))],
		Site: demoSites[site], Domain: k.domain, Tags: demoTags[rnd.IntN(len(demoTags))],
		Connectivities: k.connectivities, Active: i%19 != 18, CreatedAt: created, UpdatedAt: created,
	}
	if k.typ == "Web Application" {
		d.IP = "https://" + d.Hostname
	}
	return &demoDevice{Device: d, kind: k, users: map[string]bool{}, next: map[string]int{}}
}

// demoCredential builds credential i on dev and its password.
func demoCredential(rnd *rand.Rand, i int, dev *demoDevice, now time.Time) (*Credential, string) {
	user := dev.pickUser(rnd)
	c := &Credential{
		ID: int64(i + 1), Username: user, DeviceID: dev.ID, Hostname: dev.Hostname,
		CredentialType: demoCredentialType(rnd, user, dev.kind),
		Tags:           demoTags[rnd.IntN(len(demoTags))],
		Active:         i%29 != 7,
		InCustody:      i%23 == 5,
		Changed:        now.Add(-time.Duration(1+rnd.IntN(180*24)) * time.Hour),
	}
	if rnd.IntN(10) < 3 {
		c.Identifier = demoIdentifier(user, dev.Hostname, i)
	} else {
		c.Identifier = demoUUID(rnd)
	}
	if rnd.IntN(10) < 7 {
		c.Viewed = now.Add(-time.Duration(rnd.IntN(90*24*60)) * time.Minute)
	}
	c.Expiration = demoExpiration(rnd, i, now)
	if rnd.IntN(10) < 3 {
		c.AutomaticChange = true
		c.ExecutionSettings, _ = json.Marshal(map[string]any{
			"automatic_change": true, "change_plugin": demoPlugin(dev.kind), "change_template": dev.Vendor + " - Change Password",
			"use_own_credential_to_connect": true,
		})
	}
	if c.InCustody {
		c.Notes = "Checked out for the maintenance window"
	}
	return c, demoPassword(rnd)
}

// pickUser returns a username not yet used on d. A device with fewer than
// crowded names walks the suffixes from 2 (the walk ends within crowded
// steps, and small demos keep their data); a crowded one (thousands of
// credentials) continues from each base name's last suffix, which keeps the
// seed linear in the number of credentials.
func (d *demoDevice) pickUser(rnd *rand.Rand) string {
	for _, u := range d.kind.users {
		if !d.users[u] && rnd.IntN(4) != 0 {
			d.users[u] = true
			return u
		}
	}
	const crowded = 64
	if len(d.users) < crowded {
		for n := 2; ; n++ {
			u := d.kind.users[rnd.IntN(len(d.kind.users))] + strconv.Itoa(n)
			if !d.users[u] {
				d.users[u] = true
				return u
			}
		}
	}
	base := d.kind.users[rnd.IntN(len(d.kind.users))]
	for n := max(d.next[base], 2); ; n++ {
		u := base + strconv.Itoa(n)
		if !d.users[u] {
			d.users[u], d.next[base] = true, n+1
			return u
		}
	}
}

func demoCredentialType(rnd *rand.Rand, user string, k deviceKind) string {
	switch {
	case strings.Contains(user, "@"):
		return "Domain User"
	case k.connectivities == "SSH" && rnd.IntN(5) == 0:
		return "SSH Key"
	case k.typ == "Database":
		return "Database User"
	}
	return DefaultCredentialType
}

// demoExpiration: ~15 % expired, ~10 % expiring within 7 days, ~45 % later, the rest never.
func demoExpiration(rnd *rand.Rand, i int, now time.Time) time.Time {
	switch p := rnd.IntN(20); {
	case p < 3 || i%37 == 1:
		return now.Add(-time.Duration(1+rnd.IntN(60*24)) * time.Hour)
	case p < 5 || i%37 == 2:
		return now.Add(time.Duration(1+rnd.IntN(7*24-1)) * time.Hour)
	case p < 14:
		return now.Add(time.Duration(30+rnd.IntN(150)) * 24 * time.Hour)
	}
	return time.Time{}
}

func demoPlugin(k deviceKind) string {
	switch {
	case strings.Contains(k.connectivities, "RDP"):
		return "WinRM"
	case k.typ == "Web Application":
		return "HTTPS"
	}
	return "SSH"
}

func demoIdentifier(user, host string, i int) string {
	b := []byte(user + "-" + strings.SplitN(host, ".", 2)[0] + fmt.Sprintf("-%d", i+1))
	for j, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			b[j] = '_'
		}
	}
	return string(b)
}

// demoUUID is a UUIDv7 whose random bits come from rnd.
func demoUUID(rnd *rand.Rand) string {
	id, _ := newUUIDv7(demoReader{rnd}) // demoReader never fails
	return id
}

// demoReader reads the demo's seeded random numbers as bytes.
type demoReader struct{ rnd *rand.Rand }

func (r demoReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.rnd.Uint32())
	}
	return len(p), nil
}

const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%^&*-_=+"

func demoPassword(rnd *rand.Rand) string {
	b := make([]byte, 16+rnd.IntN(9))
	for i := range b {
		b[i] = passwordAlphabet[rnd.IntN(len(passwordAlphabet))]
	}
	return string(b)
}

// SeedBulk appends n credentials (50 per new device) with random passwords
// in one transaction: fixtures for benchmarks and scale tests.
func (s *Store) SeedBulk(ctx context.Context, n int) error {
	now := s.Now()
	rnd := rand.New(rand.NewPCG(uint64(now.UnixNano()), uint64(n)))
	l := &bulkLoader{total: n}
	return s.bulkWrite(ctx, l, func(tx *sql.Tx) error {
		var devBase, credBase int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id),0) FROM pam_devices`).Scan(&devBase); err != nil {
			return fmt.Errorf("store: seed bulk: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id),0) FROM pam_credentials`).Scan(&credBase); err != nil {
			return fmt.Errorf("store: seed bulk: %w", err)
		}
		return l.load(ctx, func(snd *bulkSender) error {
			for i := 0; i < n; i += 50 {
				k := demoKinds[(i/50)%len(demoKinds)]
				id := devBase + int64(i/50) + 1
				err := snd.device(&Device{ID: id, Hostname: fmt.Sprintf("bulk-%07d", id),
					IP:   fmt.Sprintf("10.%d.%d.%d", id>>16&255, id>>8&255, id&255),
					Type: k.typ, Vendor: k.vendor, Model: k.models[0], Site: demoSites[int(id)%len(demoSites)],
					Connectivities: k.connectivities, Active: true, CreatedAt: now, UpdatedAt: now})
				if err != nil {
					return err
				}
			}
			if err := snd.flush(tableDevices); err != nil {
				return err
			}
			for i := range n {
				id := credBase + int64(i) + 1
				c := &Credential{ID: id, Identifier: fmt.Sprintf("bulk-%07d", id), Username: fmt.Sprintf("user%07d", id),
					DeviceID: devBase + int64(i/50) + 1, CredentialType: DefaultCredentialType, Active: true, Changed: now,
					Expiration: demoExpiration(rnd, i, now)}
				box, err := s.sealer.seal(demoPassword(rnd), passwordAD(id))
				if err != nil {
					return fmt.Errorf("store: seal password: %w", err)
				}
				if err := snd.credential(c, box); err != nil {
					return err
				}
			}
			return snd.flush(tableCredentials)
		})
	})
}
