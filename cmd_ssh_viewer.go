package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/config"
)

// Viewer sessions of `pamconsole ssh` sign in with their own client
// credential (--viewer-profile), one without any reveal scope, so the
// server refuses a viewer's reveal even if the console let one through
// (issue 13 §2): the console is the first line of defence, not the only one.

// revealScopes are the scopes a viewer credential must not hold.
var revealScopes = []string{"settings.client_credentials.reveal_secret", "pam.credential.reveal"}

// viewerScopes are the scopes of the demo's viewer credential: every view
// scope of the catalogue, nothing else.
var viewerScopes = []string{
	"users.user.view", "users.roles.view", "assets.view", "system_user.view", "groups.view", "apps.view",
	"miscellaneous.ticket.view_ticket", "settings.client_credentials.view", "pam.credential.view", "pam.device.view",
	"pam.key.view", "pam.info.view",
}

// revealScopesOf returns the reveal scopes id holds.
func revealScopesOf(id client.Identity) []string {
	var out []string
	for _, sc := range revealScopes {
		if id.HasScope(sc) {
			out = append(out, sc)
		}
	}
	return out
}

// resolveViewerProfile reads profile name from the config file only: the
// PAMCONSOLE_* variables and the global flags describe the admin
// connection, so they must not leak into the viewers' one.
func resolveViewerProfile(g *globalFlags, name string) (config.Resolved, error) {
	path := g.configPath
	if path == "" {
		p, err := config.DefaultPath()
		if err != nil {
			return config.Resolved{}, err
		}
		path = p
	}
	f, err := config.Load(path)
	if err != nil {
		return config.Resolved{}, fmt.Errorf("--viewer-profile %s: %w", name, err)
	}
	env := func(k string) string {
		if strings.HasPrefix(k, "PAMCONSOLE_") {
			return ""
		}
		return os.Getenv(k)
	}
	r, err := config.Resolve(f, config.Overrides{Profile: name}, env)
	if err != nil {
		return r, fmt.Errorf("--viewer-profile: %w", err)
	}
	return r, nil
}

// viewerClients signs in with the viewer profile and refuses one whose
// credential can reveal secrets or passwords.
func viewerClients(ctx context.Context, r config.Resolved) (*keyClients, error) {
	c, err := client.New(r.URL, r.ClientID, r.ClientSecret)
	if err != nil {
		return nil, err
	}
	id, err := c.Identity(ctx)
	if err != nil {
		return nil, fmt.Errorf("--viewer-profile %s: cannot sign in: %w", r.Name, err)
	}
	if held := revealScopesOf(id); len(held) > 0 {
		return nil, fmt.Errorf("--viewer-profile %s: its client credential %q holds %s; viewers must sign in with a credential without reveal scopes",
			r.Name, id.Name, strings.Join(held, " and "))
	}
	if !id.ScopesKnown {
		return nil, fmt.Errorf("--viewer-profile %s: the server's access token does not say which scopes %q holds (not a JWT), so it cannot be checked for reveal scopes",
			r.Name, id.Name)
	}
	return &keyClients{url: r.URL, clientID: r.ClientID, secret: r.ClientSecret, byKey: map[string]keyClient{},
		opts: []client.Option{client.WithServerTimeZone(r.ServerTimeZone)}}, nil
}

// demoViewerClients creates the demo server's viewer credential (view
// scopes only) with the demo's admin client.
func demoViewerClients(ctx context.Context, env *demoEnv) (*keyClients, error) {
	cc, err := env.client.ClientCredentials.Create(ctx, client.ClientCredentialInput{Name: "SSH viewers (read-only)",
		ValidFrom: "2020-01-01", ValidTill: "2099-12-31", Scopes: viewerScopes})
	if err != nil {
		return nil, fmt.Errorf("demo viewer credential: %w", err)
	}
	return &keyClients{url: env.url, clientID: cc.ClientID, secret: cc.ClientSecret, byKey: map[string]keyClient{},
		opts: []client.Option{client.WithServerTimeZone(time.UTC)}}, nil // the demo server writes UTC
}

// warnSharedViewer says, at start, that viewers share the admins'
// credential when it can reveal: the console still refuses their reveals,
// but the server would not.
func warnSharedViewer(ctx context.Context, clients *keyClients, stderr io.Writer) {
	c, err := client.New(clients.url, clients.clientID, clients.secret)
	if err != nil {
		return
	}
	id, err := c.Identity(ctx)
	if err != nil {
		return // the connection check reports it
	}
	if !id.ScopesKnown {
		fmt.Fprintf(stderr, "warning: viewers sign in with %q, whose scopes the server's token does not show: "+
			"set --viewer-profile to a profile whose credential has view scopes only\n", id.Name)
		return
	}
	if held := revealScopesOf(id); len(held) > 0 {
		fmt.Fprintf(stderr, "warning: viewers sign in with %q, which holds %s: the console refuses their reveals, "+
			"but the server would not; set --viewer-profile to a profile whose credential has view scopes only\n",
			id.Name, strings.Join(held, " and "))
	}
}
