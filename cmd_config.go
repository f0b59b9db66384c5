package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/config"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

func newConfigCmd(g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Manage connection profiles"}
	cmd.AddCommand(newConfigAddCmd(g, stdout), newConfigListCmd(g, stdout))
	return cmd
}

func configPath(g *globalFlags) (string, error) {
	if g.configPath != "" {
		return g.configPath, nil
	}
	return config.DefaultPath()
}

func newConfigAddCmd(g *globalFlags, stdout io.Writer) *cobra.Command {
	var p config.Profile
	var noCheck bool
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Add (or replace) a profile and check it by fetching a token",
		Example: "  pamconsole config add --name local --url http://127.0.0.1:8080 --client-id cc_... --client-secret-env PAM_SECRET\n" +
			"  pamconsole config add --name prod --url https://pam.example --client-id ... --client-secret-cmd 'pass show pam/prod'",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runConfigAdd(cmd.Context(), g, p, noCheck, stdout)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&p.Name, "name", "", "profile name (required)")
	fl.StringVar(&p.URL, "url", "", "server base URL, e.g. http://127.0.0.1:8080 (required)")
	fl.StringVar(&p.ClientID, "client-id", "", "OAuth client id (required)")
	fl.StringVar(&p.ClientSecret, "client-secret", "", "client secret stored in the file (prefer --client-secret-env or --client-secret-cmd)")
	fl.StringVar(&p.ClientSecretEnv, "client-secret-env", "", "environment variable holding the client secret")
	fl.StringVar(&p.ClientSecretCmd, "client-secret-cmd", "", "command printing the client secret")
	fl.BoolVar(&noCheck, "no-check", false, "save without fetching a token")
	return cmd
}

func runConfigAdd(ctx context.Context, g *globalFlags, p config.Profile, noCheck bool, stdout io.Writer) error {
	path, err := configPath(g)
	if err != nil {
		return err
	}
	f, err := config.Load(path)
	if err != nil && !errors.Is(err, config.ErrNoConfig) {
		return err
	}
	if f == nil {
		f = &config.File{}
	}
	if err := f.Add(p); err != nil {
		return err
	}
	if !noCheck {
		r, err := config.Resolve(f, config.Overrides{Profile: p.Name}, profileEnvOnly(p))
		if err != nil {
			return err
		}
		c, err := client.New(r.URL, r.ClientID, r.ClientSecret)
		if err != nil {
			return err
		}
		if err := checkConnection(ctx, c, r.URL, r.Name); err != nil {
			return fmt.Errorf("%w (not saved; use --no-check to save anyway)", err)
		}
	}
	if f.Current == "" {
		f.Current = p.Name
	}
	if err := f.Save(path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "profile %q saved to %s\n", p.Name, path)
	return nil
}

// profileEnvOnly lets a profile read its client_secret_env variable while
// ignoring the other PAMCONSOLE_* overrides: `config add` checks the profile
// as written, not the environment of the shell that adds it. The variable the
// profile names is read even when it is a PAMCONSOLE_* one (the README's
// recipe uses PAMCONSOLE_CLIENT_SECRET).
func profileEnvOnly(p config.Profile) func(string) string {
	return func(k string) string {
		if strings.HasPrefix(k, "PAMCONSOLE_") && k != p.ClientSecretEnv {
			return ""
		}
		return os.Getenv(k)
	}
}

func newConfigListCmd(g *globalFlags, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List profiles (secrets are never printed)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := configPath(g)
			if err != nil {
				return err
			}
			f, err := config.Load(path)
			if errors.Is(err, config.ErrNoConfig) {
				fmt.Fprintf(stdout, "no profiles yet (%s)\n", path)
				return nil
			}
			if err != nil {
				return err
			}
			for _, p := range f.Profiles {
				mark := " "
				if p.Name == f.Current {
					mark = "*"
				}
				fmt.Fprintf(stdout, "%s %-16s %s  %s\n", mark, termsafe.String(p.Name), termsafe.String(p.URL), termsafe.String(p.ClientID))
			}
			return nil
		},
	}
}
