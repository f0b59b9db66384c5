package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/config"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/audit"
	"github.com/pamconsole/pamconsole/ui/clientcreds"
	"github.com/pamconsole/pamconsole/ui/credentials"
	"github.com/pamconsole/pamconsole/ui/devices"
	"github.com/pamconsole/pamconsole/ui/info"
	"github.com/pamconsole/pamconsole/ui/widgets/clipboard"
)

// firstRunHelp is what the default command prints when there is no profile.
const firstRunHelp = `pamconsole has no profile yet. To start:

  pamconsole demo      try the console now: a built-in server with demo data, nothing to set up

or connect to a server:

  pamconsole server    run the reference server (prints a client id and secret once)
  pamconsole config add --name local --url http://127.0.0.1:8080 \
      --client-id cc_... --client-secret-env PAMCONSOLE_CLIENT_SECRET
  pamconsole           open the console with that profile

PAMCONSOLE_URL, PAMCONSOLE_CLIENT_ID and PAMCONSOLE_CLIENT_SECRET work without a profile too.
`

// consoleTabs are the console's five screens, in UX.md order.
func consoleTabs() []ui.Tab {
	return []ui.Tab{
		{Name: "Client Credentials", New: clientcreds.New},
		{Name: "Credentials", New: credentials.New},
		{Name: "Devices", New: devices.New},
		{Name: "Audit", New: audit.New},
		{Name: "Protected info", New: info.New},
	}
}

// resolveProfile loads the config file and applies env and flag overrides.
func resolveProfile(g *globalFlags, stderr io.Writer) (config.Resolved, error) {
	path := g.configPath
	if path == "" {
		p, err := config.DefaultPath()
		if err != nil {
			return config.Resolved{}, err
		}
		path = p
	}
	f, err := config.Load(path)
	if err != nil && !errors.Is(err, config.ErrNoConfig) {
		return config.Resolved{}, err
	}
	perm := config.CheckPermissions(path)
	r, err := config.Resolve(f, config.Overrides{Profile: g.profile, URL: g.url, ClientID: g.clientID}, os.Getenv)
	if perm != "" {
		r.Warnings = append([]string{perm}, r.Warnings...)
	}
	for _, w := range r.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if err != nil {
		return r, err
	}
	return r, nil
}

func runTUI(ctx context.Context, g *globalFlags, stdout, stderr io.Writer) error {
	r, err := resolveProfile(g, stderr)
	if errors.Is(err, config.ErrNoConfig) || errors.Is(err, config.ErrNoProfile) {
		fmt.Fprint(stdout, firstRunHelp)
		return nil
	}
	if err != nil {
		return err
	}
	c, err := client.New(r.URL, r.ClientID, r.ClientSecret, client.WithServerTimeZone(r.ServerTimeZone))
	if err != nil {
		return err
	}
	if err := checkConnection(ctx, c, r.URL, r.Name); err != nil {
		return err
	}
	return runConsole(ctx, consoleParams{client: c, profile: r.Name, url: r.URL, presentation: g.presentation, warnings: r.Warnings,
		mouse: !g.noMouse && r.Mouse, unusedDays: r.UnusedDays, profiles: localProfiles(g)}, stdout)
}

// checkConnection fetches a token and turns the usual failures into one
// line saying what to fix.
func checkConnection(ctx context.Context, c *client.Client, baseURL, profile string) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, err := c.Identity(ctx)
	return explainConnectError(err, baseURL, profile)
}

// explainConnectError maps a failed sign-in to one actionable line.
func explainConnectError(err error, baseURL, profile string) error {
	if err == nil {
		return nil
	}
	var apiErr *client.APIError
	var netErr net.Error
	var urlErr *url.Error
	switch {
	case errors.As(err, &apiErr) && (apiErr.StatusCode == 401 || apiErr.OAuth == "invalid_client"):
		return fmt.Errorf("profile %q: the server refused the client id or secret (%s): check client_id and the client secret", profile, refusalReason(apiErr))
	case errors.As(err, &apiErr) && (apiErr.StatusCode == 404 || apiErr.StatusCode == 405):
		return fmt.Errorf("profile %q: %s has no PAM token endpoint (HTTP %d): check the url", profile, baseURL, apiErr.StatusCode)
	case errors.As(err, &apiErr):
		return fmt.Errorf("profile %q: signing in to %s failed: %s", profile, baseURL, apiErr.Error())
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("profile %q: %s did not answer in time: check the url and that the server is running", profile, baseURL)
	case errors.As(err, &urlErr):
		return fmt.Errorf("profile %q: cannot reach %s (%s): check the url and that the server is running", profile, baseURL, shortNetError(urlErr.Err))
	}
	return fmt.Errorf("profile %q: %w", profile, err)
}

// refusalReason is whichever reason the server gave for refusing a token
// (message, error_description, the envelope's message, else the OAuth
// error code or the HTTP status), never empty.
func refusalReason(e *client.APIError) string {
	for _, r := range []string{e.Message, e.OAuth, http.StatusText(e.StatusCode)} {
		if r = strings.TrimSpace(r); r != "" {
			return r
		}
	}
	return "no reason given"
}

func shortNetError(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

// consoleParams describe one local console session.
type consoleParams struct {
	client       *client.Client
	profile, url string
	presentation bool
	warnings     []string     // shown in the console too (they were printed to stderr)
	mouse        bool         // clicks and the wheel (off: --no-mouse, profile mouse: false)
	unusedDays   int          // the "unused" preset's figure; 0 = ui.DefaultUnusedDays
	profiles     *ui.Profiles // P switches profile (local consoles; nil: no P)
}

// runConsole runs the console in this terminal until the user quits.
func runConsole(ctx context.Context, p consoleParams, stdout io.Writer) error {
	common := newCommon(ctx, p, lipgloss.NewRenderer(os.Stdout), clipboard.For(os.Stdout, os.Getenv))
	if id, err := p.client.Identity(ctx); err == nil {
		common.Identity = id
	}
	if wd, err := os.Getwd(); err == nil {
		common.ExportDir = wd // E writes here; SSH sessions never set it
	}
	common.Profiles = p.profiles
	if p.mouse {
		common.Zones = ui.NewZones()
		defer common.Zones.Close()
	}
	opts := append(consoleProgramOptions(p.mouse), tea.WithContext(ctx), tea.WithOutput(os.Stdout))
	app := ui.NewApp(common, consoleTabs())
	app.Warn(p.warnings...)
	prog := tea.NewProgram(app, opts...)
	_, err := prog.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil
	}
	return err
}

// renderFPS caps redraws. Bubble Tea's renderer wakes up once per frame
// even when nothing changed; 20 frames a second keeps typing smooth and an
// idle console under 1 % of a core (TestIdleConsoleUsesNoCPU).
const renderFPS = 20

// consoleProgramOptions are the Bubble Tea options of every console
// session, local or SSH.
func consoleProgramOptions(mouse bool) []tea.ProgramOption {
	opts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithFPS(renderFPS)}
	if mouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	return opts
}

// newCommon builds a session's Common.
func newCommon(ctx context.Context, p consoleParams, r *lipgloss.Renderer, clipboard io.Writer) *ui.Common {
	c := ui.NewCommon(ctx, p.client, r)
	c.Profile, c.URL, c.Presentation, c.Clipboard = p.profile, p.url, p.presentation, clipboard
	c.ASCII = !ui.UTF8Locale(os.Getenv)
	if p.unusedDays > 0 {
		c.UnusedDays = p.unusedDays
	}
	return c
}
