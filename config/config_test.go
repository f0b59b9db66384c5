package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const goodYAML = `current: local
profiles:
  - name: local
    url: http://127.0.0.1:8080
    client_id: cc_local
    client_secret_env: LOCAL_SECRET
  - name: prod
    url: https://pam.example
    client_id: cc_prod
    client_secret_cmd: "printf ' s3cret-from-cmd \n'"
  - name: literal
    url: http://10.0.0.1:8080
    client_id: cc_lit
    client_secret: CANARY-literal-secret
`

func writeFile(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	return p
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadMissingFile(t *testing.T) {
	f, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, ErrNoConfig) || f == nil || len(f.Profiles) != 0 {
		t.Fatalf("missing file: %v %v", f, err)
	}
}

func TestBadYAMLNamesTheLine(t *testing.T) {
	p := writeFile(t, "profiles:\n  - name: a\n    url: [unclosed\n", 0o600)
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), "line") || !strings.Contains(err.Error(), p) {
		t.Fatalf("want an error with the file and a line number, got %v", err)
	}
}

func TestUnknownKeyIsNamed(t *testing.T) {
	p := writeFile(t, "profiles:\n  - name: a\n    url: http://x\n    client_id: c\n    client_secert: oops\n", 0o600)
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), "client_secert") || !strings.Contains(err.Error(), "line 5") {
		t.Fatalf("want the unknown key and its line, got %v", err)
	}
}

func TestValidationNamesTheField(t *testing.T) {
	cases := map[string]string{
		"profiles:\n  - name: a\n    url: localhost:8080\n    client_id: c\n":                                           `profile "a": url`,
		"profiles:\n  - name: a\n    url: http://x\n":                                                                   `profile "a": client_id: required`,
		"profiles:\n  - url: http://x\n    client_id: c\n":                                                              "name: required",
		"current: b\nprofiles:\n  - name: a\n    url: http://x\n    client_id: c\n":                                     `current: no profile named "b"`,
		"profiles:\n  - name: a\n    url: http://x\n    client_id: c\n    client_secret: s\n    client_secret_env: E\n": "set only one",
	}
	for body, want := range cases {
		_, err := Parse([]byte(body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: want error containing %q, got %v", body, want, err)
		}
	}
}

func TestResolvePrecedence(t *testing.T) {
	f, err := Parse([]byte(goodYAML))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"LOCAL_SECRET": "from-env-var"}
	r, err := Resolve(f, Overrides{}, envOf(env))
	if err != nil || r.Name != "local" || r.URL != "http://127.0.0.1:8080" || r.ClientSecret != "from-env-var" {
		t.Fatalf("current profile: %v %v", r, err)
	}
	env["PAMCONSOLE_PROFILE"] = "prod"
	r, err = Resolve(f, Overrides{}, envOf(env))
	if err != nil || r.Name != "prod" || r.ClientSecret != "s3cret-from-cmd" {
		t.Fatalf("env profile with cmd secret: %v %v", r, err)
	}
	r, err = Resolve(f, Overrides{Profile: "literal"}, envOf(env))
	if err != nil || r.Name != "literal" || r.ClientSecret != "CANARY-literal-secret" {
		t.Fatalf("flag profile beats env: %v %v", r, err)
	}
	env["PAMCONSOLE_URL"], env["PAMCONSOLE_CLIENT_ID"], env["PAMCONSOLE_CLIENT_SECRET"] = "https://env.example", "cc_env", "env-secret"
	r, _ = Resolve(f, Overrides{Profile: "literal"}, envOf(env))
	if r.URL != "https://env.example" || r.ClientID != "cc_env" || r.ClientSecret != "env-secret" {
		t.Fatalf("env beats file: %v", r)
	}
	r, _ = Resolve(f, Overrides{Profile: "literal", URL: "https://flag.example", ClientID: "cc_flag", ClientSecret: "flag-secret"}, envOf(env))
	if r.URL != "https://flag.example" || r.ClientID != "cc_flag" || r.ClientSecret != "flag-secret" {
		t.Fatalf("flags beat env: %v", r)
	}
	if _, err := Resolve(f, Overrides{Profile: "missing"}, envOf(nil)); err == nil || !strings.Contains(err.Error(), `"missing"`) {
		t.Fatalf("unknown profile: %v", err)
	}
}

func TestResolveWithoutFile(t *testing.T) {
	if _, err := Resolve(nil, Overrides{}, envOf(nil)); !errors.Is(err, ErrNoProfile) {
		t.Fatalf("nothing configured: want ErrNoProfile, got %v", err)
	}
	r, err := Resolve(nil, Overrides{}, envOf(map[string]string{"PAMCONSOLE_URL": "http://x:1", "PAMCONSOLE_CLIENT_ID": "c", "PAMCONSOLE_CLIENT_SECRET": "s"}))
	if err != nil || r.ClientSecret != "s" {
		t.Fatalf("env only: %v %v", r, err)
	}
}

func TestSecretSourcesFail(t *testing.T) {
	f := &File{Profiles: []Profile{{Name: "a", URL: "http://x", ClientID: "c", ClientSecretEnv: "UNSET_VAR"}}}
	if _, err := Resolve(f, Overrides{}, envOf(nil)); err == nil || !strings.Contains(err.Error(), "UNSET_VAR") {
		t.Fatalf("unset env var: %v", err)
	}
	f.Profiles[0] = Profile{Name: "a", URL: "http://x", ClientID: "c", ClientSecretCmd: "echo CANARY-stdout; echo broken >&2; exit 3"}
	_, err := Resolve(f, Overrides{}, envOf(nil))
	if err == nil || !strings.Contains(err.Error(), "broken") || strings.Contains(err.Error(), "CANARY") {
		t.Fatalf("failing cmd: want stderr, never stdout, got %v", err)
	}
	old := SecretCommandTimeout
	SecretCommandTimeout = 200 * time.Millisecond
	defer func() { SecretCommandTimeout = old }()
	f.Profiles[0].ClientSecretCmd = "sleep 5"
	if _, err := Resolve(f, Overrides{}, envOf(nil)); err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("slow cmd: %v", err)
	}
}

func TestPermissionWarning(t *testing.T) {
	p := writeFile(t, goodYAML, 0o644)
	if w := CheckPermissions(p); !strings.Contains(w, "chmod 600") {
		t.Fatalf("world-readable file with a secret: warning %q", w)
	}
	os.Chmod(p, 0o600)
	if w := CheckPermissions(p); w != "" {
		t.Fatalf("0600 file: unexpected warning %q", w)
	}
	p2 := writeFile(t, "profiles:\n  - name: a\n    url: http://x\n    client_id: c\n    client_secret_env: E\n", 0o644)
	if w := CheckPermissions(p2); w != "" {
		t.Fatalf("no literal secret: unexpected warning %q", w)
	}
}

func TestSaveAndAdd(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "config.yaml")
	f := &File{}
	if err := f.Add(Profile{Name: "a", URL: "http://x", ClientID: "c", ClientSecret: "s"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Add(Profile{Name: "a", URL: "http://y", ClientID: "c2", ClientSecretEnv: "E"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Add(Profile{Name: "bad", URL: "nope", ClientID: "c"}); err == nil {
		t.Fatal("Add accepted a bad url")
	}
	if err := f.Save(p); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", fi.Mode().Perm())
	}
	g, err := Load(p)
	if err != nil || len(g.Profiles) != 1 || g.Profiles[0].URL != "http://y" || g.Profiles[0].ClientSecret != "" {
		t.Fatalf("round trip: %+v %v", g, err)
	}
}

func TestPrintingMasksSecrets(t *testing.T) {
	p := Profile{Name: "a", URL: "http://x", ClientID: "c", ClientSecret: "CANARY-print"}
	r := Resolved{Name: "a", URL: "http://x", ClientID: "c", ClientSecret: "CANARY-print"}
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%v %+v %#v %s", p, p, p, p), fmt.Sprintf("%v %+v %#v %s", r, r, r, r)} {
		if strings.Contains(s, "CANARY") {
			t.Fatalf("printed secret: %s", s)
		}
	}
}

func FuzzConfigFile(f *testing.F) {
	f.Add([]byte(goodYAML))
	f.Add([]byte("profiles: []\n"))
	f.Add([]byte("current: x\n"))
	f.Add([]byte("profiles:\n  - name: a\n    url: http://x\n    client_id: c\n"))
	f.Add([]byte("\x00\xff: [\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := Parse(raw)
		if err != nil {
			return
		}
		p := filepath.Join(dir, "c.yaml")
		if err := cfg.Save(p); err != nil {
			t.Fatalf("valid config does not save: %v", err)
		}
		back, err := Load(p)
		if err != nil {
			t.Fatalf("saved config does not load: %v", err)
		}
		if !reflect.DeepEqual(back, cfg) && !(len(back.Profiles) == 0 && len(cfg.Profiles) == 0 && back.Current == cfg.Current) {
			t.Fatalf("round trip changed the config")
		}
	})
}

// Issue 17 §5: a secret is trimmed the same whatever its source; before, only
// client_secret_cmd output was, so a secret exported from a heredoc or with
// `echo` (trailing newline) or a literal pasted with a space failed to sign in.
func TestSecretTrimmedFromEverySource(t *testing.T) {
	base := Profile{Name: "a", URL: "http://x", ClientID: "c"}
	cases := map[string]struct {
		p   func(Profile) Profile
		o   Overrides
		env map[string]string
	}{
		"literal":                  {p: func(p Profile) Profile { p.ClientSecret = " s3cret\n"; return p }},
		"client_secret_env":        {p: func(p Profile) Profile { p.ClientSecretEnv = "MY_SECRET"; return p }, env: map[string]string{"MY_SECRET": "s3cret\n"}},
		"client_secret_cmd":        {p: func(p Profile) Profile { p.ClientSecretCmd = "printf ' s3cret\\n'"; return p }},
		"PAMCONSOLE_CLIENT_SECRET": {p: func(p Profile) Profile { return p }, env: map[string]string{"PAMCONSOLE_CLIENT_SECRET": "\ts3cret\r\n"}},
		"flag":                     {p: func(p Profile) Profile { return p }, o: Overrides{ClientSecret: "s3cret\n"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := &File{Profiles: []Profile{tc.p(base)}}
			r, err := Resolve(f, tc.o, envOf(tc.env))
			if err != nil || r.ClientSecret != "s3cret" {
				t.Fatalf("want the trimmed secret, got %q, %v", r.ClientSecret, err)
			}
		})
	}
}

func TestUnusedDaysIsBounded(t *testing.T) {
	for days, ok := range map[int]bool{0: true, 30: true, MaxUnusedDays: true, -1: false, MaxUnusedDays + 1: false} {
		f := &File{Profiles: []Profile{{Name: "p", URL: "http://127.0.0.1:1", ClientID: "cc_x", ClientSecret: "s", UnusedDays: days}}}
		r, err := Resolve(f, Overrides{}, nil)
		if (err == nil) != ok || (ok && r.UnusedDays != days) {
			t.Errorf("unused_days %d: %v %+v", days, err, r)
		}
		if !ok && (err == nil || !strings.Contains(err.Error(), "unused_days")) {
			t.Errorf("unused_days %d: the error names the field: %v", days, err)
		}
	}
}
