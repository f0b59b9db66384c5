// Package config reads pamconsole's profiles file
// ($XDG_CONFIG_HOME/pamconsole/config.yaml), applies environment and flag
// overrides, and resolves the client secret from the file, an environment
// variable or a command. Errors name the file, line or field at fault.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // server_time_zone works on systems without a zoneinfo database

	"gopkg.in/yaml.v3"
)

// ErrNoConfig is returned by Load when the file does not exist.
var ErrNoConfig = errors.New("no config file")

// ErrNoProfile is returned by Resolve when nothing names a server.
var ErrNoProfile = errors.New("no profile configured")

// File is the profiles file.
type File struct {
	Current  string    `yaml:"current,omitempty"`
	Profiles []Profile `yaml:"profiles"`
}

// Profile is one server and client credential.
type Profile struct {
	Name            string `yaml:"name"`
	URL             string `yaml:"url"`
	ClientID        string `yaml:"client_id"`
	ClientSecret    string `yaml:"client_secret,omitempty"`
	ClientSecretEnv string `yaml:"client_secret_env,omitempty"`
	ClientSecretCmd string `yaml:"client_secret_cmd,omitempty"`
	// Mouse: false leaves the mouse to the terminal (text selection); the
	// default is on.
	Mouse *bool `yaml:"mouse,omitempty"`
	// ServerTimeZone is the zone (IANA name, e.g. America/Sao_Paulo, or UTC)
	// in which the server writes the times it sends without one (PAM Core's
	// change and view, "2024-05-03 16:19:53"). Unset: they are shown as the
	// server gave them, marked "server time".
	ServerTimeZone string `yaml:"server_time_zone,omitempty"`
	// UnusedDays is the figure of the console's "unused" preset (u on
	// Client Credentials): not used for this many days or more; 0 = 90.
	UnusedDays int `yaml:"unused_days,omitempty"`
}

// String masks the secret so a profile can be printed or logged.
func (p Profile) String() string {
	secret := "none"
	switch {
	case p.ClientSecret != "":
		secret = "in file (masked)"
	case p.ClientSecretEnv != "":
		secret = "env " + p.ClientSecretEnv
	case p.ClientSecretCmd != "":
		secret = "command"
	}
	return fmt.Sprintf("profile %q url=%s client_id=%s secret=%s", p.Name, p.URL, p.ClientID, secret)
}

// GoString masks the secret for %#v too.
func (p Profile) GoString() string { return p.String() }

// DefaultPath is $XDG_CONFIG_HOME/pamconsole/config.yaml (os.UserConfigDir).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("config: no user config dir: %w", err)
	}
	return filepath.Join(dir, "pamconsole", "config.yaml"), nil
}

// Load reads and validates the file at path. A missing file yields an
// empty File and an error wrapping ErrNoConfig.
func Load(path string) (*File, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{}, fmt.Errorf("%w: %s", ErrNoConfig, path)
	}
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	f, err := Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return f, nil
}

// Parse decodes and validates a profiles file. Unknown keys are errors
// (with their line), so a typo such as client_secert is not silently ignored.
func Parse(raw []byte) (*File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(err)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return &f, nil
}

// yamlError keeps yaml's "line N: …" messages but drops its prefix.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	return errors.New(strings.ReplaceAll(msg, "\n  ", "; "))
}

// Validate checks every profile and that Current names one.
func (f *File) Validate() error {
	seen := map[string]bool{}
	for i, p := range f.Profiles {
		if strings.TrimSpace(p.Name) == "" {
			return fmt.Errorf("profiles[%d]: name: required", i)
		}
		if seen[p.Name] {
			return fmt.Errorf("profile %q: name: defined twice", p.Name)
		}
		seen[p.Name] = true
		if err := p.validate(); err != nil {
			return err
		}
	}
	if f.Current != "" && !seen[f.Current] {
		return fmt.Errorf("current: no profile named %q", f.Current)
	}
	return nil
}

func (p Profile) validate() error {
	if err := checkURL(p.URL); err != nil {
		return fmt.Errorf("profile %q: url: %w", p.Name, err)
	}
	if strings.TrimSpace(p.ClientID) == "" {
		return fmt.Errorf("profile %q: client_id: required", p.Name)
	}
	n := 0
	for _, s := range []string{p.ClientSecret, p.ClientSecretEnv, p.ClientSecretCmd} {
		if s != "" {
			n++
		}
	}
	if n > 1 {
		return fmt.Errorf("profile %q: client_secret: set only one of client_secret, client_secret_env, client_secret_cmd", p.Name)
	}
	if _, err := loadServerTimeZone(p.ServerTimeZone); err != nil {
		return fmt.Errorf("profile %q: %w", p.Name, err)
	}
	return nil
}

// loadServerTimeZone reads a profile's server_time_zone; "" is nil (unknown).
func loadServerTimeZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil
	}
	if len(name) > 64 || strings.ContainsAny(name, "\\\x00") || strings.Contains(name, "..") {
		return nil, fmt.Errorf("server_time_zone: %q is not a time zone name (e.g. UTC, America/Sao_Paulo)", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("server_time_zone: %q is not a time zone name (e.g. UTC, America/Sao_Paulo)", name)
	}
	return loc, nil
}

// Find returns the profile called name.
func (f *File) Find(name string) (Profile, bool) {
	for _, p := range f.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// Add adds p, replacing a profile of the same name.
func (f *File) Add(p Profile) error {
	if strings.TrimSpace(p.Name) == "" {
		return errors.New("name: required")
	}
	if err := p.validate(); err != nil {
		return err
	}
	for i := range f.Profiles {
		if f.Profiles[i].Name == p.Name {
			f.Profiles[i] = p
			return nil
		}
	}
	f.Profiles = append(f.Profiles, p)
	return nil
}

// Save writes the file with mode 0600 (its directory 0700), atomically.
func (f *File) Save(path string) error {
	if err := f.Validate(); err != nil {
		return err
	}
	raw, err := yaml.Marshal(f)
	if err != nil {
		return fmt.Errorf("config: encode: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".config-*.yaml")
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("config: %w", err)
	}
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config: write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

// CheckPermissions warns when path holds a literal client secret and
// group or others can read it.
func CheckPermissions(path string) string {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return ""
	}
	f, err := Load(path)
	if err != nil {
		return ""
	}
	for _, p := range f.Profiles {
		if p.ClientSecret != "" {
			return fmt.Sprintf("%s holds a client secret and is readable by others (mode %#o): chmod 600 %s", path, fi.Mode().Perm(), path)
		}
	}
	return ""
}
