package clientcreds

import (
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// signedInCommon is a session signed in with the fixtures' Default Client
// Credential.
func signedInCommon() *ui.Common {
	c := uitest.NewCommon(nil)
	c.Identity = client.Identity{ClientID: "cc_default0000000000", Name: "Default Client Credential",
		Scopes: []string{"users.user.view", "settings.client_credentials.view", "settings.client_credentials.edit_scopes"}}
	return c
}

// Self-lockout: removing scopes from the credential the console signs in
// with is refused on the page before any request, saying why; adding one
// it holds still saves.
func TestRemovingScopesOfTheSignedInCredentialIsRefusedLocally(t *testing.T) {
	c := signedInCommon()
	h, m, f := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Default Client Credential")
	h.keys("s", "/")
	h.typeText("view")
	h.keys("enter", "x", "ctrl+s")
	if f.callCount("scopes") != 0 || !h.Shows("would lock this console out") ||
		!strings.Contains(h.lastToast().Text, "change it from another credential") {
		t.Fatalf("removing the console's own scopes: calls %v\n%s", f.calls, h.View())
	}
	if _, ok := h.top().(*scopesScreen); !ok {
		t.Fatalf("the page did not stay: %T", h.top())
	}

	// The tester's burst, typed ahead in one read from the list.
	c = signedInCommon()
	h, m, f = loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Grafana reader")
	h.Burst("g", "s", "/", "v", "i", "e", "w", "enter", "x", "ctrl+s")
	if f.callCount("scopes") != 0 || !strings.Contains(h.lastToast().Text, "would lock this console out") {
		t.Fatalf("burst: calls %v toast %+v\n%s", f.calls, h.lastToast(), h.View())
	}
}

// d on the signed-in credential is refused up front with the reason, not
// the generic confirmation.
func TestDeleteOfTheSignedInCredentialIsRefusedLocally(t *testing.T) {
	c := signedInCommon()
	h, m, f := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Default Client Credential")
	h.keys("d", "y")
	if f.callCount("delete") != 0 || !strings.Contains(h.lastToast().Text, "signs in with") {
		t.Fatalf("d on the signed-in credential: calls %v toast %+v\n%s", f.calls, h.lastToast(), h.View())
	}
}

// esc hides a revealed secret on the list first, before it clears the
// filter: the next esc clears the filter.
func TestEscHidesARevealedSecretBeforeClearingTheFilter(t *testing.T) {
	h, m, _ := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	h.keys("/")
	h.typeText("Grafana")
	h.keys("enter")
	cursorTo(t, m, "Grafana reader")
	h.keys("r")
	if !h.Shows("secret-of-6") {
		t.Fatalf("r did not reveal:\n%s", h.View())
	}
	h.keys("esc")
	if h.Shows("secret-of-6") || h.Shows("Secret of") {
		t.Fatalf("esc left the secret shown:\n%s", h.View())
	}
	if m.list.Query() != "Grafana" {
		t.Fatalf("the first esc cleared the filter (%q) instead of hiding the secret", m.list.Query())
	}
	h.keys("esc")
	if m.list.Query() != "" {
		t.Fatalf("the second esc did not clear the filter: %q", m.list.Query())
	}
}

// Bulk extend never shortens: a row already valid later than the new date
// is not sent; the confirmation counts it and the report says so per row,
// and a toast (so the ! log) says what was extended.
func TestBulkExtendNeverShortensValidity(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	long := fixtures()[0].ValidTill // Default Client Credential: valid 3000 days
	cursorTo(t, m, "Default Client Credential")
	h.keys("space")
	cursorTo(t, m, "Grafana reader")
	h.keys("space", "V")
	for range 10 {
		h.keys("backspace")
	}
	till := day(1000).Format("2006-01-02")
	h.typeText(till)
	h.keys("enter")
	q := confirmText(t, h.top())
	if !strings.Contains(q, "1 would be shortened") {
		t.Errorf("the confirmation does not count the rows it would shorten: %s", q)
	}
	h.keys("y")
	rep, ok := h.top().(*reportScreen)
	if !ok {
		t.Fatalf("top = %T, want the report", h.top())
	}
	if v := rep.View(); !strings.Contains(v, "not changed") || !strings.Contains(v, "already valid until "+date(long)) {
		t.Errorf("the report does not say the longer row was left alone:\n%s", v)
	}
	for _, cc := range f.creds {
		switch cc.Name {
		case "Default Client Credential":
			if !cc.ValidTill.Equal(long) || cc.Version != 1 {
				t.Errorf("the longer row was changed: valid till %s, version %d", date(cc.ValidTill), cc.Version)
			}
		case "Grafana reader":
			if date(cc.ValidTill) != till {
				t.Errorf("Grafana reader was not extended: %s", date(cc.ValidTill))
			}
		}
	}
	if !strings.Contains(h.lastToast().Text, "Extended 1 client credential to "+till+", 1 not extended (see the report)") {
		t.Errorf("no toast for the message log, or it does not say what was not extended: %+v", h.lastToast())
	}
}

// The bulk delete confirmation names the rows (five, then how many more),
// and the result is a toast too, so the ! message log keeps it.
func TestBulkDeleteNamesTheRowsAndLogsTheResult(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	h.keys("ctrl+a", "D")
	q := confirmText(t, h.top())
	for _, w := range []string{"Delete 6 marked client credentials: “", "“Default Client Credential”", "and 1 more?"} {
		if !strings.Contains(q, w) {
			t.Errorf("confirmation lacks %q: %s", w, q)
		}
	}
	h.keys("y")
	if f.callCount("bulk") != 1 {
		t.Fatalf("calls %v", f.calls)
	}
	if got := h.lastToast().Text; got != "Deleted 5 client credentials, 1 refused" {
		t.Errorf("toast %q", got)
	}
	if len(m.Creds()) != 1 {
		t.Errorf("rows left: %d", len(m.Creds()))
	}
}

// Rotation is a toast too (the ! log), naming the credential and never
// the new secret.
func TestRotationIsLogged(t *testing.T) {
	h, m, _ := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "Grafana reader")
	h.keys("R", "y")
	found := false
	for _, tm := range h.Toasts {
		if strings.Contains(tm.Text, "rotated-secret") {
			t.Fatalf("a toast holds the secret: %q", tm.Text)
		}
		found = found || tm.Text == "Rotated the secret of “Grafana reader”"
	}
	if !found {
		t.Errorf("no rotation toast: %+v", h.Toasts)
	}
}

// The bulk delete confirmation names the console's own credential among
// those the server will refuse, as it names the protected one (tester
// finding: only the report said so, after y).
func TestBulkDeleteWarnsAboutTheSignedInCredential(t *testing.T) {
	h, _, _ := loadedScreen(t, signedInCommon(), fixtures())
	h.keys("ctrl+a", "D")
	q := confirmText(t, h.top())
	if !strings.Contains(q, "“Default Client Credential”: the credential this console is signed in with, the server will refuse.") {
		t.Fatalf("confirmation does not warn about the signed-in credential: %s", q)
	}
}
