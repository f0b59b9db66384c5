package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/ui"
)

// Issue 15: the config-permission warning reaches the console, not only the
// terminal after quitting.
func TestConfigPermissionWarningReachesTheConsole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	body := "profiles:\n  - name: local\n    url: http://127.0.0.1:8080\n    client_id: cc_local\n    client_secret: s3cret-value\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := resolveProfile(&globalFlags{configPath: path}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) == 0 || !strings.Contains(r.Warnings[0], "readable by others") {
		t.Fatalf("warnings: %q", r.Warnings)
	}
	app := ui.NewApp(ui.NewCommon(t.Context(), nil, nil), consoleTabs())
	app.Warn(r.Warnings...)
	app.Update(tea.WindowSizeMsg{Width: 200, Height: 24})
	if v := ansi.Strip(app.View()); !strings.Contains(v, "readable by others") {
		t.Fatalf("console does not show the warning:\n%s", v)
	}
}
