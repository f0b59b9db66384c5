package credentials

import (
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

func actionHarness(t *testing.T) (*harness, *Model, *fakeAPI) {
	t.Helper()
	fa := sourcesOf(newFake(20))
	c := uitest.NewCommon(nil)
	m := newModel(c, fa)
	return newHarness(t, c, m, 120, 30), m, fa
}

func TestDeactivateAsksThenShowsInactive(t *testing.T) {
	h, m, fa := actionHarness(t)
	h.key("d")
	if h.top() == m || !strings.Contains(h.top().View(), "Deactivate credential cred-00001 (root@host-000.corp.example)?") {
		t.Fatalf("no confirmation naming the row:\n%s", h.top().View())
	}
	h.key("n")
	if len(fa.actions) != 0 {
		t.Fatal("n still deactivated")
	}
	h.key("d", "y")
	if len(fa.actions) != 1 || fa.actions[0] != "deactivate 1" {
		t.Fatalf("actions %v", fa.actions)
	}
	if m.cells()[0][colFlag] != flagInactive || m.list.Items()[0].rec.active {
		t.Error("row not shown inactive")
	}
	if !strings.Contains(h.lastToast(), "Deactivated cred-00001") {
		t.Errorf("toast %q", h.lastToast())
	}
	if m.keys.Deactivate.Enabled() || !m.keys.Activate.Enabled() {
		t.Error("keys did not follow the new state")
	}
	h.key("a", "y")
	if m.cells()[0][colFlag] == flagInactive || fa.actions[1] != "activate 1" {
		t.Errorf("activate: flag %q actions %v", m.cells()[0][colFlag], fa.actions)
	}
}

func TestServerRefusalsAreReadable(t *testing.T) {
	h, m, fa := actionHarness(t)
	fa.actionErr = &client.APIError{StatusCode: 400, PAMCode: 1018, Message: "1018: Credential is not in custody"}
	h.key("down", "down") // id 3 is in custody (the server will disagree)
	h.key("x", "y")
	if !strings.Contains(h.lastToast(), "not in custody") {
		t.Errorf("toast %q", h.lastToast())
	}
	if m.Busy() {
		t.Error("still busy after the answer")
	}
	fa.actionErr = &client.APIError{StatusCode: 400, PAMCode: 1007, Message: "1007: Credential not found"}
	h.key("d", "y")
	if !strings.Contains(h.lastToast(), "not found") || m.cells()[2][colFlag] == flagInactive {
		t.Errorf("toast %q flag %q", h.lastToast(), m.cells()[2][colFlag])
	}
}

// x and a where they do not apply say why instead of doing nothing (issue 13 §4).
func TestKeysThatDoNotApplySayWhy(t *testing.T) {
	h, _, fa := actionHarness(t)
	h.key("x") // id 1: not in custody (fakeCreds: custody when i%17 == 2)
	if !strings.Contains(h.lastToast(), "cred-00001 (root@host-000.corp.example) is not in custody") {
		t.Fatalf("x on a row not in custody: toast %q", h.lastToast())
	}
	h.key("a") // id 1 is active
	if !strings.Contains(h.lastToast(), "is already active") {
		t.Fatalf("a on an active row: toast %q", h.lastToast())
	}
	h.key("down", "down", "down", "down", "down", "down", "d") // id 7 is inactive
	if !strings.Contains(h.lastToast(), "cred-00007") || !strings.Contains(h.lastToast(), "already inactive") {
		t.Fatalf("d on an inactive row: toast %q", h.lastToast())
	}
	if len(fa.actions) != 0 {
		t.Fatalf("a key that does not apply sent %v", fa.actions)
	}
}
