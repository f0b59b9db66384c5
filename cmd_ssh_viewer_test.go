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

// The demo's viewer credential holds every view scope of the server's
// catalogue (so each tab loads: Protected information needs pam.info.view,
// SSH keys pam.key.view) and no other scope (no reveal, no write).
func TestDemoViewerHoldsEveryViewScopeAndNothingElse(t *testing.T) {
	env := testserver.Start(t)
	ctx := context.Background()
	cat, err := env.Client.Scopes.Catalogue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var views []string
	for _, g := range cat.Groups {
		for _, sc := range g.Scopes {
			last := sc.Key[strings.LastIndex(sc.Key, ".")+1:]
			if strings.HasPrefix(last, "view") {
				views = append(views, sc.Key)
			}
		}
	}
	kc, err := demoViewerClients(ctx, &demoEnv{url: env.URL, client: env.Client})
	if err != nil {
		t.Fatal(err)
	}
	viewer, err := client.New(kc.url, kc.clientID, kc.secret)
	if err != nil {
		t.Fatal(err)
	}
	id, err := viewer.Identity(ctx)
	if err != nil || !id.ScopesKnown {
		t.Fatalf("viewer identity: %v (scopes known %v)", err, id.ScopesKnown)
	}
	for _, sc := range views {
		if !id.HasScope(sc) {
			t.Errorf("the demo viewer lacks %s", sc)
		}
	}
	for _, sc := range id.Scopes {
		last := sc[strings.LastIndex(sc, ".")+1:]
		if !strings.HasPrefix(last, "view") {
			t.Errorf("the demo viewer holds %s, which is not a view scope", sc)
		}
	}
	if _, err := viewer.Info.List(ctx, client.InfoListOptions{Limit: 1}); err != nil {
		t.Errorf("the demo viewer cannot list protected information: %v", err)
	}
}
