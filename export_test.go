package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// exportEnv is the environment of an export against env, signed in as
// its Default Client Credential through the same variables as the console.
func exportEnv(t *testing.T, env *testserver.Env) map[string]string {
	e := isolatedEnv(t)
	e["PAMCONSOLE_URL"], e["PAMCONSOLE_CLIENT_ID"], e["PAMCONSOLE_CLIENT_SECRET"] = env.URL, env.ClientID, env.Secret
	return e
}

// canary adds a credential whose password must never appear in an export.
func canary(t *testing.T, env *testserver.Env) string {
	t.Helper()
	const pw = "canary-Pa55w0rd-never-exported"
	user := "canary"
	if _, err := env.Client.Credentials.Upsert(context.Background(), client.CredentialUpsert{Identifier: "canary", Username: &user,
		Hostname: "canary-host", IP: "10.9.9.9", Content: pw}); err != nil {
		t.Fatal(err)
	}
	return pw
}

func TestExportEveryKindAndFormatWithoutSecrets(t *testing.T) {
	env := testserver.Start(t, testserver.WithDemo(7, 40, 5))
	pw := canary(t, env)
	created, err := env.Client.ClientCredentials.Create(context.Background(), client.ClientCredentialInput{Name: "=HYPERLINK(\"x\")", ValidFrom: "2020-01-01", ValidTill: "2099-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	wantRows := map[string]int{"client-credentials": 3, "credentials": 41, "devices": 6}
	for _, kind := range exportKinds {
		for _, format := range exportFormats {
			out, _, err := runCmd(t, exportEnv(t, env), "export", kind, "--format", format)
			if err != nil {
				t.Fatalf("%s %s: %v", kind, format, err)
			}
			for _, secret := range []string{env.Secret, pw, created.ClientSecret} {
				if strings.Contains(out, secret) {
					t.Fatalf("%s %s: a secret or password in the export", kind, format)
				}
			}
			if format != "json" {
				continue
			}
			var rows []map[string]string
			if err := json.Unmarshal([]byte(out), &rows); err != nil {
				t.Fatalf("%s json: %v\n%s", kind, err, out)
			}
			if n, ok := wantRows[kind]; ok && len(rows) != n {
				t.Errorf("%s: %d rows, want %d", kind, len(rows), n)
			}
			if kind == "audit" && (len(rows) == 0 || rows[0]["action"] == "") {
				t.Errorf("audit rows: %v", rows)
			}
		}
	}
	out, _, err := runCmd(t, exportEnv(t, env), "export", "client-credentials", "--search", "HYPERLINK")
	if err != nil || !strings.Contains(out, `"'=HYPERLINK(""x"")"`) || strings.Count(out, "\n") != 2 {
		t.Fatalf("--search, and a formula is not left for a spreadsheet to run: %v\n%s", err, out)
	}
}

func TestExportRefusesBadArguments(t *testing.T) {
	env := testserver.Start(t)
	for _, args := range [][]string{
		{"export", "passwords"},
		{"export", "devices", "--format", "xml"},
		{"export", "devices", "--search", "a\x1b[2Jb"},
		{"export", "devices", "--search", strings.Repeat("x", maxExportSearch+1)},
	} {
		out, _, err := runCmd(t, exportEnv(t, env), args...)
		if err == nil || out != "" {
			t.Errorf("%q: want an error and no output, got %v %q", args, err, out)
		}
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"web-01": "web-01", "a\x1b[31mb": "a\uFFFD[31mb", "=1+1": "'=1+1", "-5": "-5", "@sum": "'@sum", "+x": "'+x", "": "",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestProgressOnlyOnATerminalAfterASecond(t *testing.T) {
	at := time.Unix(0, 0)
	now := func() time.Time { return at }
	for _, tty := range []bool{false, true} {
		var buf bytes.Buffer
		p := newProgress(&buf, tty, now)
		p.tick(256)
		if buf.Len() != 0 {
			t.Fatalf("a progress line before a second: %q", buf.String())
		}
		at = at.Add(2 * time.Second)
		p.tick(512)
		p.done(600)
		if got := buf.String(); tty != strings.Contains(got, "exported 600 rows") || (tty && !strings.Contains(got, "exported 512 rows…")) {
			t.Fatalf("tty=%v: %q", tty, got)
		}
	}
}

// idCounter checks a CSV export as it is written: every id once, and the
// heap in use sampled every 1000 rows.
type idCounter struct {
	seen    []bool
	rows    int
	dup     int
	partial []byte
	peak    uint64
	header  bool
	secret  []byte // must never appear
	leaked  bool
}

func (c *idCounter) Write(p []byte) (int, error) {
	c.partial = append(c.partial, p...)
	for {
		i := bytes.IndexByte(c.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := c.partial[:i]
		c.partial = c.partial[i+1:]
		c.leaked = c.leaked || bytes.Contains(line, c.secret)
		if !c.header {
			c.header = true
			continue
		}
		id, err := strconv.Atoi(string(line[:bytes.IndexByte(line, ',')]))
		if err != nil || id <= 0 || id >= len(c.seen) {
			return 0, fmt.Errorf("bad row %q", line)
		}
		if c.seen[id] {
			c.dup++
		}
		c.seen[id] = true
		if c.rows++; c.rows%1000 == 0 {
			c.peak = max(c.peak, heapInUse())
		}
	}
}

func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestExport100kCredentialsEachRowOnceInFlatMemory exports 100,000
// credentials as CSV (10,000 under the race detector, ten times slower):
// every row appears once, and the heap in use while exporting stays under
// half of what holding the decoded list takes (the baseline, measured in
// the same run: client.Credentials.List).
func TestExport100kCredentialsEachRowOnceInFlatMemory(t *testing.T) {
	n := 100_000
	if raceDetector {
		n = 10_000
	}
	env := testserver.Start(t)
	if err := env.Store.SeedBulk(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	pw := canary(t, env)
	for k, v := range exportEnv(t, env) {
		t.Setenv(k, v)
	}
	runtime.GC()
	counter := &idCounter{seen: make([]bool, n+2), secret: []byte(pw)}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"export", "credentials", "--format", "csv"}, counter, &stderr); err != nil {
		t.Fatal(err)
	}
	missing := 0
	for id := 1; id <= n+1; id++ {
		if !counter.seen[id] {
			missing++
		}
	}
	if counter.rows != n+1 || counter.dup != 0 || missing != 0 || counter.leaked {
		t.Fatalf("%d rows, %d repeated, %d missing (want %d, each once); password leaked: %v", counter.rows, counter.dup, missing, n+1, counter.leaked)
	}
	runtime.GC()
	l, err := env.Client.Credentials.List(context.Background(), client.CredentialListOptions{})
	baseline := heapInUse()
	if err != nil || len(l.Credentials) != n+1 {
		t.Fatalf("baseline list: %v", err)
	}
	runtime.KeepAlive(l)
	t.Logf("%d rows: peak heap in use: export %.1f MB, holding the list %.1f MB", n, float64(counter.peak)/1e6, float64(baseline)/1e6)
	if counter.peak*2 > baseline {
		t.Fatalf("export peak heap %d B is not under half of holding the list (%d B)", counter.peak, baseline)
	}
}

// stalledSource sends nothing until the export gives up.
func stalledSource() rowSource {
	return rowSource{columns: []string{"id"}, each: func(ctx context.Context, emit func([]string) error) error {
		if err := emit([]string{"1"}); err != nil {
			return err
		}
		<-ctx.Done()
		return ctx.Err()
	}}
}

func TestExportGivesUpOnAStalledServer(t *testing.T) {
	var out bytes.Buffer
	w, err := newRowWriter("csv", &out, []string{"id"})
	if err != nil {
		t.Fatal(err)
	}
	n, err := exportRows(context.Background(), stalledSource(), w, newProgress(&out, false, time.Now), 10*time.Millisecond)
	if !errors.Is(err, errStalled) || n != 1 || out.String() != "id\n1\n" {
		t.Fatalf("stalled export: %d rows, %v, %q", n, err, out.String())
	}
}
