package uitest

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// Now is the fake clock's start in every test: expiry states and dates in
// goldens depend on it.
var Now = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// Option configures New.
type Option func(*config)

type config struct {
	common *ui.Common
	client *client.Client
	w, h   int
	now    time.Time
	tweaks []func(*ui.Common)
	hold   func(tea.Msg) bool
}

// WithHold holds the messages for which keep is true from the start (the
// first replies included); see Kit.Hold.
func WithHold(keep func(tea.Msg) bool) Option { return func(c *config) { c.hold = keep } }

// WithClient gives the session a client (a real in-process server).
func WithClient(cl *client.Client) Option { return func(c *config) { c.client = cl } }

// WithSession runs the App on c (built with NewCommon and adjusted by the
// test); the kit puts its fake clock in it.
func WithSession(c *ui.Common) Option { return func(cfg *config) { cfg.common = c } }

// WithSize sets the terminal size (default 80×24).
func WithSize(w, h int) Option { return func(c *config) { c.w, c.h = w, h } }

// WithNow starts the fake clock at t instead of Now.
func WithNow(t time.Time) Option { return func(c *config) { c.now = t } }

// WithCommon lets the test set up the session (read-only, presentation,
// clipboard, …) before the App starts.
func WithCommon(f func(*ui.Common)) Option {
	return func(c *config) { c.tweaks = append(c.tweaks, f) }
}

// NewCommon is a session for tests: the ASCII profile (goldens are plain
// text), the clock at Now, copies going nowhere.
func NewCommon(cl *client.Client) *ui.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := ui.NewCommon(context.Background(), cl, r)
	c.Now = func() time.Time { return Now }
	c.RequestTimeout = 10 * time.Second
	c.RevealFor = 30 * time.Second
	c.Clipboard = io.Discard
	return c
}

// Catalogue is a small scope catalogue in the shape of API.md §2: groups of
// scopes whose ".view" scopes are the defaults.
func Catalogue() *client.ScopeCatalogue {
	g := func(key, label string, scopes ...string) client.ScopeGroup {
		grp := client.ScopeGroup{Key: key, Label: label}
		for _, s := range scopes {
			k, l, _ := strings.Cut(s, "|")
			grp.Scopes = append(grp.Scopes, client.Scope{Key: k, Label: l, Default: strings.HasSuffix(k, ".view")})
		}
		return grp
	}
	return &client.ScopeCatalogue{Groups: []client.ScopeGroup{
		g("users", "User Management", "users.user.view|View users", "users.user.add|Add users", "users.user.edit|Edit users", "users.user.delete|Delete users"),
		g("roles", "Role Management", "users.roles.view|View roles", "users.roles.add|Add roles", "users.roles.edit|Edit roles", "users.roles.delete|Delete roles"),
		g("assets", "Asset Management", "assets.view|View assets", "assets.add|Add assets", "assets.edit|Edit assets", "assets.delete|Delete assets"),
		g("system_user", "System Users", "system_user.view|View system users", "system_user.add|Add system users", "system_user.edit|Edit system users", "system_user.delete|Delete system users", "system_user.rotate_password|Rotate passwords"),
		g("groups", "Group Management", "groups.view|View groups", "groups.add|Add groups", "groups.edit|Edit groups", "groups.delete|Delete groups"),
		g("apps", "Application Management", "apps.view|View apps", "apps.add|Add apps", "apps.edit|Edit apps", "apps.delete|Delete apps"),
		g("misc", "Miscellaneous", "miscellaneous.ticket.view_ticket|View tickets"),
	}}
}

// ClientCredentialScopes is the catalogue group of the client-credential
// scopes, for tests that add it to Catalogue.
func ClientCredentialScopes() client.ScopeGroup {
	grp := client.ScopeGroup{Key: "cc", Label: "Client Credentials"}
	for _, s := range []string{"view|View client credentials", "add|Add client credentials", "edit|Edit client credentials",
		"edit_scopes|Edit scopes", "delete|Delete client credentials", "reveal_secret|Reveal secrets"} {
		k, l, _ := strings.Cut(s, "|")
		grp.Scopes = append(grp.Scopes, client.Scope{Key: "settings.client_credentials." + k, Label: l, Default: k == "view"})
	}
	return grp
}

// LockedBuffer is a bytes.Buffer safe for a writer goroutine (a program, a
// child process) and a reading test.
type LockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *LockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns everything written so far.
func (l *LockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
