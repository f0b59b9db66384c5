package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spf13/cobra"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/sshserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/clipboard"
)

type sshFlags struct {
	addr, hostKey, authorizedKeys string
	idle, max                     time.Duration
	demo                          bool
	viewerProfile                 string
}

func newSSHCmd(g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	f := &sshFlags{}
	cmd := &cobra.Command{
		Use:   "ssh",
		Short: "Serve the console over SSH (public-key auth, admin/viewer roles from authorized_keys)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSSH(cmd.Context(), g, f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:2222", "SSH listen address")
	fl.StringVar(&f.hostKey, "host-key", "", "ed25519 host key, created 0600 on first start (default: data dir/ssh_host_ed25519)")
	fl.StringVar(&f.authorizedKeys, "authorized-keys", "", "authorized_keys file with the keys allowed in (default: data dir/authorized_keys)")
	fl.DurationVar(&f.idle, "idle-timeout", 15*time.Minute, "close a session idle this long")
	fl.DurationVar(&f.max, "max-session", 8*time.Hour, "close any session after this long")
	fl.BoolVar(&f.demo, "demo", false, "serve the console of a built-in demo server instead of the configured profile")
	fl.StringVar(&f.viewerProfile, "viewer-profile", "", "profile whose client credential viewers sign in with (view scopes only, no reveal scope)")
	return cmd
}

// keyClients keeps one API client per SSH key, so every request a person
// makes carries their key fingerprint (client.ActorKeyHeader) into the
// server's audit log, and sessions of the same key share a token.
type keyClients struct {
	mu                    sync.Mutex
	url, clientID, secret string
	byKey                 map[string]keyClient
	opts                  []client.Option // extra client options (server time zone; tests)
	// viewers sign in with their own credential (--viewer-profile; the
	// demo makes one); nil: with this one.
	viewers *keyClients
}

// keyClient is a key's API client and the identity it signed in as.
type keyClient struct {
	client   *client.Client
	identity client.Identity
}

// forKey returns the client of the key fp, signing in on its first use.
func (k *keyClients) forKey(ctx context.Context, fp string) (keyClient, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if kc, ok := k.byKey[fp]; ok {
		return kc, nil
	}
	c, err := client.New(k.url, k.clientID, k.secret, append([]client.Option{client.WithHeader(client.ActorKeyHeader, fp)}, k.opts...)...)
	if err != nil {
		return keyClient{}, err
	}
	id, err := c.Identity(ctx)
	if err != nil {
		return keyClient{}, err
	}
	kc := keyClient{client: c, identity: id}
	k.byKey[fp] = kc
	return kc, nil
}

func runSSH(ctx context.Context, g *globalFlags, f *sshFlags, stdout, stderr io.Writer) error {
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	profile, clients, cleanup, err := sshBackend(ctx, g, f, stderr)
	if err != nil {
		return err
	}
	defer cleanup()
	if f.hostKey == "" {
		f.hostKey = filepath.Join(dataDir(), "ssh_host_ed25519")
	}
	if f.authorizedKeys == "" {
		f.authorizedKeys = filepath.Join(dataDir(), "authorized_keys")
	}
	srv, err := sshserver.New(sshserver.Config{
		Addr: f.addr, HostKeyPath: f.hostKey, AuthorizedKeysPath: f.authorizedKeys,
		IdleTimeout: f.idle, MaxSessionTime: f.max, Logger: logger,
		NewModel: consoleForSession(profile, clients, g.presentation, !g.noMouse),
		PasteCut: pasteCutToast,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", f.addr, err)
	}
	fmt.Fprintf(stdout, "pamconsole ssh listening on %s (profile %s, keys from %s, host key %s)\n",
		ln.Addr(), profile, f.authorizedKeys, srv.HostKeyFingerprint())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for done := false; !done; {
		select {
		case err := <-errc:
			return err
		case <-hup:
			if err := srv.ReloadAuthorizedKeys(); err != nil {
				logger.Error("reload authorized_keys", "err", err)
			} else {
				logger.Info("reloaded authorized_keys")
			}
		case <-ctx.Done():
			done = true
		}
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutCtx)
}

// consoleForSession builds each SSH session's console: its own Common
// (renderer of the client's terminal, READ-ONLY for viewers) and the API
// client of the session's key, so the audit log names the key.
func consoleForSession(profile string, clients *keyClients, presentation, mouse bool) func(sshserver.SessionInfo) (tea.Model, []tea.ProgramOption, error) {
	return func(s sshserver.SessionInfo) (tea.Model, []tea.ProgramOption, error) {
		kcs := clients
		if s.Role == sshserver.RoleViewer && clients.viewers != nil {
			kcs = clients.viewers
		}
		kc, err := kcs.forKey(s.Session.Context(), s.KeyFingerprint)
		if err != nil {
			return nil, nil, err
		}
		clip := clipboard.For(s.Session, s.Getenv)
		common := newCommon(s.Session.Context(), consoleParams{client: kc.client, profile: profile, url: clients.url, presentation: presentation}, s.Renderer, clip)
		common.ReadOnly = s.Role == sshserver.RoleViewer
		common.ASCII = !ui.UTF8Locale(s.Getenv)
		common.Identity = kc.identity
		if mouse {
			common.Zones = ui.NewZones()
			ctx := s.Session.Context()
			go func() { <-ctx.Done(); common.Zones.Close() }()
		}
		return ui.NewApp(common, consoleTabs()), consoleProgramOptions(mouse), nil
	}
}

// sshBackend resolves the API the SSH-served consoles talk to: the
// configured profile, or a built-in demo server.
func sshBackend(ctx context.Context, g *globalFlags, f *sshFlags, stderr io.Writer) (string, *keyClients, func(), error) {
	if f.demo {
		env, cleanup, err := startDemo(ctx, &demoFlags{addr: "127.0.0.1:0", seed: 42, credentials: 200, devices: 40}, io.Discard)
		if err != nil {
			return "", nil, nil, err
		}
		clients := &keyClients{url: env.url, clientID: env.clientID, secret: env.secret, byKey: map[string]keyClient{},
			opts: []client.Option{client.WithServerTimeZone(time.UTC)}} // the demo server writes UTC
		if clients.viewers, err = demoViewerClients(ctx, env); err != nil {
			cleanup()
			return "", nil, nil, err
		}
		return "demo", clients, cleanup, nil
	}
	r, err := resolveProfile(g, stderr)
	if err != nil {
		return "", nil, nil, err
	}
	c, err := client.New(r.URL, r.ClientID, r.ClientSecret, client.WithServerTimeZone(r.ServerTimeZone))
	if err != nil {
		return "", nil, nil, err
	}
	if err := checkConnection(ctx, c, r.URL, r.Name); err != nil {
		return "", nil, nil, err
	}
	clients := &keyClients{url: r.URL, clientID: r.ClientID, secret: r.ClientSecret, byKey: map[string]keyClient{},
		opts: []client.Option{client.WithServerTimeZone(r.ServerTimeZone)}}
	if f.viewerProfile == "" {
		warnSharedViewer(ctx, clients, stderr)
		return r.Name, clients, func() {}, nil
	}
	vr, err := resolveViewerProfile(g, f.viewerProfile)
	if err == nil {
		clients.viewers, err = viewerClients(ctx, vr)
	}
	if err != nil {
		return "", nil, nil, err
	}
	return r.Name, clients, func() {}, nil
}

// pasteCutToast tells an SSH console that a paste was cut at the bound
// (sshserver.MaxPasteBytes): what was pasted did not all arrive.
func pasteCutToast() tea.Msg {
	return ui.ToastMsg{Kind: ui.ToastWarning,
		Text: fmt.Sprintf("Paste cut at %d KiB: the rest of it was dropped", sshserver.MaxPasteBytes>>10)}
}
