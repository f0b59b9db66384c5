package main

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/audit"
	"github.com/pamconsole/pamconsole/ui/clientcreds"
	"github.com/pamconsole/pamconsole/ui/credentials"
	"github.com/pamconsole/pamconsole/ui/devices"
	"github.com/pamconsole/pamconsole/ui/info"
)

// readmeKeyTables returns, per `<!-- keys:NAME -->` marker, the keys in
// backticks in the first column of the table that follows.
func readmeKeyTables(t *testing.T) map[string][]string {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][]string{}
	marker := regexp.MustCompile(`^<!-- keys:(\w+) -->$`)
	tick := regexp.MustCompile("`([^`]+)`")
	current := ""
	for _, line := range strings.Split(string(raw), "\n") {
		if m := marker.FindStringSubmatch(line); m != nil {
			current = m[1]
			continue
		}
		if current == "" {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			if len(tables[current]) > 0 {
				current = ""
			}
			continue
		}
		cells := strings.Split(line, "|")
		for _, m := range tick.FindAllStringSubmatch(cells[1], -1) {
			tables[current] = append(tables[current], m[1])
		}
	}
	return tables
}

// boundKeys lists every key a key map binds (enabled or not: a key that is
// disabled in the first state is still part of the screen's contract).
func boundKeys(km interface{ FullHelp() [][]key.Binding }) map[string]bool {
	keys := map[string]bool{}
	for _, col := range km.FullHelp() {
		for _, b := range col {
			for _, k := range b.Keys() {
				keys[k] = true
			}
		}
	}
	return keys
}

// Issue 9: the README's key tables match the key maps.
func TestREADMEKeysExist(t *testing.T) {
	c, err := client.New("http://127.0.0.1:1", "cc_readme", "unused")
	if err != nil {
		t.Fatal(err)
	}
	common := ui.NewCommon(context.Background(), c, lipgloss.NewRenderer(os.Stdout))
	screens := map[string]ui.Screen{
		"clientcreds": clientcreds.New(common),
		"credentials": credentials.New(common),
		"devices":     devices.New(common),
		"audit":       audit.New(common),
		"info":        info.New(common),
	}
	tables := readmeKeyTables(t)
	for _, name := range []string{"global", "clientcreds", "credentials", "devices", "audit", "info"} {
		if len(tables[name]) == 0 {
			t.Errorf("README has no key table %q", name)
		}
	}
	global := map[string]bool{}
	for _, k := range ui.GlobalKeyNames(len(consoleTabs())) {
		global[k] = true
	}
	for _, k := range tables["global"] {
		if !global[k] {
			t.Errorf("README global key %q is not a global key of ui.App", k)
		}
	}
	for name, s := range screens {
		bound := boundKeys(s.KeyMap())
		for _, k := range tables[name] {
			if k == "space" {
				k = " " // Bubble Tea names the space key " "
			}
			if !bound[k] {
				t.Errorf("README lists %q for %s, but its key map does not bind it (bound: %v)", k, name, keysOf(bound))
			}
		}
	}
}

func keysOf(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
