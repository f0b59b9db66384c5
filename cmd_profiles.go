package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/config"
	"github.com/pamconsole/pamconsole/ui"
)

// localProfiles lets a local console switch profile (P): the profiles are
// read from the config file when P is pressed, and the chosen one is
// resolved and signed in to from that file alone — the --url, --client-id
// and PAMCONSOLE_* overrides belong to the profile the console started with.
func localProfiles(g *globalFlags) *ui.Profiles {
	load := func() (*config.File, error) {
		path, err := configPath(g)
		if err != nil {
			return nil, err
		}
		return config.Load(path)
	}
	return &ui.Profiles{
		Names: func() ([]string, error) {
			f, err := load()
			if err != nil {
				return nil, err
			}
			names := make([]string, len(f.Profiles))
			for i, p := range f.Profiles {
				names[i] = p.Name
			}
			return names, nil
		},
		Connect: func(ctx context.Context, name string) (ui.Connection, error) {
			f, err := load()
			if err != nil {
				return ui.Connection{}, err
			}
			r, err := config.Resolve(f, config.Overrides{Profile: name}, profileEnv)
			if err != nil {
				return ui.Connection{}, err
			}
			c, err := client.New(r.URL, r.ClientID, r.ClientSecret, client.WithServerTimeZone(r.ServerTimeZone))
			if err != nil {
				return ui.Connection{}, fmt.Errorf("profile %q: %w", name, err)
			}
			id, err := c.Identity(ctx)
			if err != nil {
				return ui.Connection{}, explainConnectError(err, r.URL, r.Name)
			}
			return ui.Connection{Client: c, Profile: r.Name, URL: r.URL, Identity: id, UnusedDays: r.UnusedDays}, nil
		},
	}
}

// profileEnv is the environment without the PAMCONSOLE_* connection
// overrides (a profile chosen with P is taken from the file).
func profileEnv(k string) string {
	if strings.HasPrefix(k, "PAMCONSOLE_") {
		return ""
	}
	return os.Getenv(k)
}
