package clientcreds

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// testCommon is uitest.NewCommon under the name this package's tests have
// used (kept so tests written meanwhile build).
func testCommon() *ui.Common { return uitest.NewCommon(nil) }

// now is the fake clock of every test.
var now = uitest.Now

func catalogue() *client.ScopeCatalogue {
	cat := uitest.Catalogue()
	cat.Groups = append(cat.Groups, uitest.ClientCredentialScopes())
	return cat
}

func day(d int) time.Time { return now.AddDate(0, 0, d) }

// fixtures covers every status.
func fixtures() []client.ClientCredential {
	creds := []client.ClientCredential{
		{ID: 1, Name: "Default Client Credential", ClientID: "cc_default0000000000", ValidFrom: day(-400), ValidTill: day(3000),
			Scopes: []string{"users.user.view", "settings.client_credentials.view"}, Version: 1, CreatedAt: day(-400), UpdatedAt: day(-400)},
		{ID: 2, Name: "mo-ssh-microservice-communication-key", ClientID: "cc_mossh000000000000", ValidFrom: day(-400), ValidTill: day(3000),
			Protected: true, Version: 1},
		{ID: 3, Name: "CI deployer", ClientID: "cc_ci00000000000000a", ValidFrom: day(-10), ValidTill: day(3).Add(-time.Hour),
			Scopes: []string{"assets.view", "assets.add", "apps.view"}, Version: 4},
		{ID: 4, Name: "Old backup job", ClientID: "cc_backup00000000000", ValidFrom: day(-400), ValidTill: day(-2), Version: 2},
		{ID: 5, Name: "Next quarter audit", ClientID: "cc_audit000000000000", ValidFrom: day(20), ValidTill: day(120), Version: 1},
		{ID: 6, Name: "Grafana reader", ClientID: "cc_grafana0000000000", ValidFrom: day(-30), ValidTill: day(200), Version: 1},
	}
	for i := range creds {
		creds[i].ClientSecret = client.MaskedSecret
	}
	return creds
}

// harness is the real console (ui.App through ui/uitest) showing one screen.
type harness struct{ *uitest.Kit }

// newHarness starts an App on the session c whose tab is s.
func newHarness(t testing.TB, c *ui.Common, s ui.Screen, opts ...uitest.Option) *harness {
	return &harness{uitest.Show(t, c, s, opts...)}
}

func (h *harness) top() ui.Screen      { return h.Top() }
func (h *harness) keys(keys ...string) { h.Press(keys...) }
func (h *harness) typeText(s string)   { h.Type(s) }
func (h *harness) runCmd(cmd tea.Cmd)  { h.Run(cmd) }
func (h *harness) lastToast() ui.ToastMsg {
	if len(h.Toasts) == 0 {
		return ui.ToastMsg{}
	}
	return h.Toasts[len(h.Toasts)-1]
}
