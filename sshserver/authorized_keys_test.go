package sshserver

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func newPublicKey(t *testing.T) (gossh.PublicKey, string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
}

func TestParseAuthorizedKeysRolesAndOptions(t *testing.T) {
	admin, adminLine := newPublicKey(t)
	viewer, viewerLine := newPublicKey(t)
	plain, plainLine := newPublicKey(t)
	restricted, restrictedLine := newPublicKey(t)
	file := strings.Join([]string{
		"# team keys",
		"",
		`environment="PAMCONSOLE_ROLE=admin" ` + adminLine + " alice@laptop",
		`  no-port-forwarding,environment="PAMCONSOLE_ROLE=Viewer" ` + viewerLine + " bob role=admin",
		plainLine + " carol",
		`restrict,pty,from="10.0.0.0/8,192.168.1.*,!10.9.9.9",expiry-time="20300102Z",environment="LANG=C" ` + restrictedLine,
	}, "\r\n")
	keys, err := ParseAuthorizedKeys(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 4 {
		t.Fatalf("%d keys, want 4", len(keys))
	}
	check := func(k gossh.PublicKey, role Role, comment string, line int) Entry {
		t.Helper()
		e, ok := keys[gossh.FingerprintSHA256(k)]
		if !ok {
			t.Fatalf("key of line %d missing", line)
		}
		if e.Role != role || e.Comment != comment || e.Line != line {
			t.Fatalf("line %d: role %v comment %q line %d", line, e.Role, e.Comment, e.Line)
		}
		return e
	}
	check(admin, RoleAdmin, "alice@laptop", 3)
	check(viewer, RoleViewer, "bob role=admin", 4) // the comment never grants a role
	check(plain, RoleViewer, "carol", 5)           // default: viewer
	e := check(restricted, RoleViewer, "", 6)
	if e.NoPTY {
		t.Fatal("restrict,pty should allow a PTY")
	}
	if want := time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC); !e.Expires.Equal(want) {
		t.Fatalf("expires %v, want %v", e.Expires, want)
	}
	if len(e.From) != 3 {
		t.Fatalf("from = %v", e.From)
	}
}

func TestParseAuthorizedKeysErrorsNameTheLine(t *testing.T) {
	_, good := newPublicKey(t)
	for name, tc := range map[string]struct {
		file, want string
	}{
		"garbage":      {"# c\n" + good + "\nssh-ed25519 notbase64!\n", "line 3"},
		"unknown role": {`environment="PAMCONSOLE_ROLE=root" ` + good, "line 1: unknown role"},
		"two roles":    {`environment="PAMCONSOLE_ROLE=admin",environment="PAMCONSOLE_ROLE=viewer" ` + good, "given twice"},
		"duplicate":    {good + " a\n\n" + `environment="PAMCONSOLE_ROLE=admin" ` + good + " b", "line 3: key SHA256:"},
		"bad cidr":     {`from="10.0.0.0/99" ` + good, "line 1: from="},
		"bad expiry":   {`expiry-time="2030" ` + good, "line 1: expiry-time"},
		"unquoted":     {`environment=PAMCONSOLE_ROLE=admin ` + good, "line 1"},
	} {
		_, err := ParseAuthorizedKeys(strings.NewReader(tc.file))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to mention %q", name, err, tc.want)
		}
	}
}

func TestParseAuthorizedKeysDuplicateMessageNamesFirstLine(t *testing.T) {
	_, good := newPublicKey(t)
	_, err := ParseAuthorizedKeys(strings.NewReader(good + "\n" + good))
	if err == nil || !strings.Contains(err.Error(), "already listed on line 1") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadAuthorizedKeysMissingFileExplains(t *testing.T) {
	_, err := LoadAuthorizedKeys(t.TempDir() + "/authorized_keys")
	if err == nil || !strings.Contains(err.Error(), `environment="PAMCONSOLE_ROLE=admin"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestEntryAllows(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ip := netip.MustParseAddr
	for _, tc := range []struct {
		from []string
		exp  time.Time
		ip   string
		ok   bool
	}{
		{nil, time.Time{}, "203.0.113.7", true},
		{[]string{"10.0.0.0/8"}, time.Time{}, "10.1.2.3", true},
		{[]string{"10.0.0.0/8"}, time.Time{}, "11.1.2.3", false},
		{[]string{"10.0.0.0/8", "!10.9.9.9"}, time.Time{}, "10.9.9.9", false},
		{[]string{"192.168.1.*"}, time.Time{}, "192.168.1.40", true},
		{[]string{"192.168.1.?"}, time.Time{}, "192.168.1.40", false},
		{[]string{"*.example.com"}, time.Time{}, "192.0.2.1", false}, // host names never match
		{[]string{"127.0.0.1"}, time.Time{}, "::ffff:127.0.0.1", true},
		{nil, now.Add(time.Second), "127.0.0.1", true},
		{nil, now, "127.0.0.1", false},
	} {
		err := Entry{From: tc.from, Expires: tc.exp}.allows(ip(tc.ip), now)
		if (err == nil) != tc.ok {
			t.Errorf("from %v expires %v ip %s: err %v, want ok=%v", tc.from, tc.exp, tc.ip, err, tc.ok)
		}
	}
}

func TestParseRoleAndString(t *testing.T) {
	for _, r := range []Role{RoleAdmin, RoleViewer} {
		got, err := ParseRole(strings.ToUpper(r.String()))
		if err != nil || got != r {
			t.Fatalf("ParseRole(%q) = %v, %v", r, got, err)
		}
	}
	if _, err := ParseRole("superuser"); err == nil {
		t.Fatal("unknown role accepted")
	}
	var zero Role
	if zero != RoleViewer {
		t.Fatal("the zero Role must be the least privileged")
	}
}

// An authorized_keys file others could write would let them add their own
// admin key: it is refused, naming the file, the mode and the chmod to run.
func TestLoadAuthorizedKeysWritableByOthersRefused(t *testing.T) {
	_, line := newPublicKey(t)
	path := t.TempDir() + "/authorized_keys"
	if err := os.WriteFile(path, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o666, 0o620, 0o602, 0o660, 0o622} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		_, err := LoadAuthorizedKeys(path)
		want := fmt.Sprintf("%s has mode %04o", path, mode)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "chmod 600 "+path) {
			t.Errorf("mode %04o: err = %v, want it to name %q and the chmod", mode, err, want)
		}
	}
	for _, mode := range []os.FileMode{0o600, 0o644, 0o400} { // readable is fine: public keys
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if keys, err := LoadAuthorizedKeys(path); err != nil || len(keys) != 1 {
			t.Errorf("mode %04o: %d keys, err %v", mode, len(keys), err)
		}
	}
}

func TestLoadAuthorizedKeysNotRegularRefused(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadAuthorizedKeys(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("err = %v", err)
	}
}

// A folder above authorized_keys that others can write lets them replace
// the file: refused as OpenSSH's StrictModes does, naming the folder and
// the chmod; a sticky world-writable folder (as /tmp) is fine (tester
// finding: only the file itself was checked).
func TestLoadAuthorizedKeysUnderWritableFolderRefused(t *testing.T) {
	_, line := newPublicKey(t)
	dir := t.TempDir() + "/keys"
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := dir + "/authorized_keys"
	if err := os.WriteFile(path, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o777, 0o770, 0o757} {
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		_, err := LoadAuthorizedKeys(path)
		if err == nil || !strings.Contains(err.Error(), "the folder "+dir) || !strings.Contains(err.Error(), "chmod go-w "+dir) {
			t.Errorf("folder mode %04o: err = %v", mode, err)
		}
	}
	for _, mode := range []os.FileMode{0o700, 0o755, 0o777 | os.ModeSticky} {
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		if keys, err := LoadAuthorizedKeys(path); err != nil || len(keys) != 1 {
			t.Errorf("folder mode %v: %d keys, err %v", mode, len(keys), err)
		}
	}
}
