package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server"
	"github.com/pamconsole/pamconsole/server/store"
)

type demoFlags struct {
	addr        string
	db          string
	headless    bool
	seed        uint64
	credentials int
	devices     int
	progress    io.Writer // where a long seed reports its progress (stderr); nil = nowhere
}

func newDemoCmd(g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	f := &demoFlags{}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Start a built-in server with demo data on a free loopback port and open the console",
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), g, f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", "127.0.0.1:0", "listen address of the demo server")
	fl.StringVar(&f.db, "db", "", "write the demo database to this new file and keep it after exit (an existing one is refused; default: a temporary directory removed on exit)")
	fl.BoolVar(&f.headless, "headless", false, "serve the demo API without opening the console (prints the URL and client id; the secret goes to a 0600 file)")
	fl.Uint64Var(&f.seed, "seed", 42, "random seed of the demo data")
	fl.IntVar(&f.credentials, "credentials", 200, "number of demo PAM Core credentials")
	fl.IntVar(&f.devices, "devices", 40, "number of demo devices")
	return cmd
}

// demoEnv is a running in-process demo server and a client signed in to it.
type demoEnv struct {
	url, clientID, secret string
	dir                   string
	client                *client.Client
}

// startDemo opens a store, seeds it, serves it on f.addr until ctx ends.
func startDemo(ctx context.Context, f *demoFlags, logOut io.Writer) (*demoEnv, func(), error) {
	dir, cleanupDir := filepath.Dir(f.db), func() {}
	if f.db == "" {
		tmp, err := os.MkdirTemp("", "pamconsole-demo-")
		if err != nil {
			return nil, nil, err
		}
		dir, f.db, cleanupDir = tmp, filepath.Join(tmp, "pam.db"), func() { os.RemoveAll(tmp) }
	}
	st, err := store.Open(ctx, f.db, store.Options{})
	if err != nil {
		cleanupDir()
		return nil, nil, err
	}
	cleanup := func() { st.Close(); cleanupDir() }
	fail := func(err error) (*demoEnv, func(), error) { cleanup(); return nil, nil, err }
	_, cid, secret, err := st.Bootstrap(ctx)
	if err != nil {
		return fail(err)
	}
	if secret == "" {
		return fail(fmt.Errorf("demo database %s was bootstrapped before; use a fresh --db", f.db))
	}
	rnd := rand.New(rand.NewPCG(f.seed, f.seed^0x9e3779b97f4a7c15))
	report, stopReport := seedProgress(f.progress, f.credentials, time.Second)
	err = st.SeedDemoProgress(ctx, rnd, f.credentials, f.devices, report)
	stopReport()
	if err != nil {
		return fail(err)
	}
	srv, err := server.New(st, server.Options{Logger: slog.New(slog.NewTextHandler(logOut, nil))})
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fail(fmt.Errorf("listen on %s: %w", f.addr, err))
	}
	serveCtx, stopServe := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(serveCtx, ln); close(done) }()
	cleanup = func() { stopServe(); <-done; st.Close(); cleanupDir() }
	url := "http://" + ln.Addr().String()
	c, err := client.New(url, cid, secret, client.WithServerTimeZone(time.UTC)) // our server writes UTC
	if err != nil {
		return fail(err)
	}
	if err := seedDemoClientCredentials(ctx, c, time.Now()); err != nil {
		return fail(fmt.Errorf("seed demo client credentials: %w", err))
	}
	return &demoEnv{url: url, clientID: cid, secret: secret, dir: dir, client: c}, cleanup, nil
}

// seedProgress reports a seed of n credentials on w: one line rewritten in
// place at each report and every tick meanwhile (the search index of 1M
// credentials takes a while without a report), ended by a newline when the
// seed is done or stop is called. Small seeds (under a second) say nothing.
func seedProgress(w io.Writer, n int, tick time.Duration) (report func(store.SeedProgress), stop func()) {
	if w == nil || n < 50_000 {
		return nil, func() {}
	}
	l := &seedLine{w: w, start: time.Now(), last: store.SeedProgress{Total: n}}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				l.redraw()
			}
		}
	}()
	var once sync.Once
	return l.report, func() { once.Do(func() { close(done); l.end() }) }
}

// seedLine is the progress line of a seed.
type seedLine struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
	last  store.SeedProgress
	width int  // of the line on screen
	ended bool // the line has its newline
}

func (l *seedLine) report(p store.SeedProgress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.ended {
		l.last = p
		l.draw()
	}
}

func (l *seedLine) redraw() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.ended {
		l.draw()
	}
}

// end ends the line (a failed seed's error starts on its own line).
func (l *seedLine) end() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.width > 0 && !l.ended {
		fmt.Fprintln(l.w)
	}
	l.ended = true
}

func (l *seedLine) draw() { // with mu held
	p, secs := l.last, time.Since(l.start).Seconds()
	var line string
	switch p.Phase {
	case store.SeedDone:
		line = fmt.Sprintf("seeded demo data: %d credentials in %.0f s", p.Total, secs)
	case store.SeedRows, "":
		line = fmt.Sprintf("seeding demo data: %d / %d credentials (%.0f s)", p.Done, p.Total, secs)
	default:
		line = fmt.Sprintf("seeding demo data: %d / %d credentials, %s (%.0f s)", p.Done, p.Total, p.Phase, secs)
	}
	pad := strings.Repeat(" ", max(0, l.width-len(line))) // a shorter line covers all of the longer one
	l.width = len(line)
	fmt.Fprintf(l.w, "\r%s%s", line, pad)
	if p.Phase == store.SeedDone {
		fmt.Fprintln(l.w)
		l.ended = true
	}
}

func runDemo(ctx context.Context, g *globalFlags, f *demoFlags, stdout, stderr io.Writer) error {
	// The server's log would draw over the console: it goes to a file that
	// lives as long as the demo.
	logFile, err := os.CreateTemp("", "pamconsole-demo-*.log")
	if err != nil {
		return err
	}
	defer os.Remove(logFile.Name())
	defer logFile.Close()
	f.progress = stderr
	env, cleanup, err := startDemo(ctx, f, logFile)
	if err != nil {
		return err
	}
	defer cleanup()
	if f.headless {
		return serveHeadless(ctx, env, stdout)
	}
	return runConsole(ctx, consoleParams{
		client: env.client, profile: "demo", url: env.url, presentation: g.presentation, mouse: !g.noMouse,
	}, stdout)
}

// serveHeadless prints how to reach the demo server and waits for ctx.
func serveHeadless(ctx context.Context, env *demoEnv, stdout io.Writer) error {
	path := filepath.Join(env.dir, bootstrapFileName)
	body := fmt.Sprintf("client_id: %s\nclient_secret: %s\n", env.clientID, env.secret)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo server: %s\nclient_id: %s\nsecret in: %s\n", env.url, env.clientID, path)
	<-ctx.Done()
	return nil
}

// demoClientCredential is one seeded client credential, relative to now.
type demoClientCredential struct {
	name       string
	fromDays   int // valid_from = now + fromDays
	tillDays   int // valid_till = now + tillDays
	scopeGroup []string
}

var demoClientCredentials = []demoClientCredential{
	{"CI deployer", -120, 245, []string{"pam.credential.view", "pam.credential.add", "pam.credential.edit"}},
	{"Backup agent", -360, 3, []string{"pam.credential.view", "pam.credential.reveal"}},
	{"Grafana exporter", -200, 6, []string{"pam.credential.view", "pam.device.view"}},
	{"Legacy LDAP sync", -700, -62, []string{"users.user.view", "users.user.edit"}},
	{"Terraform runner", -30, 335, []string{"assets.view", "assets.add", "assets.edit", "pam.device.view", "pam.device.add"}},
	{"Ansible automation", -90, 275, []string{"pam.credential.view", "pam.credential.add", "pam.device.view", "pam.device.add"}},
	{"SIEM forwarder", 7, 372, []string{"settings.client_credentials.view"}},
	{"Helpdesk reader", -15, 350, []string{"users.user.view", "miscellaneous.ticket.view_ticket"}},
	{"Vault migration", -400, -30, []string{"pam.credential.view", "pam.credential.reveal"}},
	{"k8s operator", -10, 20, []string{"pam.credential.view", "pam.credential.reveal", "pam.credential.release_custody"}},
}

// seedDemoClientCredentials adds the demo client credentials through the
// API, as an admin would: some expired, some expiring within 7 days.
func seedDemoClientCredentials(ctx context.Context, c *client.Client, now time.Time) error {
	day := func(d int) string { return now.AddDate(0, 0, d).UTC().Format("2006-01-02") }
	for _, d := range demoClientCredentials {
		_, err := c.ClientCredentials.Create(ctx, client.ClientCredentialInput{
			Name: d.name, ValidFrom: day(d.fromDays), ValidTill: day(d.tillDays), Scopes: d.scopeGroup,
		})
		if err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
	}
	return nil
}
