// Command pamconsole is a terminal admin console for privileged-access
// management: OAuth client credentials and PAM Core credentials, locally
// or served over SSH, with a reference API server built in.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pamconsole:", err)
		os.Exit(1)
	}
}

// run is the whole program, testable: it parses args and runs a command.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	return root.ExecuteContext(ctx)
}
