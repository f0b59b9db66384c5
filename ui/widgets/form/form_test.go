package form

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

func fields() []Field {
	return []Field{
		{Key: "name", Label: "Name", CharLimit: 64, Validate: All(Required("Name"), MaxLen("Name", 8))},
		{Key: "password", Label: "Password", Masked: true},
		{Key: "valid_till", Label: "Valid Till", Value: "2027-01-01", Validate: Date("Valid Till")},
	}
}

func send(m Model, keys ...string) (Model, tea.Msg) {
	var last tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(uitest.Key(k))
		last = nil
		if cmd != nil {
			last = cmd()
		}
	}
	return m, last
}

func newForm() Model {
	m := New(uitest.NewCommon(nil), fields())
	m.Focus()
	return m
}

func TestTypingAndFocusMovement(t *testing.T) {
	m := newForm()
	m, _ = send(m, "a", "b", "tab", "s", "3", "c")
	if m.FocusedKey() != "password" {
		t.Fatalf("focus = %s", m.FocusedKey())
	}
	m, _ = send(m, "shift+tab", "c")
	if got := m.Values(); got["name"] != "abc" || got["password"] != "s3c" || got["valid_till"] != "2027-01-01" {
		t.Fatalf("Values = %v", got)
	}
	if strings.Contains(m.View(), "s3c") {
		t.Fatal("masked field shows its value")
	}
	m, _ = send(m, "up")
	if m.FocusedKey() != "valid_till" {
		t.Fatalf("up from the first field should wrap to the last, got %s", m.FocusedKey())
	}
}

func TestEnterMovesThenSubmitsOnLast(t *testing.T) {
	m := newForm()
	m, msg := send(m, "x", "enter")
	if msg != nil || m.FocusedKey() != "password" {
		t.Fatalf("enter on the first field should move on, got %v focus %s", msg, m.FocusedKey())
	}
	m, msg = send(m, "enter", "enter")
	sub, ok := msg.(SubmitMsg)
	if !ok || sub.Form != m.ID() {
		t.Fatalf("enter on the last field = %#v, want SubmitMsg for this form", msg)
	}
}

func TestValidationBlocksSubmitAndShowsMessages(t *testing.T) {
	m := newForm()
	m.SetValue("valid_till", "31/12/2027")
	m.FocusField("valid_till")
	m, msg := send(m, "enter")
	if msg != nil {
		t.Fatalf("invalid form submitted: %#v", msg)
	}
	errs := m.Errors()
	if errs["name"] != "Name is required" || errs["valid_till"] != "Valid Till must be a date as YYYY-MM-DD" {
		t.Fatalf("Errors = %v", errs)
	}
	if m.FocusedKey() != "name" {
		t.Fatalf("focus should go to the first invalid field, got %s", m.FocusedKey())
	}
	view := m.View()
	if !strings.Contains(view, "! Name is required") || !strings.Contains(view, "! Valid Till must be a date") {
		t.Fatalf("messages not shown:\n%s", view)
	}
	m, _ = send(m, "t", "o", "o", "l", "o", "n", "g", "n", "a", "m", "e")
	if m.Errors()["name"] != "" {
		t.Fatal("typing into a field should clear its error")
	}
	if !m.Validate() && m.Errors()["name"] != "Name must be at most 8 characters" {
		t.Fatalf("length: %v", m.Errors())
	}
	if m.Values()["valid_till"] != "31/12/2027" {
		t.Fatal("a failed validation must keep the values")
	}
}

func TestErrorsFromAPIPutsFieldErrorsUnderFields(t *testing.T) {
	m := newForm()
	m.SetValue("name", "dup")
	apiErr := &client.APIError{StatusCode: 400, Message: "invalid", Fields: map[string][]string{
		"name": {"a client credential with this name already exists"}, "colour": {"unknown field"},
	}}
	got := m.ErrorsFromAPI(fmt.Errorf("create: %w", apiErr))
	if got != "name" {
		t.Fatalf("first field = %q", got)
	}
	if m.Errors()["name"] != "a client credential with this name already exists" {
		t.Fatalf("Errors = %v", m.Errors())
	}
	if m.GeneralError() != "unknown field" {
		t.Fatalf("a field the form lacks goes to the general line, got %q", m.GeneralError())
	}
	if m.Value("name") != "dup" {
		t.Fatal("values must survive a failed submit")
	}
}

func TestErrorsFromAPIMapsPAMCodes(t *testing.T) {
	m := newForm()
	m.CodeFields = map[pamcode.Code]string{1042: "password"}
	got := m.ErrorsFromAPI(&client.APIError{StatusCode: 400, PAMCode: 1042, Message: "1042: Missing username parameter"})
	if got != "password" || !strings.Contains(m.Errors()["password"], "1042") {
		t.Fatalf("code mapping: field %q errors %v", got, m.Errors())
	}
	if m.FocusedKey() != "password" {
		t.Fatal("focus should move to the field in error")
	}
}

func TestErrorsFromAPIGeneral(t *testing.T) {
	m := newForm()
	if got := m.ErrorsFromAPI(errors.New("connection refused")); got != "" {
		t.Fatalf("plain error named field %q", got)
	}
	if m.GeneralError() != "connection refused" || !strings.Contains(m.View(), "! connection refused") {
		t.Fatalf("general = %q", m.GeneralError())
	}
}

func TestViewFitsWidth(t *testing.T) {
	m := newForm()
	m.SetWidth(30)
	m.SetErrors(map[string]string{"name": strings.Repeat("very long message ", 5)})
	for _, line := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(line); w > 30 {
			t.Fatalf("line is %d wide: %q", w, line)
		}
	}
}

func TestBlurredFormIgnoresKeys(t *testing.T) {
	m := New(uitest.NewCommon(nil), fields())
	m, _ = send(m, "a")
	if m.Value("name") != "" || m.CapturesInput() {
		t.Fatal("a blurred form must not take keys")
	}
}

// Issue 15: without colours a placeholder must not look typed ("Type  Server"
// then "Type is required").
func TestPlaceholderIsMarkedWithoutColours(t *testing.T) {
	m := New(uitest.NewCommon(nil), []Field{{Key: "type", Label: "Type", Placeholder: "Server"}})
	if v := m.View(); !strings.Contains(v, "<Server>") {
		t.Fatalf("placeholder not marked:\n%s", v)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	m = New(ui.NewCommon(context.Background(), nil, r), []Field{{Key: "type", Label: "Type", Placeholder: "Server"}})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "<Server>") {
		t.Fatalf("placeholder not marked with colours either:\n%s", v)
	}
}
