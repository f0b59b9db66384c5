package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/config"
)

// readmeRecipe returns the shell lines of the README's non-demo recipe (the
// ```sh block that runs `config add`), continuation lines joined.
func readmeRecipe(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range strings.Split(string(raw), "```sh\n")[1:] {
		body, _, _ := strings.Cut(block, "```")
		if !strings.Contains(body, "pamconsole config add") {
			continue
		}
		body = strings.ReplaceAll(body, "\\\n", " ")
		var lines []string
		for _, l := range strings.Split(body, "\n") {
			if l, _, _ = strings.Cut(l, "#"); strings.TrimSpace(l) != "" {
				lines = append(lines, strings.Join(strings.Fields(l), " "))
			}
		}
		return lines
	}
	t.Fatal("README.md has no ```sh block with `pamconsole config add`")
	return nil
}

// TestREADMEConfigRecipe runs the README's recipe as written: start the
// server, export the printed secret, `config add … --client-secret-env
// PAMCONSOLE_CLIENT_SECRET`, then the default command's profile resolves and
// signs in. Only the placeholders (…, the default address) are filled in.
// Issue 17 §5: `config add` blanked every PAMCONSOLE_* variable, so the
// recipe answered that the variable is empty or unset.
func TestREADMEConfigRecipe(t *testing.T) {
	home := t.TempDir()
	env := isolatedEnv(t)
	env["HOME"], env["XDG_CONFIG_HOME"] = home, filepath.Join(home, ".config")
	var url, cid, secret string
	for _, line := range readmeRecipe(t) {
		switch {
		case line == "pamconsole server &":
			_, url, cid, secret = startServer(t, home, filepath.Join(home, "data", "pam.db"))
		case strings.HasPrefix(line, "export "):
			k, _, _ := strings.Cut(strings.TrimPrefix(line, "export "), "=")
			env[k] = secret // the only thing the recipe exports is the printed secret
		case strings.HasPrefix(line, "pamconsole config add "):
			line = strings.ReplaceAll(line, "http://127.0.0.1:8080", url)
			line = strings.ReplaceAll(line, "cc_…", cid)
			args := strings.Fields(strings.TrimPrefix(line, "pamconsole "))
			if out, _, err := runCmd(t, env, args...); err != nil {
				t.Fatalf("%s: %v\n%s", line, err, out)
			}
		case line == "pamconsole":
			f, err := config.Load(filepath.Join(home, ".config", "pamconsole", "config.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			r, err := config.Resolve(f, config.Overrides{}, os.Getenv)
			if err != nil {
				t.Fatalf("the default command would fail: %v", err)
			}
			c, err := client.New(r.URL, r.ClientID, r.ClientSecret)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if _, err := c.Identity(ctx); err != nil {
				t.Fatalf("the saved profile cannot sign in: %v", err)
			}
		default:
			t.Fatalf("README recipe line %q: the test does not know how to run it", line)
		}
	}
	if url == "" {
		t.Fatal("the recipe never started the server")
	}
}
