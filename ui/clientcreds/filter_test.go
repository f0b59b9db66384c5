package clientcreds

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// A tester's find: "/leg enter d" asked to delete "Ansible automation" —
// the filter matched "le" at the end of "Ansible" and the "g" of its client
// id, two fields, and ranked it first. A match lies within one field now.
func TestFilterMatchesWithinOneField(t *testing.T) {
	creds := append(fixtures(),
		client.ClientCredential{ID: 7, Name: "Ansible automation", ClientID: "cc_9g3k000000000000aa", ValidFrom: day(-10), ValidTill: day(300), Version: 1},
		client.ClientCredential{ID: 8, Name: "Legacy sync", ClientID: "cc_sync0000000000000", ValidFrom: day(-10), ValidTill: day(300), Version: 1},
	)
	for i := range creds {
		creds[i].ClientSecret = client.MaskedSecret
	}
	h, m, _ := loadedScreen(t, uitest.NewCommon(nil), creds)
	h.Press("/")
	h.Type("leg")
	h.Press("enter", "d")
	v := ansi.Strip(h.View())
	if !strings.Contains(v, "Delete “Legacy sync”?") {
		t.Fatalf("/leg enter d does not ask about Legacy sync:\n%s", v)
	}
	h.Press("n")
	for _, cc := range m.list.Visible() {
		if cc.Name != "Legacy sync" {
			t.Fatalf("/leg shows %q (no field of it holds l-e-g)", cc.Name)
		}
	}
}
