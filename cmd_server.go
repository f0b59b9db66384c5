package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

// bootstrapFileName holds the Default Client Credential's id and secret,
// 0600, beside the database, so a restart does not lose them.
const bootstrapFileName = "bootstrap-credential.txt"

func newServerCmd(stdout, stderr io.Writer) *cobra.Command {
	var addr, db string
	cmd := &cobra.Command{
		Use:   "server",
		Short: "Run the reference PAM API server on SQLite",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if db == "" {
				db = filepath.Join(dataDir(), "pam.db")
			}
			return runServer(cmd.Context(), addr, db, stdout, stderr)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().StringVar(&db, "db", "", "SQLite database path (default $XDG_DATA_HOME/pamconsole/pam.db)")
	return cmd
}

func runServer(ctx context.Context, addr, db string, stdout, stderr io.Writer) error {
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := store.Open(ctx, db, store.Options{Markers: []string{filepath.Join(filepath.Dir(db), bootstrapFileName)}})
	if err != nil {
		return err
	}
	defer st.Close()
	for _, w := range st.Warnings() {
		logger.Warn(w)
	}
	if err := announceBootstrap(ctx, st, db, stdout); err != nil {
		return err
	}
	srv, err := server.New(st, server.Options{Logger: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	fmt.Fprintf(stdout, "pamconsole server listening on http://%s (database %s)\n", ln.Addr(), db)
	return srv.Serve(ctx, ln)
}

// announceBootstrap seeds an empty store and prints the Default Client
// Credential once; later starts print only where the file is.
func announceBootstrap(ctx context.Context, st *store.Store, db string, stdout io.Writer) error {
	created, cid, secret, err := st.Bootstrap(ctx)
	if err != nil {
		return err
	}
	path := filepath.Join(filepath.Dir(db), bootstrapFileName)
	if !created {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintln(stdout, "Default Client Credential: created earlier; its secret is not stored in clear (rotate it to get a new one)")
			return nil
		}
		fmt.Fprintf(stdout, "Default Client Credential: see %s\n", path)
		return nil
	}
	body := fmt.Sprintf("client_id: %s\nclient_secret: %s\n", cid, secret)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(stdout, "Default Client Credential (shown once; also written to %s, mode 0600):\n%s", path, body)
	return nil
}
