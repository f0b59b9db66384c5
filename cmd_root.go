package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// globalFlags are shared by the commands that talk to an API.
type globalFlags struct {
	configPath   string
	profile      string
	url          string
	clientID     string
	presentation bool
	noMouse      bool
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:           "pamconsole",
		Short:         "Terminal admin console for PAM client credentials and PAM Core credentials",
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), g, stdout, stderr)
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&g.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/pamconsole/config.yaml)")
	pf.StringVar(&g.profile, "profile", "", "profile to use (env PAMCONSOLE_PROFILE)")
	pf.StringVar(&g.url, "url", "", "API base URL, overrides the profile (env PAMCONSOLE_URL)")
	pf.StringVar(&g.clientID, "client-id", "", "client id, overrides the profile (env PAMCONSOLE_CLIENT_ID)")
	pf.BoolVar(&g.presentation, "presentation", os.Getenv("PAMCONSOLE_PRESENTATION") == "1",
		"presentation mode: mask every secret and client id tail, never reveal (env PAMCONSOLE_PRESENTATION=1)")
	pf.BoolVar(&g.noMouse, "no-mouse", os.Getenv("PAMCONSOLE_NO_MOUSE") == "1",
		"leave the mouse to the terminal (text selection) instead of clicks and the wheel (env PAMCONSOLE_NO_MOUSE=1; profile: mouse: false)")
	root.AddCommand(
		&cobra.Command{Use: "tui", Short: "Open the console against the configured profile (the default command)",
			RunE: func(cmd *cobra.Command, _ []string) error { return runTUI(cmd.Context(), g, stdout, stderr) }},
		newServerCmd(stdout, stderr),
		newDemoCmd(g, stdout, stderr),
		newSSHCmd(g, stdout, stderr),
		newConfigCmd(g, stdout, stderr),
		newExportCmd(g, stdout, stderr),
	)
	return root
}

// dataDir is where the server keeps its database and the SSH host key:
// $XDG_DATA_HOME/pamconsole, else ~/.local/share/pamconsole.
func dataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "pamconsole")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "pamconsole")
	}
	return filepath.Join(home, ".local", "share", "pamconsole")
}
