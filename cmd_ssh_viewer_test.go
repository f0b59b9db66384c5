package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/config"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// --viewer-profile reads its profile from the config file only (the
// PAMCONSOLE_* variables are the admins'), and a viewer credential that
// holds a reveal scope is refused at start, naming the scope.
func TestViewerProfileIsReadOnlyAndFromTheFile(t *testing.T) {
	env := testserver.Start(t)
	ctx := context.Background()
	mk := func(name string, scopes ...string) *client.ClientCredential {
		cc, err := env.Client.ClientCredentials.Create(ctx, client.ClientCredentialInput{Name: name, ValidFrom: "2020-01-01", ValidTill: "2099-01-01", Scopes: scopes})
		if err != nil {
			t.Fatal(err)
		}
		return cc
	}
	view := mk("viewers", viewerScopes...)
	loose := mk("loose viewers", "settings.client_credentials.view", "settings.client_credentials.reveal_secret")
	path := filepath.Join(t.TempDir(), "config.yaml")
	f := &config.File{Current: "admin", Profiles: []config.Profile{
		{Name: "admin", URL: env.URL, ClientID: env.ClientID, ClientSecret: env.Secret},
		{Name: "viewers", URL: env.URL, ClientID: view.ClientID, ClientSecret: view.ClientSecret},
		{Name: "loose", URL: env.URL, ClientID: loose.ClientID, ClientSecret: loose.ClientSecret},
	}}
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PAMCONSOLE_CLIENT_SECRET", env.Secret) // the admins' secret must not reach the viewers' profile
	g := &globalFlags{configPath: path}
	r, err := resolveViewerProfile(g, "viewers")
	if err != nil || r.ClientSecret != view.ClientSecret {
		t.Fatalf("viewer profile: %v (the admin secret leaked in: %v)", err, r.ClientSecret == env.Secret)
	}
	kc, err := viewerClients(ctx, r)
	if err != nil || kc.clientID != view.ClientID {
		t.Fatalf("a view-only viewer credential: %v", err)
	}
	r, err = resolveViewerProfile(g, "loose")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := viewerClients(ctx, r); err == nil || !strings.Contains(err.Error(), "settings.client_credentials.reveal_secret") {
		t.Fatalf("a viewer credential that can reveal must be refused naming the scope: %v", err)
	}
	if _, err := resolveViewerProfile(g, "nobody"); err == nil || !strings.Contains(err.Error(), "--viewer-profile") {
		t.Fatalf("an unknown viewer profile: %v", err)
	}
}
