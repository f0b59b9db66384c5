package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// Overrides come from command-line flags; they win over the environment,
// which wins over the file.
type Overrides struct {
	Profile      string
	URL          string
	ClientID     string
	ClientSecret string
}

// Resolved is the connection the console will use.
type Resolved struct {
	Name         string
	URL          string
	ClientID     string
	ClientSecret string
	Warnings     []string
	Mouse        bool // clicks and the wheel in the console (profile mouse:, default true)
	// ServerTimeZone is the profile's server_time_zone; nil = unknown
	// (zoneless server times are shown as given).
	ServerTimeZone *time.Location
	UnusedDays     int // the "unused" preset's days (profile unused_days:; 0 = the console's default)
}

// String masks the secret.
func (r Resolved) String() string {
	return fmt.Sprintf("profile %q url=%s client_id=%s secret=%s", r.Name, r.URL, r.ClientID, maskedIfSet(r.ClientSecret))
}

// GoString masks the secret for %#v too.
func (r Resolved) GoString() string { return r.String() }

func maskedIfSet(s string) string {
	if s == "" {
		return "(none)"
	}
	return "••••••••"
}

// MaxUnusedDays bounds a profile's unused_days (ten years).
const MaxUnusedDays = 3650

// SecretCommandTimeout bounds client_secret_cmd.
var SecretCommandTimeout = 10 * time.Second

// Resolve picks the profile (flag, then PAMCONSOLE_PROFILE, then current,
// then the only one), applies env and flag overrides and reads the secret.
// f may be nil or empty: env and flags alone can describe a connection.
func Resolve(f *File, o Overrides, env func(string) string) (Resolved, error) {
	if f == nil {
		f = &File{}
	}
	if env == nil {
		env = func(string) string { return "" }
	}
	var p Profile
	name := firstSet(o.Profile, env("PAMCONSOLE_PROFILE"), f.Current)
	switch {
	case name != "":
		found, ok := f.Find(name)
		if !ok && (o.Profile != "" || env("PAMCONSOLE_PROFILE") != "") {
			return Resolved{}, fmt.Errorf("profile %q: not in the config file", name)
		}
		p = found
	case len(f.Profiles) == 1:
		p = f.Profiles[0]
	case len(f.Profiles) > 1:
		return Resolved{}, errors.New("several profiles and none chosen: use --profile or set current in the config file")
	}
	if p.Name == "" {
		p.Name = "env"
	}
	r := Resolved{
		Name:     p.Name,
		URL:      firstSet(o.URL, env("PAMCONSOLE_URL"), p.URL),
		ClientID: firstSet(o.ClientID, env("PAMCONSOLE_CLIENT_ID"), p.ClientID),
		Mouse:    p.Mouse == nil || *p.Mouse,
	}
	if r.URL == "" && r.ClientID == "" {
		return Resolved{}, ErrNoProfile
	}
	if p.UnusedDays < 0 || p.UnusedDays > MaxUnusedDays {
		return Resolved{}, fmt.Errorf("profile %q: unused_days: %d is not from 1 to %d", r.Name, p.UnusedDays, MaxUnusedDays)
	}
	r.UnusedDays = p.UnusedDays
	if err := checkURL(r.URL); err != nil {
		return Resolved{}, fmt.Errorf("profile %q: url: %w", r.Name, err)
	}
	if r.ClientID == "" {
		return Resolved{}, fmt.Errorf("profile %q: client_id: required (or PAMCONSOLE_CLIENT_ID)", r.Name)
	}
	loc, err := loadServerTimeZone(p.ServerTimeZone)
	if err != nil {
		return Resolved{}, fmt.Errorf("profile %q: %w", r.Name, err)
	}
	r.ServerTimeZone = loc
	secret, err := resolveSecret(p, o, env)
	if err != nil {
		return Resolved{}, fmt.Errorf("profile %q: %w", r.Name, err)
	}
	r.ClientSecret = secret
	return r, nil
}

func resolveSecret(p Profile, o Overrides, env func(string) string) (string, error) {
	if s := trimSecret(firstSet(o.ClientSecret, env("PAMCONSOLE_CLIENT_SECRET"))); s != "" {
		return s, nil
	}
	switch {
	case p.ClientSecret != "":
		if s := trimSecret(p.ClientSecret); s != "" {
			return s, nil
		}
		return "", errors.New("client_secret: only white space")
	case p.ClientSecretEnv != "":
		s := trimSecret(env(p.ClientSecretEnv))
		if s == "" {
			return "", fmt.Errorf("client_secret_env: environment variable %s is empty or unset", p.ClientSecretEnv)
		}
		return s, nil
	case p.ClientSecretCmd != "":
		return runSecretCommand(p.ClientSecretCmd)
	}
	return "", errors.New("client_secret: none set (client_secret, client_secret_env, client_secret_cmd or PAMCONSOLE_CLIENT_SECRET)")
}

// trimSecret is applied to a secret from every source alike (flag,
// environment, file, command): a trailing newline from `echo` or a heredoc
// or spaces around a pasted value are never part of a client secret.
func trimSecret(s string) string { return strings.TrimSpace(s) }

// runSecretCommand runs cmd with sh -c and returns its trimmed stdout. Its
// stderr may appear in the error; its stdout (the secret) never does.
func runSecretCommand(cmdline string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), SecretCommandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", cmdline)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second // a grandchild holding the pipes must not outlive the timeout
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", fmt.Errorf("client_secret_cmd: timed out after %s", SecretCommandTimeout)
	}
	if err != nil {
		msg := unitext.Cut(strings.TrimSpace(stderr.String()), 200)
		return "", fmt.Errorf("client_secret_cmd: %v: %s", err, msg)
	}
	s := trimSecret(stdout.String())
	if s == "" {
		return "", errors.New("client_secret_cmd: printed nothing")
	}
	return s, nil
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if raw == "" {
		return errors.New("required")
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q: must be http(s)://host[:port]", raw)
	}
	return nil
}

func firstSet(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
