package main

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// twoServers are the profiles "prod" and "staging", each its own server
// with a credential only it has.
func twoServers(t *testing.T) (prod, staging *testserver.Env, profiles *ui.Profiles) {
	prod, staging = testserver.Start(t), testserver.Start(t)
	for env, name := range map[*testserver.Env]string{prod: "only-on-prod", staging: "only-on-staging"} {
		if _, err := env.Client.ClientCredentials.Create(context.Background(), client.ClientCredentialInput{Name: name, ValidFrom: "2020-01-01", ValidTill: "2099-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	profiles = &ui.Profiles{
		Names: func() ([]string, error) { return []string{"prod", "staging", "broken"}, nil },
		Connect: func(ctx context.Context, name string) (ui.Connection, error) {
			env := map[string]*testserver.Env{"prod": prod, "staging": staging}[name]
			if env == nil {
				return ui.Connection{}, errors.New("profile \"broken\": cannot reach http://127.0.0.1:1")
			}
			id, err := env.Client.Identity(ctx)
			return ui.Connection{Client: env.Client, Profile: name, URL: env.URL, Identity: id, UnusedDays: 30}, err
		},
	}
	return prod, staging, profiles
}

func TestProfileSwitchReplacesTheWholeConsole(t *testing.T) {
	prod, staging, profiles := twoServers(t)
	k := uitest.NewTabs(t, consoleTabs(), uitest.WithClient(prod.Client), uitest.WithSize(120, 30),
		uitest.WithCommon(func(c *ui.Common) { c.Profiles, c.Profile, c.URL = profiles, "prod", prod.URL }))
	k.Press("3", "1") // visit another tab first: it must be rebuilt too
	if v := k.View(); !strings.Contains(v, "only-on-prod") {
		t.Fatalf("prod not shown:\n%s", v)
	}
	k.Press("P")
	if !strings.Contains(k.View(), "staging") {
		t.Fatalf("P lists the profiles:\n%s", k.View())
	}
	k.Press("j", "j", "enter") // broken: refused, the picker stays
	if v := k.View(); !strings.Contains(v, "Profile not switched") || !strings.Contains(v, "only-on-prod") && !strings.Contains(v, "broken") {
		t.Fatalf("a failed switch says why and changes nothing:\n%s", v)
	}
	k.Press("k", "enter")
	v := k.View()
	if strings.Contains(v, "only-on-prod") || !strings.Contains(v, "only-on-staging") || !strings.Contains(v, staging.URL) {
		t.Fatalf("after the switch only staging shows:\n%s", v)
	}
	if !strings.Contains(v, "unused 30d+") {
		t.Fatalf("the profile's unused_days came with it:\n%s", v)
	}
	k.Press("3")
	if v := k.View(); strings.Contains(v, prod.URL) {
		t.Fatalf("the devices tab still shows prod:\n%s", v)
	}
}

func TestProfileSwitchIsNotOfferedWithoutProfiles(t *testing.T) {
	prod, _, _ := twoServers(t)
	k := uitest.NewTabs(t, consoleTabs(), uitest.WithClient(prod.Client), uitest.WithSize(120, 30))
	k.Press("P")
	if v := k.View(); strings.Contains(v, "Profiles") || strings.Contains(v, "switch profile") {
		t.Fatalf("P over SSH (no Profiles) did something:\n%s", v)
	}
}
