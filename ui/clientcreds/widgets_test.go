package clientcreds

import (
	"testing"

	"github.com/pamconsole/pamconsole/ui"
)

// confirmText is the question of the confirmation dialog on top.
func confirmText(t *testing.T, s ui.Screen) string {
	t.Helper()
	c, ok := s.(interface{ Question() string })
	if !ok {
		t.Fatalf("top = %T, want a confirmation", s)
	}
	return c.Question()
}

// dialogSecret is the secret the show-once dialog on top holds.
func dialogSecret(t *testing.T, s ui.Screen) string {
	t.Helper()
	d, ok := s.(*secretDialog)
	if !ok {
		t.Fatalf("top = %T, want the secret dialog", s)
	}
	return d.secret
}

// closeDialog dismisses the show-once secret dialog.
func closeDialog(h *harness) { h.keys("esc") }
