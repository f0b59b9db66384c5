package clientcreds

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// loadedScreen returns a harness whose table screen loaded creds from a fake.
func loadedScreen(t *testing.T, c *ui.Common, creds []client.ClientCredential) (*harness, *Model, *fakeAPI) {
	t.Helper()
	f := newFake(creds)
	m := newModel(c, f)
	h := newHarness(t, c, m)
	if m.list.Busy() || !m.list.Loaded() {
		t.Fatalf("not loaded:\n%s", h.View())
	}
	return h, m, f
}

// cursorTo moves the table cursor to the row named name.
func cursorTo(t *testing.T, m *Model, name string) {
	t.Helper()
	for _, cc := range m.Creds() {
		if cc.Name == name {
			if !m.list.Select(keyOf(cc.ID)) {
				t.Fatalf("%s is not in the view", name)
			}
			m.syncKeys()
			return
		}
	}
	t.Fatalf("no row %s", name)
}

func TestLoadShowsRowsAndStatuses(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	view := m.View()
	for _, want := range []string{"6 client credentials", "Client Name", "Valid Till", "Secret", "Status",
		"[locked] mo-ss", "protected", "expires in 3d", "expired", "not yet valid", "2026-03-17", client.MaskedSecret} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	if f.callCount("catalogue") != 1 || m.catalogue == nil {
		t.Fatal("the catalogue should be loaded with the first load")
	}
	h.keys("ctrl+r")
	if f.callCount("catalogue") != 1 || f.callCount("list") != 2 {
		t.Fatalf("reload should list again but not refetch the catalogue: %v", f.calls)
	}
}

func TestEmptyState(t *testing.T) {
	_, m, _ := loadedScreen(t, uitest.NewCommon(nil), nil)
	if !strings.Contains(m.View(), EmptyText) {
		t.Fatalf("empty state missing:\n%s", m.View())
	}
	if m.keys.Edit.Enabled() || m.keys.Delete.Enabled() || !m.keys.Add.Enabled() {
		t.Fatal("with no rows only add applies")
	}
}

func TestLoadErrorKeepsScreenUsable(t *testing.T) {
	c := uitest.NewCommon(nil)
	f := newFake(nil)
	f.errList = errors.New("connection refused")
	m := newModel(c, f)
	h := newHarness(t, c, m)
	if m.list.Busy() || !strings.Contains(m.View(), "connection refused") || h.lastToast().Kind != ui.ToastError {
		t.Fatalf("load error not shown:\n%s", m.View())
	}
	f.errList = nil
	f.creds = fixtures()
	h.runCmd(m.Reload())
	if len(m.Creds()) != 6 || strings.Contains(m.View(), "connection refused") {
		t.Fatal("reload after an error should recover")
	}
}

func TestFilterByNameAndClientID(t *testing.T) {
	h, m, _ := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	h.keys("/")
	if !m.CapturesInput() {
		t.Fatal("the filter input should capture keys")
	}
	h.typeText("grfna")
	if m.list.Shown() != 1 || m.focused().Name != "Grafana reader" {
		t.Fatalf("filter grfna shows %d rows", m.list.Shown())
	}
	h.keys("enter")
	if m.CapturesInput() || m.list.Query() != "grfna" || !strings.Contains(m.View(), "1 of 6") {
		t.Fatalf("enter should keep the filter:\n%s", m.View())
	}
	h.keys("esc")
	if m.list.Shown() != 6 || m.list.Query() != "" {
		t.Fatal("esc should clear the filter")
	}
	h.keys("/")
	h.typeText("cc_backup")
	if m.list.Shown() != 1 || m.focused().Name != "Old backup job" {
		t.Fatal("filter should match client ids")
	}
	h.keys("esc")
	if m.CapturesInput() || m.list.Shown() != 6 {
		t.Fatal("esc while typing should clear and leave the filter")
	}
}

func TestMarksAndBulkDeleteFlow(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "mo-ssh-microservice-communication-key")
	h.keys("space")
	cursorTo(t, m, "CI deployer")
	h.keys("space")
	h.keys("/")
	h.typeText("grafana")
	h.keys("enter", "ctrl+a")
	if m.list.MarkedCount() != 3 || m.list.HiddenMarked() != 2 {
		t.Fatalf("marked %d, hidden %d", m.list.MarkedCount(), m.list.HiddenMarked())
	}
	h.keys("D")
	text := confirmText(t, h.top())
	for _, want := range []string{"Delete 3 marked client credentials: ", "“Grafana reader”?", "2 of them are hidden by the filter",
		"mo-ssh-microservice-communication-key", "protected, the server will refuse"} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q: %s", want, text)
		}
	}
	h.keys("y")
	rep, ok := h.top().(*reportScreen)
	if !ok {
		t.Fatalf("top = %T, want the report", h.top())
	}
	view := rep.View()
	for _, want := range []string{"2 deleted, 1 refused, 0 not found", "refused", "this client credential is protected", "Grafana reader"} {
		if !strings.Contains(view, want) {
			t.Errorf("report lacks %q:\n%s", want, view)
		}
	}
	h.keys("esc")
	if h.top() != ui.Screen(m) {
		t.Fatal("esc should close the report")
	}
	if len(m.Creds()) != 4 || m.list.MarkedCount() != 1 {
		t.Fatalf("rows %d marked %d: deleted rows go, the refused one stays marked", len(m.Creds()), m.list.MarkedCount())
	}
	if m.list.Marked()[0].Name != "mo-ssh-microservice-communication-key" {
		t.Fatal("the protected row should stay marked")
	}
	if f.callCount("bulk") != 1 {
		t.Fatal("bulk delete not called once")
	}
}

func TestBulkDeleteNotFoundIsReported(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "Grafana reader")
	h.keys("space")
	f.creds = f.creds[:5] // someone else deleted it meanwhile
	h.keys("D", "y")
	rep := h.top().(*reportScreen)
	if !strings.Contains(rep.View(), "0 deleted, 0 refused, 1 not found") {
		t.Fatalf("report:\n%s", rep.View())
	}
}

func TestDeleteProtectedIsRefusedLocally(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "mo-ssh-microservice-communication-key")
	h.keys("d")
	if h.top() != ui.Screen(m) || f.callCount("delete") != 0 {
		t.Fatal("d on the protected key should not ask or send anything")
	}
	if toast := h.lastToast(); toast.Kind != ui.ToastError || !strings.Contains(toast.Text, "protected") {
		t.Fatalf("toast = %+v", toast)
	}
}

func TestDeleteAsksNamingTheRow(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("d")
	if text := confirmText(t, h.top()); !strings.Contains(text, "“CI deployer”") {
		t.Fatalf("confirmation should name the row: %s", text)
	}
	h.keys("n")
	if h.top() != ui.Screen(m) || f.callCount("delete") != 0 || len(m.Creds()) != 6 {
		t.Fatal("n should cancel")
	}
	h.keys("d", "y")
	if f.callCount("delete") != 1 || len(m.Creds()) != 5 || h.lastToast().Kind != ui.ToastSuccess {
		t.Fatalf("y should delete: calls %v rows %d", f.calls, len(m.Creds()))
	}
}

func TestDeleteServerRefusalIsShown(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	f.errDelete = &client.APIError{StatusCode: 409, Message: "you cannot delete the credential you are signed in with"}
	cursorTo(t, m, "Default Client Credential")
	h.keys("d", "y")
	if len(m.Creds()) != 6 || !strings.Contains(h.lastToast().Text, "signed in with") || m.list.Writing() {
		t.Fatalf("refusal: rows %d toast %+v busy %v", len(m.Creds()), h.lastToast(), m.list.Writing())
	}
}

func TestReadOnlyDisablesAndGuardsWrites(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.ReadOnly = true
	h, m, f := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "CI deployer")
	for name, b := range map[string]bool{"n": m.keys.Add.Enabled(), "e": m.keys.Edit.Enabled(), "s": m.keys.EditScopes.Enabled(),
		"d": m.keys.Delete.Enabled(), "D": m.keys.BulkDelete.Enabled(), "R": m.keys.Rotate.Enabled()} {
		if b {
			t.Errorf("%s is enabled in a read-only session", name)
		}
	}
	if !m.keys.CopyID.Enabled() || !m.keys.list.Filter.Enabled() {
		t.Error("read keys should stay enabled")
	}
	if m.keys.Reveal.Enabled() || m.keys.CopySecret.Enabled() {
		t.Error("a viewer must not reveal or copy a secret")
	}
	h.keys("space", "n", "e", "s", "d", "D", "R", "r", "C")
	if f.callCount("reveal") != 0 {
		t.Fatalf("a viewer's r or C fetched a secret: %v", f.calls)
	}
	if h.top() != ui.Screen(m) {
		t.Fatalf("a write screen opened: %T", h.top())
	}
	// Even a confirmed write that slipped through is refused before sending.
	h.runCmd(m.delete(fixtures()[2]))
	if f.callCount("delete") != 0 || !strings.Contains(h.lastToast().Text, "read-only") {
		t.Fatalf("Guard did not refuse: calls %v toast %+v", f.calls, h.lastToast())
	}
}

func TestRevealShowsThenMasks(t *testing.T) {
	c := uitest.NewCommon(nil)
	h, m, f := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("r")
	if !strings.Contains(m.View(), "secret-of-3") || f.callCount("reveal") != 1 {
		t.Fatalf("secret not revealed:\n%s", m.View())
	}
	h.Advance(c.RevealFor)
	if strings.Contains(m.View(), "secret-of-3") {
		t.Fatalf("secret still shown after its time:\n%s", m.View())
	}
}

func TestPresentationModeNeverRevealsOrCopiesSecrets(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.Presentation = true
	var clip bytes.Buffer
	c.Clipboard = &clip
	h, m, f := loadedScreen(t, c, fixtures())
	if m.keys.Reveal.Enabled() || m.keys.CopySecret.Enabled() {
		t.Fatal("reveal and copy-secret keys should be disabled")
	}
	h.keys("r", "C")
	h.runCmd(m.secrets.reveal(m.Creds()[0]))
	h.runCmd(m.secrets.copy(m.Creds()[0]))
	if f.callCount("reveal") != 0 || clip.Len() != 0 {
		t.Fatalf("presentation mode fetched or copied a secret: %v %q", f.calls, clip.String())
	}
	if strings.Contains(m.View(), "cc_default0") {
		t.Fatal("client id tail shown in presentation mode")
	}
}

func TestCopyClientIDAndSecret(t *testing.T) {
	c := uitest.NewCommon(nil)
	var clip bytes.Buffer
	c.Clipboard = &clip
	h, m, _ := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("c")
	if !strings.Contains(clip.String(), base64.StdEncoding.EncodeToString([]byte("cc_ci00000000000000a"))) {
		t.Fatalf("client id not sent: %q", clip.String())
	}
	clip.Reset()
	h.keys("C")
	if !strings.Contains(clip.String(), base64.StdEncoding.EncodeToString([]byte("secret-of-3"))) {
		t.Fatalf("secret not sent after fetching it: %q", clip.String())
	}
	if h.lastToast().Kind != ui.ToastSuccess {
		t.Fatalf("toast = %+v", h.lastToast())
	}
}

func TestDetailPane(t *testing.T) {
	h, m, _ := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("enter")
	d, ok := h.top().(*detailScreen)
	if !ok {
		t.Fatalf("top = %T", h.top())
	}
	view := d.View()
	for _, want := range []string{"cc_ci00000000000000a", "expires in 2d 23h", "2026-03-04 09:30:00 UTC",
		"Scopes (3 of 32)", "Asset Management", "View assets, Add assets", "Application Management", "View apps"} {
		if !strings.Contains(view, want) {
			t.Errorf("detail lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "User Management") {
		t.Error("groups without a selected scope should not be listed")
	}
	h.keys("r")
	if !strings.Contains(d.View(), "secret-of-3") {
		t.Fatal("r should reveal in the detail pane")
	}
	h.keys("esc")
	if h.top() != ui.Screen(m) {
		t.Fatal("esc should close the detail pane")
	}
}

// R asks; y rotates at once, g keeps the old secret for an hour. Either way
// the new secret is shown once and the table keeps only masks.
func TestRotateShowsNewSecretOnce(t *testing.T) {
	for answer, call := range map[string]string{"y": "rotate grace=0s", "g": "rotate grace=1h0m0s"} {
		h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
		cursorTo(t, m, "Grafana reader")
		h.keys("R")
		if text := confirmText(t, h.top()); !strings.Contains(text, "“Grafana reader”") {
			t.Fatalf("rotate confirmation: %s", text)
		}
		if text := h.top().View(); !strings.Contains(text, "g: rotate, old secret works 1 more hour") {
			t.Fatalf("the rotate dialog does not offer g:\n%s", text)
		}
		h.keys(answer)
		if f.callCount(call) != 1 {
			t.Fatalf("%s: want %q, calls %v", answer, call, f.calls)
		}
		if got := dialogSecret(t, h.top()); got != "rotated-secret" {
			t.Fatalf("%s: dialog shows %q", answer, got)
		}
		for _, cc := range m.Creds() {
			if cc.ClientSecret != client.MaskedSecret {
				t.Fatalf("%s: the table kept a plain secret for %s", answer, cc.Name)
			}
		}
	}
}

func TestSecretDialogCopiesThenForgets(t *testing.T) {
	c := uitest.NewCommon(nil)
	var clip bytes.Buffer
	c.Clipboard = &clip
	h, m, _ := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Grafana reader")
	h.keys("R", "y")
	d, ok := h.top().(*secretDialog)
	if !ok || !strings.Contains(d.View(), "rotated-secret") || !strings.Contains(d.View(), "revealed only with the reveal") {
		t.Fatalf("dialog (%T):\n%s", h.top(), h.top().View())
	}
	h.keys("C")
	if !strings.Contains(clip.String(), base64.StdEncoding.EncodeToString([]byte("rotated-secret"))) {
		t.Fatalf("C did not copy: %q", clip.String())
	}
	h.keys("esc")
	if h.top() != ui.Screen(m) || d.secret != "" {
		t.Fatal("closing should pop and drop the secret")
	}
}

func TestSecretDialogInPresentationModeShowsNothing(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.Presentation = true
	h, m, _ := loadedScreen(t, c, fixtures())
	cursorTo(t, m, "Grafana reader")
	h.keys("R", "y")
	if v := h.top().View(); strings.Contains(v, "rotated-secret") || !strings.Contains(v, "Presentation mode") {
		t.Fatalf("presentation mode showed the secret:\n%s", v)
	}
}

// After a rotation with grace, the detail pane says until when the old
// secret still works — and says nothing once that time has passed.
func TestDetailShowsTheOldSecretsGrace(t *testing.T) {
	c := uitest.NewCommon(nil)
	cc := fixtures()[2]
	until := c.Clock().Add(30 * time.Minute)
	cc.PreviousSecretValidUntil = &until
	d := newDetail(c, newFake(fixtures()), cc, catalogue())
	d.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	if v := d.View(); !strings.Contains(v, "still works until") {
		t.Fatalf("no grace line:\n%s", v)
	}
	past := c.Clock().Add(-time.Minute)
	cc.PreviousSecretValidUntil = &past
	d = newDetail(c, newFake(fixtures()), cc, catalogue())
	d.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	if v := d.View(); strings.Contains(v, "Old secret") {
		t.Fatalf("an ended grace period is still shown:\n%s", v)
	}
}
