package clientcreds

import (
	"github.com/pamconsole/pamconsole/ui/uitest"
	"testing"
)

// golden drives the screen over fixtures in the real console at 80×24:
// each group of keys is typed as a person would (a reply before the next
// key), then the frame is compared with testdata/<test>.golden.
func golden(t *testing.T, final string, keys ...string) {
	t.Helper()
	c := uitest.NewCommon(nil)
	h := newHarness(t, c, newModel(c, newFake(fixtures())))
	h.Press(keys...)
	h.MustShow(final)
	h.Golden()
}

func TestGoldenTable(t *testing.T) {
	golden(t, "2 marked", "down", "space", "down", "down", "space", "up")
}

func TestGoldenWizardStep1(t *testing.T) {
	golden(t, "must not be before", "n", "CI deployer 2", "tab", "tab", "ctrl+u", "2026-01-01", "ctrl+n")
}

func TestGoldenWizardStep2(t *testing.T) {
	golden(t, "9 of 32 scopes selected", "n", "CI deployer 2", "ctrl+n", "down", "down", "a", "enter", "down", "space")
}

func TestGoldenEditScopesSearch(t *testing.T) {
	golden(t, "+0 −1", "down", "down", "s", "/", "view", "enter", "down", "space")
}

var bulkKeys = []string{"down", "space", "down", "space", "/", "grafana", "enter", "ctrl+a", "D"}

func TestGoldenBulkDeleteConfirm(t *testing.T) {
	golden(t, "Delete 3 marked", bulkKeys...)
}

func TestGoldenBulkDeleteReport(t *testing.T) {
	golden(t, "Bulk delete:", append(bulkKeys, "y")...)
}
