package clientcreds

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

func openWizard(t *testing.T) (*harness, *Model, *fakeAPI, *wizard) {
	t.Helper()
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	h.keys("n")
	w, ok := h.top().(*wizard)
	if !ok {
		t.Fatalf("n opened %T", h.top())
	}
	return h, m, f, w
}

func TestWizardStep1DefaultsAndValidation(t *testing.T) {
	h, _, _, w := openWizard(t)
	if w.form.Value(fieldValidFrom) != "2026-03-14" || w.form.Value(fieldValidTill) != "2027-03-14" {
		t.Fatalf("defaults = %v", w.form.Values())
	}
	h.keys("ctrl+n")
	if w.step != 1 || w.form.Errors()[fieldName] != "Name is required" {
		t.Fatalf("empty name went on: step %d errors %v", w.step, w.form.Errors())
	}
	h.typeText(strings.Repeat("x", 65))
	h.keys("ctrl+n")
	if w.step != 1 || !strings.Contains(w.form.Errors()[fieldName], "at most 64") {
		t.Fatalf("long name: %v", w.form.Errors())
	}
	w.form.SetValue(fieldName, "CI deployer 2")
	w.form.SetValue(fieldValidFrom, "2026-13-01")
	h.keys("ctrl+n")
	if w.step != 1 || !strings.Contains(w.form.Errors()[fieldValidFrom], "does not exist") {
		t.Fatalf("bad date: %v", w.form.Errors())
	}
	w.form.SetValue(fieldValidFrom, "01.04.2027")
	h.keys("ctrl+n")
	if w.step != 1 || !strings.Contains(w.form.Errors()[fieldValidFrom], "YYYY-MM-DD") {
		t.Fatalf("bad date: %v", w.form.Errors())
	}
	w.form.SetValue(fieldValidFrom, "2027-04-01")
	h.keys("ctrl+n")
	if w.step != 1 || !strings.Contains(w.form.Errors()[fieldValidTill], "before Valid From") {
		t.Fatalf("from after till: %v", w.form.Errors())
	}
	if !strings.Contains(w.View(), "! Valid Till must not be before Valid From") {
		t.Fatalf("message not next to the field:\n%s", w.View())
	}
	w.form.SetValue(fieldValidFrom, "2026-04-01")
	w.form.FocusField(fieldValidTill)
	h.keys("enter") // enter on the last field = Next
	if w.step != 2 {
		t.Fatalf("valid step 1 did not go on: %v", w.form.Errors())
	}
}

func TestWizardCreatesWithChosenScopesAndShowsSecretOnce(t *testing.T) {
	h, m, f, w := openWizard(t)
	h.typeText("Billing exporter")
	h.keys("ctrl+n")
	if w.step != 2 || !strings.Contains(w.View(), "Step 2 of 2") || !strings.Contains(w.View(), "7 of 32 scopes selected") {
		t.Fatalf("step 2 should start from the defaults:\n%s", w.View())
	}
	h.keys("down", "down", "a") // Asset Management: select all
	h.keys("esc")               // back to step 1 keeps everything
	if w.step != 1 || w.form.Value(fieldName) != "Billing exporter" {
		t.Fatal("esc on step 2 should return to step 1 with the values")
	}
	h.keys("ctrl+n")
	if !strings.Contains(w.View(), "10 of 32 scopes selected") {
		t.Fatalf("step 2 lost the selection:\n%s", w.View())
	}
	h.keys("ctrl+s")
	got := f.lastInput
	if got.Name != "Billing exporter" || got.ValidFrom != "2026-03-14" || got.ValidTill != "2027-03-14" {
		t.Fatalf("create input = %+v", got)
	}
	wantScopes := []string{"users.user.view", "users.roles.view", "assets.view", "assets.add", "assets.edit", "assets.delete",
		"system_user.view", "groups.view", "apps.view", "settings.client_credentials.view"}
	if !reflect.DeepEqual(got.Scopes, wantScopes) {
		t.Fatalf("scopes = %v\nwant %v", got.Scopes, wantScopes)
	}
	if secret := dialogSecret(t, h.top()); secret != "plain-secret-once" {
		t.Fatalf("dialog secret = %q", secret)
	}
	if len(m.Creds()) != 7 || m.focused().Name != "Billing exporter" {
		t.Fatal("the new row should be in the table, under the cursor")
	}
	if m.focused().ClientSecret != client.MaskedSecret {
		t.Fatal("the table must not keep the plain secret")
	}
}

func TestWizardServerErrorGoesBackToTheField(t *testing.T) {
	h, _, f, w := openWizard(t)
	f.errCreate = &client.APIError{StatusCode: 400, Message: "invalid input",
		Fields: map[string][]string{"name": {"a client credential with this name already exists"}}}
	h.typeText("Default Client Credential")
	h.keys("ctrl+n", "down", "a", "ctrl+s")
	if h.top() != ui.Screen(w) || w.step != 1 {
		t.Fatalf("failed create should return to step 1, top %T step %d", h.top(), w.step)
	}
	if w.form.Errors()[fieldName] != "a client credential with this name already exists" {
		t.Fatalf("errors = %v", w.form.Errors())
	}
	if !strings.Contains(w.View(), "! a client credential with this name already exists") {
		t.Fatalf("message not shown:\n%s", w.View())
	}
	if w.form.Value(fieldName) != "Default Client Credential" {
		t.Fatal("typed name lost")
	}
	h.keys("ctrl+n")
	if n, _, _, _ := w.page.Counts(); n != 10 {
		t.Fatalf("chosen scopes lost: %d", n)
	}
}

func TestWizardServerScopeErrorStaysOnStep2(t *testing.T) {
	h, _, f, w := openWizard(t)
	f.errCreate = &client.APIError{StatusCode: 400, Message: "invalid", Fields: map[string][]string{"scopes": {"unknown scope: x.y"}}}
	h.typeText("New one")
	h.keys("ctrl+n", "ctrl+s")
	if w.step != 2 || !strings.Contains(w.View(), "unknown scope: x.y") {
		t.Fatalf("scope error should show on step 2:\n%s", w.View())
	}
}

func TestWizardRefusesEmptyScopeSet(t *testing.T) {
	h, _, f, w := openWizard(t)
	h.typeText("Nothing")
	h.keys("ctrl+n")
	for range 8 {
		h.keys("x", "down")
	}
	h.keys("ctrl+s")
	if f.callCount("create") != 0 || !strings.Contains(w.View(), "Select at least one scope") {
		t.Fatalf("created with no scopes:\n%s", w.View())
	}
}

func TestWizardEscOnStep1Cancels(t *testing.T) {
	h, m, f, _ := openWizard(t)
	h.typeText("abc")
	h.keys("esc", "y") // something was typed: esc asks first (issue 13 §4)
	if h.top() != ui.Screen(m) || f.callCount("create") != 0 {
		t.Fatal("esc then y on step 1 should cancel")
	}
}

func TestEditSendsVersionAndUpdatesRow(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("e")
	e, ok := h.top().(*editScreen)
	if !ok {
		t.Fatalf("e opened %T", h.top())
	}
	if e.form.Value(fieldName) != "CI deployer" || e.form.Value(fieldValidTill) != "2026-03-17" {
		t.Fatalf("edit not prefilled: %v", e.form.Values())
	}
	h.keys("ctrl+u") // clear the name field (focused first)
	h.typeText("CI deployer (prod)")
	h.keys("ctrl+s")
	if f.lastInput.Version != 4 || f.lastInput.Name != "CI deployer (prod)" {
		t.Fatalf("update input = %+v", f.lastInput)
	}
	if h.top() != ui.Screen(m) || m.focused().Name != "CI deployer (prod)" || m.focused().Version != 5 {
		t.Fatalf("row not updated: %+v", m.focused())
	}
}

func TestEditEnterOnLastFieldUpdates(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "Grafana reader")
	h.keys("e", "enter", "enter")
	if f.callCount("update") != 0 {
		t.Fatal("enter before the last field should not update")
	}
	h.keys("enter")
	if f.callCount("update") != 1 {
		t.Fatal("enter on the last field should update")
	}
}

func TestEditConflictShowsMessageAndKeepsValues(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	f.errUpdate = &client.APIError{StatusCode: 409, Message: "client credential was changed by someone else (version 5, you sent 4)"}
	cursorTo(t, m, "CI deployer")
	h.keys("e", "x", "ctrl+s")
	e := h.top().(*editScreen)
	if !strings.Contains(e.View(), "changed by someone else") || e.form.Value(fieldName) != "CI deployerx" {
		t.Fatalf("409 not shown or values lost:\n%s", e.View())
	}
	if h.lastToast().Kind != ui.ToastError {
		t.Fatal("no error toast")
	}
}

func TestEditScopesSelectClearReset(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "CI deployer") // assets.view, assets.add, apps.view
	h.keys("s")
	s, ok := h.top().(*scopesScreen)
	if !ok {
		t.Fatalf("s opened %T", h.top())
	}
	h.keys("a")                  // User Management: all
	h.keys("down", "down", "x")  // Asset Management: none
	h.keys("r")                  // back to saved
	h.keys("up", "up", "a", "/") // User Management again, then search
	h.typeText("apps")
	h.keys("enter", "x", "esc") // clear the apps matches, leave the search
	h.keys("ctrl+s")
	want := []string{"users.user.view", "users.user.add", "users.user.edit", "users.user.delete", "assets.view", "assets.add"}
	if !reflect.DeepEqual(f.lastScope.Scopes, want) || f.lastScope.Version != 4 {
		t.Fatalf("SetScopes = %+v\nwant %v version 4", f.lastScope, want)
	}
	if h.top() != ui.Screen(m) || !reflect.DeepEqual(m.focused().Scopes, want) {
		t.Fatalf("table row not updated (top %T)", h.top())
	}
	_ = s
}

func TestEditScopesAsksBeforeDiscarding(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("s", "a", "esc")
	s := h.top().(*scopesScreen)
	if !strings.Contains(s.View(), "Discard unsaved changes") {
		t.Fatalf("no question:\n%s", s.View())
	}
	h.keys("y")
	if h.top() != ui.Screen(m) || f.callCount("scopes") != 0 {
		t.Fatal("y should leave without saving")
	}
}

func TestEditScopesServerErrorStays(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	f.errScopes = &client.APIError{StatusCode: 409, Message: "stale version"}
	cursorTo(t, m, "CI deployer")
	h.keys("s", "a", "ctrl+s")
	s, ok := h.top().(*scopesScreen)
	if !ok || !strings.Contains(s.View(), "stale version") || !s.page.Dirty() {
		t.Fatalf("error should keep the page and the selection (top %T)", h.top())
	}
}

// Issue 17 §5: 2026-02-30 was told "must be a date as YYYY-MM-DD" although
// it is in that form, and the date field stopped at 10 characters, so
// " 2026-12-01 " typed became " 2026-12-0" without a word.
func TestWizardDatesAreTrimmedNeverCutAndNamed(t *testing.T) {
	h, _, _, w := openWizard(t)
	w.form.SetValue(fieldName, "CI deployer 3")
	w.form.FocusField(fieldValidTill)
	w.form.SetValue(fieldValidTill, "")
	h.typeText(" 2027-12-01 ")
	if got := w.form.Value(fieldValidTill); got != " 2027-12-01 " {
		t.Fatalf("typed \" 2027-12-01 \", the field holds %q", got)
	}
	w.form.SetValue(fieldValidTill, "2027-02-30")
	h.keys("ctrl+n")
	if msg := w.form.Errors()[fieldValidTill]; w.step != 1 || !strings.Contains(msg, "does not exist") || !strings.Contains(msg, "28 days") {
		t.Fatalf("2027-02-30: %q", msg)
	}
	w.form.SetValue(fieldValidTill, " 2027-12-01 ")
	h.keys("ctrl+n")
	if w.step != 2 {
		t.Fatalf("a date with spaces around it was refused: %v", w.form.Errors())
	}
}

// esc on an edited client credential asks "Discard changes?" as every other
// form does; untouched, it leaves at once (tester finding: the edit was
// dropped at one esc).
func TestEditEscAsksBeforeDroppingChanges(t *testing.T) {
	h, m, f := loadedScreen(t, uitest.NewCommon(nil), fixtures())
	cursorTo(t, m, "CI deployer")
	h.keys("e", "esc")
	if h.top() != ui.Screen(m) {
		t.Fatalf("esc on an untouched edit did not leave it: %T", h.top())
	}
	h.keys("e")
	e := h.top().(*editScreen)
	h.typeText("Z")
	h.keys("esc")
	h.MustShow("Discard changes?", "CI deployer")
	h.keys("n")
	if h.top() != ui.Screen(e) || e.form.Value(fieldName) != "CI deployerZ" && e.form.Value(fieldName) != "ZCI deployer" {
		t.Fatalf("n did not keep the edit: %T %q", h.top(), e.form.Value(fieldName))
	}
	h.keys("esc", "y")
	if h.top() != ui.Screen(m) || m.focused().Name != "CI deployer" || f.callCount("Update") != 0 {
		t.Fatalf("y did not drop the edit: %T %+v", h.top(), m.focused())
	}
}
