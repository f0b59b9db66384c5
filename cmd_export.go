package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/pamconsole/pamconsole/client"
)

// exportKinds are what `pamconsole export` writes, in help order.
var exportKinds = []string{"client-credentials", "credentials", "devices", "audit"}

// exportFormats are the output formats; csv is the default.
var exportFormats = []string{"csv", "json", "table"}

// maxExportSearch bounds --search (the server caps searches too).
const maxExportSearch = 200

func newExportCmd(g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	var format, search string
	cmd := &cobra.Command{
		Use:   "export client-credentials|credentials|devices|audit",
		Short: "Write every row of a list to stdout (csv, json or table) — never a secret or password",
		Long: `Export streams every row the API returns to stdout, page by page (or the credential
stream), so 100,000 rows never sit in memory at once. It uses the same profile, flags
and environment as the console. No client secret, password or key is ever written.
A progress line goes to stderr when the export takes more than a second and stderr
is a terminal.`,
		Args:      cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		ValidArgs: exportKinds,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), g, exportRequest{kind: args[0], format: format, search: search}, stdout, stderr)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "output format: csv, json or table")
	cmd.Flags().StringVar(&search, "search", "", "only rows matching this text (the API's search; devices: a substring of any column)")
	return cmd
}

// exportRequest is one export: what, how, which rows.
type exportRequest struct {
	kind, format, search string
}

func (r exportRequest) check() error {
	switch {
	case !slices.Contains(exportKinds, r.kind):
		return fmt.Errorf("export: %q: want one of %s", r.kind, strings.Join(exportKinds, ", "))
	case !slices.Contains(exportFormats, r.format):
		return fmt.Errorf("--format %q: want one of %s", r.format, strings.Join(exportFormats, ", "))
	case len(r.search) > maxExportSearch:
		return fmt.Errorf("--search: at most %d bytes", maxExportSearch)
	case strings.ContainsFunc(r.search, isControl):
		return errors.New("--search: must not contain control characters")
	}
	return nil
}

func runExport(ctx context.Context, g *globalFlags, req exportRequest, stdout, stderr io.Writer) error {
	if err := req.check(); err != nil {
		return err
	}
	r, err := resolveProfile(g, stderr)
	if err != nil {
		return err
	}
	c, err := client.New(r.URL, r.ClientID, r.ClientSecret, client.WithHTTPClient(exportHTTPClient()))
	if err != nil {
		return err
	}
	if err := checkConnection(ctx, c, r.URL, r.Name); err != nil {
		return err
	}
	src := exportSource(c, req)
	w, err := newRowWriter(req.format, stdout, src.columns)
	if err != nil {
		return err
	}
	p := newProgress(stderr, isTerminal(stderr), time.Now)
	n, err := exportRows(ctx, src, w, p, exportStall)
	p.done(n)
	if err != nil {
		return fmt.Errorf("export %s: after %d rows: %w", req.kind, n, err)
	}
	return nil
}

// exportStall is how long an export waits for the next row before it
// gives up: the export's HTTP client has no overall timeout (a 100,000-row
// stream may rightly take minutes), so a server that stops sending is
// caught here instead.
const exportStall = time.Minute

// exportHTTPClient has no overall timeout (see exportStall), only one for
// the server to start answering.
func exportHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = client.DefaultTimeout
	return &http.Client{Transport: tr}
}

// errStalled is the cause of an export cancelled by its stall watchdog.
var errStalled = errors.New("no rows from the server for a minute")

// exportRows copies every row of src to w, counting them for p; it stops
// with errStalled when no row comes for stall.
func exportRows(ctx context.Context, src rowSource, w rowWriter, p *progress, stall time.Duration) (int, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	watchdog := time.AfterFunc(stall, func() { cancel(errStalled) })
	defer watchdog.Stop()
	n := 0
	err := src.each(ctx, func(row []string) error {
		watchdog.Reset(stall)
		n++
		p.tick(n)
		return w.row(row)
	})
	if cause := context.Cause(ctx); errors.Is(cause, errStalled) {
		err = cause
	}
	if cerr := w.close(); err == nil {
		err = cerr
	}
	return n, err
}

// isTerminal reports whether w is a terminal (the progress line is only
// for people watching, never for a file or a pipe).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// progress prints "exported N rows…" on stderr once an export has run for
// a second, at most every 250 ms, and clears it at the end.
type progress struct {
	w       io.Writer
	on      bool
	now     func() time.Time
	start   time.Time
	last    time.Time
	printed bool
}

func newProgress(w io.Writer, tty bool, now func() time.Time) *progress {
	t := now()
	return &progress{w: w, on: tty, now: now, start: t, last: t}
}

func (p *progress) tick(n int) {
	if !p.on || n%256 != 0 {
		return
	}
	t := p.now()
	if t.Sub(p.start) < time.Second || t.Sub(p.last) < 250*time.Millisecond {
		return
	}
	p.last, p.printed = t, true
	fmt.Fprintf(p.w, "\rexported %d rows…\x1b[K", n)
}

func (p *progress) done(n int) {
	if p.printed {
		fmt.Fprintf(p.w, "\rexported %d rows in %s\x1b[K\n", n, p.now().Sub(p.start).Round(100*time.Millisecond))
	}
}
