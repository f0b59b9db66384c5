package clientcreds

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// Issue 13 §2: the console's own credential (the one it is signed in with)
// is never revealed or copied, for anyone, and R on it is refused with the
// reason instead of locking the console out.
func TestSignedInCredentialIsNeverRevealedCopiedOrRotated(t *testing.T) {
	c := uitest.NewCommon(nil)
	var clip bytes.Buffer
	c.Clipboard = &clip
	c.Identity = client.Identity{ClientID: "cc_default0000000000", Name: "Default Client Credential"}
	h, m, f := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Default Client Credential")
	for _, k := range []string{"r", "C", "R"} {
		h.keys(k)
		if h.top() != ui.Screen(m) || !strings.Contains(h.lastToast().Text, "signed in with") {
			t.Fatalf("%s on the signed-in credential: screen %T, toast %+v", k, h.top(), h.lastToast())
		}
	}
	if !strings.Contains(h.lastToast().Text, "lock the console out") {
		t.Fatalf("R does not say why: %+v", h.lastToast())
	}
	h.keys("enter") // the detail pane refuses the same way
	if _, ok := h.top().(*detailScreen); !ok {
		t.Fatalf("enter did not open the detail: %T", h.top())
	}
	h.keys("r", "C")
	if !strings.Contains(h.lastToast().Text, "never revealed or copied") {
		t.Fatalf("detail r/C: %+v", h.lastToast())
	}
	if n := f.callCount("reveal") + f.callCount("rotate"); n != 0 || clip.Len() != 0 {
		t.Fatalf("requests sent for the signed-in credential: %v, clipboard %q", f.calls, clip.String())
	}
	h.keys("esc")
	cursorTo(t, m, "Grafana reader") // any other credential still reveals
	h.keys("r")
	if f.callCount("reveal") != 1 {
		t.Fatalf("reveal of another credential: %v (%+v)", f.calls, h.lastToast())
	}
}

// A viewer (read-only SSH session) reveals and copies no secret: the keys
// are off in the footer and in ? help, and pressing them sends nothing.
func TestViewerCannotRevealOrCopyAnySecret(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.ReadOnly = true
	var clip bytes.Buffer
	c.Clipboard = &clip
	h, m, f := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Grafana reader")
	for _, g := range m.keys.FullHelp() {
		for _, b := range g {
			if b.Enabled() && (b.Help().Desc == "reveal secret" || b.Help().Desc == "copy secret") {
				t.Fatalf("%q is in a viewer's help", b.Help().Desc)
			}
		}
	}
	h.keys("r", "C", "enter")
	d, ok := h.top().(*detailScreen)
	if !ok {
		t.Fatalf("enter did not open the detail: %T", h.top())
	}
	if d.keys.Reveal.Enabled() || d.keys.CopySecret.Enabled() || !d.keys.CopyID.Enabled() {
		t.Fatal("detail keys: a viewer must copy the client id only")
	}
	h.keys("r", "C")
	h.runCmd(d.secrets.reveal(d.cc)) // even a key that slipped through is refused
	if f.callCount("reveal") != 0 || clip.Len() != 0 || !strings.Contains(h.lastToast().Text, "viewers cannot reveal") {
		t.Fatalf("viewer: calls %v clipboard %q toast %+v", f.calls, clip.String(), h.lastToast())
	}
}

// The protected key's secret is never rotated (the server refuses it
// too): R says why, before any request.
func TestRotateProtectedIsRefusedLocally(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "mo-ssh-microservice-communication-key")
	h.keys("R", "y")
	if f.callCount("rotate") != 0 || !strings.Contains(h.lastToast().Text, "protected") || !strings.Contains(h.lastToast().Text, "cannot be rotated") {
		t.Fatalf("R on the protected key: calls %v toast %+v", f.calls, h.lastToast())
	}
}

// The console mirrors §2b: a save that would grant a scope the signed-in
// credential lacks, or change one holding such a scope, is refused on the
// page with the scope named, before any request.
func TestScopeSaveBeyondTheConsolesOwnScopesIsRefusedLocally(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.Identity = client.Identity{ClientID: "cc_editor", Name: "editor", Scopes: []string{
		"settings.client_credentials.view", "settings.client_credentials.edit_scopes", "apps.view", "users.user.view"}}
	h, m, f := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Grafana reader")
	h.keys("s", "/")
	h.typeText("reveal_secret")
	h.keys("enter", "a", "ctrl+s")
	if f.callCount("scopes") != 0 || !h.Shows("missing scope settings.client_credentials.reveal_secret") {
		t.Fatalf("granting an unheld scope: calls %v\n%s", f.calls, h.View())
	}
	h.keys("x", "esc", "/")
	h.typeText("apps.view")
	h.keys("enter", "a", "ctrl+s")
	if f.callCount("scopes") != 1 {
		t.Fatalf("granting a held scope was not sent: %v\n%s", f.calls, h.View())
	}
}
