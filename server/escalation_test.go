package server_test

import (
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// Issue 13 §2b: no client credential can grant more than it holds. Each
// case is one way a narrow credential used to become worth every scope.

const (
	ccView   = "settings.client_credentials.view"
	ccAdd    = "settings.client_credentials.add"
	ccEdit   = "settings.client_credentials.edit"
	ccScopes = "settings.client_credentials.edit_scopes"
	ccReveal = "settings.client_credentials.reveal_secret"
)

// wantRefused fails unless err is a 403 whose message names scope.
func wantRefused(t *testing.T, what string, err error, scope string) {
	t.Helper()
	if !client.IsForbidden(err) || !strings.Contains(err.Error(), scope) {
		t.Fatalf("%s: want 403 naming %s, got %v", what, scope, err)
	}
}

// credentialNamed returns the credential called name.
func credentialNamed(t *testing.T, env *testserver.Env, name string) client.ClientCredential {
	t.Helper()
	all, err := env.Client.ClientCredentials.ListAll(bg, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no credential %q", name)
	return client.ClientCredential{}
}

func TestCreateCannotGrantAScopeTheCallerLacks(t *testing.T) {
	env := testserver.Start(t)
	adder, _ := newClientWith(t, env, "adder", ccAdd, ccView)
	_, err := adder.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "reader of secrets",
		ValidFrom: "2020-01-01", ValidTill: "2099-01-01", Scopes: []string{ccView, ccReveal}})
	wantRefused(t, "create with reveal_secret", err, ccReveal)
	// No scopes given means the catalogue's defaults: those too must be held.
	_, err = adder.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "defaults", ValidFrom: "2020-01-01", ValidTill: "2099-01-01"})
	wantRefused(t, "create with the default scopes", err, "users.user.view")
	if _, err := adder.ClientCredentials.Create(bg, client.ClientCredentialInput{Name: "narrow",
		ValidFrom: "2020-01-01", ValidTill: "2099-01-01", Scopes: []string{ccView}}); err != nil {
		t.Fatalf("creating with a scope the caller holds: %v", err)
	}
	if all, _ := env.Client.ClientCredentials.ListAll(bg, "reader of secrets"); len(all) != 0 {
		t.Fatalf("refused create was stored: %+v", all)
	}
}

func TestScopeEditsCannotEscalate(t *testing.T) {
	env := testserver.Start(t)
	editor, self := newClientWith(t, env, "scope editor", ccScopes, ccView)
	_, err := editor.ClientCredentials.SetScopes(bg, self.ID, client.ScopesInput{Scopes: []string{ccScopes, ccView, ccReveal}})
	wantRefused(t, "raise own scopes", err, ccReveal)

	_, victim := newClientWith(t, env, "victim", ccView)
	_, err = editor.ClientCredentials.SetScopes(bg, victim.ID, client.ScopesInput{Scopes: []string{ccView, ccReveal}})
	wantRefused(t, "grant another a scope the caller lacks", err, ccReveal)

	def := credentialNamed(t, env, "Default Client Credential")
	_, err = editor.ClientCredentials.SetScopes(bg, def.ID, client.ScopesInput{Scopes: []string{ccView}})
	wantRefused(t, "edit a credential holding more", err, "users.user.view")

	if _, err := editor.ClientCredentials.SetScopes(bg, victim.ID, client.ScopesInput{Scopes: []string{ccView, ccScopes}}); err != nil {
		t.Fatalf("granting a held scope: %v", err)
	}
	if _, err := editor.ClientCredentials.SetScopes(bg, self.ID, client.ScopesInput{Scopes: []string{ccScopes}}); err != nil {
		t.Fatalf("lowering own scopes: %v", err)
	}
	got, _ := env.Client.ClientCredentials.Get(bg, victim.ID)
	if strings.Contains(strings.Join(got.Scopes, " "), ccReveal) {
		t.Fatalf("refused grant was stored: %v", got.Scopes)
	}
}

func TestRotateAndRevealNeedEveryScopeOfTheTarget(t *testing.T) {
	env := testserver.Start(t)
	def := credentialNamed(t, env, "Default Client Credential")
	editor, _ := newClientWith(t, env, "editor", ccEdit, ccView)
	_, err := editor.ClientCredentials.RotateSecret(bg, def.ID, 0)
	wantRefused(t, "rotate the all-scope credential", err, "users.user.view")
	if _, err := env.Client.ClientCredentials.List(bg, client.ClientCredentialListOptions{}); err != nil {
		t.Fatalf("the refused rotation changed the default secret: %v", err)
	}
	_, peer := newClientWith(t, env, "peer", ccView)
	if rot, err := editor.ClientCredentials.RotateSecret(bg, peer.ID, 0); err != nil || rot.ClientSecret == client.MaskedSecret {
		t.Fatalf("rotating a credential holding only held scopes: %v", err)
	}

	revealer, _ := newClientWith(t, env, "revealer", ccReveal, ccView)
	_, err = revealer.ClientCredentials.RevealSecret(bg, def.ID)
	wantRefused(t, "reveal the all-scope credential", err, "users.user.view")
	if s, err := revealer.ClientCredentials.RevealSecret(bg, peer.ID); err != nil || s == "" {
		t.Fatalf("revealing a credential holding only held scopes: %v", err)
	}
}

func TestProtectedKeyKeepsItsScopesValidityAndSecret(t *testing.T) {
	env := testserver.Start(t)
	prot := credentialNamed(t, env, "mo-ssh-microservice-communication-key")
	cc := env.Client.ClientCredentials
	wantProtected := func(what string, err error) {
		t.Helper()
		if !client.IsConflict(err) || !strings.Contains(err.Error(), "protected") {
			t.Fatalf("%s: want 409 saying protected, got %v", what, err)
		}
	}
	_, err := cc.SetScopes(bg, prot.ID, client.ScopesInput{Scopes: prot.Scopes[1:]})
	wantProtected("strip a scope", err)
	_, err = cc.SetScopes(bg, prot.ID, client.ScopesInput{Scopes: []string{}})
	wantProtected("strip every scope", err)
	_, err = cc.Update(bg, prot.ID, client.ClientCredentialInput{Name: prot.Name, ValidFrom: "2020-01-01", ValidTill: "2021-01-01"})
	wantProtected("validity into the past", err)
	_, err = cc.Update(bg, prot.ID, client.ClientCredentialInput{Name: prot.Name, ValidFrom: "2098-01-01", ValidTill: "2099-01-01"})
	wantProtected("validity starting in the future", err)
	_, err = cc.RotateSecret(bg, prot.ID, 0)
	wantProtected("rotate", err)
	after, _ := cc.Get(bg, prot.ID)
	if after.Version != prot.Version || len(after.Scopes) != len(prot.Scopes) {
		t.Fatalf("refused writes changed the protected key: %+v", after)
	}
	if _, err := cc.Update(bg, prot.ID, client.ClientCredentialInput{Name: prot.Name, ValidFrom: "2020-01-01", ValidTill: "2099-01-01"}); err != nil {
		t.Fatalf("extending the protected key: %v", err)
	}
}
