package credentials

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

func TestIdentifierCharset(t *testing.T) {
	for _, ok := range []string{"", "abc", "A-b_c.9", "018fe9a6-541d-7380-99b6-56051b71a475"} {
		if msg := validIdentifier(ok); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"a b", "a/b", "é", "a@b", "x;"} {
		if validIdentifier(bad) == "" {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestUpsertBodyOmitsBlankPassword(t *testing.T) {
	v := map[string]string{fieldIdentifier: " web-root ", fieldUsername: "root", fieldHostname: "web01", fieldIP: "10.0.0.1",
		fieldPassword: "", fieldDeviceType: "Server"}
	b, err := json.Marshal(upsertFrom(v))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(s, `"content"`) {
		t.Errorf("blank password sent: %s", s)
	}
	for _, want := range []string{`"identifier":"web-root"`, `"username":"root"`, `"type":"Server"`} {
		if !strings.Contains(s, want) {
			t.Errorf("body lacks %s: %s", want, s)
		}
	}
	v[fieldPassword] = " p@ss with spaces "
	if got := upsertFrom(v).Content; got != " p@ss with spaces " {
		t.Errorf("password altered: %q", got)
	}
}

func TestServerCodesGoToTheirField(t *testing.T) {
	for code, field := range map[pamcode.Code]string{1053: fieldIdentifier, 1004: fieldHostname, 1005: fieldIP, 1042: fieldUsername, 1029: fieldDeviceDomain} {
		s := newForm(uitest.NewCommon(nil), nil, nil, 80)
		got := s.Form.ErrorsFromAPI(&client.APIError{StatusCode: 400, PAMCode: code, Message: "something"})
		if got != field || !strings.HasPrefix(s.Form.Errors()[field], code.String()+": ") || s.Form.GeneralError() != "" {
			t.Errorf("code %d: field %q errors %v general %q", code, got, s.Form.Errors(), s.Form.GeneralError())
		}
	}
	for _, code := range []pamcode.Code{1046, 1047} {
		s := newForm(uitest.NewCommon(nil), nil, nil, 80)
		got := s.Form.ErrorsFromAPI(&client.APIError{StatusCode: 400, PAMCode: code, Message: "plugin missing"})
		if got != "" || !strings.HasPrefix(s.Form.GeneralError(), code.String()) {
			t.Errorf("code %d: field %q general %q", code, got, s.Form.GeneralError())
		}
	}
}

func TestActionErrorsAreReadable(t *testing.T) {
	for code, want := range map[pamcode.Code]string{1007: "not found", 1018: "not in custody", 1043: "already active"} {
		if got := actionError(&client.APIError{StatusCode: 400, PAMCode: code, Message: "x"}); !strings.Contains(got, want) {
			t.Errorf("%d: %q", code, got)
		}
	}
}

// A failed save shows the server's error under its field and keeps every
// typed value, including the password.
func TestFailedSaveKeepsValues(t *testing.T) {
	c := uitest.NewCommon(nil)
	fa := sourcesOf(newFake(1))
	fa.upsertErr = &client.APIError{StatusCode: 400, PAMCode: 1004, Message: "1004: The device's hostname was not informed"}
	s := newForm(c, fa, nil, 80)
	h := newHarness(t, c, s, 80, 22)
	h.typeText("bad id")
	h.key("ctrl+s")
	if got := s.Form.Errors()[fieldIdentifier]; got == "" {
		t.Fatal("identifier charset not checked before sending")
	}
	if len(fa.upserts) != 0 {
		t.Fatal("an invalid form was sent")
	}
	h.key("ctrl+u")
	h.typeText("good-id")
	h.key("tab")
	h.typeText("root")
	h.key("tab")
	h.typeText("web01")
	h.key("tab")
	h.typeText("10.0.0.1")
	h.key("tab")
	h.typeText("typed-secret")
	s.Form.SetValue(fieldHostname, "") // the server is the one to refuse it here
	s.Form.SetValidate(fieldHostname, nil)
	h.key("ctrl+s")
	if len(fa.upserts) != 1 || fa.upserts[0].Content != "typed-secret" || *fa.upserts[0].Username != "root" {
		t.Fatalf("upserts: %+v", fa.upserts)
	}
	if got := s.Form.Errors()[fieldHostname]; !strings.Contains(got, "1004") {
		t.Errorf("hostname error %q", got)
	}
	if s.Form.Value(fieldIdentifier) != "good-id" || s.Form.Value(fieldPassword) != "typed-secret" {
		t.Error("typed values lost after a failed save")
	}
	if h.top() != ui.Screen(s) || s.Form.FocusedKey() != fieldHostname {
		t.Errorf("a failed save should stay on the form with the focus on the field (top %T, focus %s)", h.top(), s.Form.FocusedKey())
	}
	if !strings.Contains(h.lastToast(), "1004") {
		t.Errorf("toast %q", h.lastToast())
	}
}

func TestSavePopsAndTheListSelectsTheRow(t *testing.T) {
	c := uitest.NewCommon(nil)
	fa := sourcesOf(newFake(3), newFake(3))
	list := newModel(c, fa)
	h := newHarness(t, c, list, 80, 22)
	h.Run(ui.Push(c, newForm(c, fa, nil, 80)))
	for _, v := range []string{"cred-00003", "root", "host", "10.0.0.3"} {
		h.typeText(v)
		h.key("tab")
	}
	h.key("ctrl+s")
	if h.top() != ui.Screen(list) || h.lastToast() != "Credential successfully registered!" {
		t.Fatalf("top %T, toast %q", h.top(), h.lastToast())
	}
	if fa.opened != 2 {
		t.Errorf("the list was not reloaded after the save (%d streams)", fa.opened)
	}
	if got := list.cursor()[colID]; got != "1" {
		t.Errorf("cursor not on the saved row after the reload: %s", got)
	}
}

func TestEditFormLeavesPasswordEmpty(t *testing.T) {
	info := &detailInfo{ID: "9", Identifier: "web-root", Username: "root", Hostname: "web01", IP: "10.0.0.1", Site: "Lab"}
	s := newForm(uitest.NewCommon(nil), nil, info, 80)
	if s.Form.Value(fieldPassword) != "" || s.Form.Value(fieldSite) != "Lab" || s.Form.Value(fieldIdentifier) != "web-root" {
		t.Errorf("prefill: %v", s.Form.Values())
	}
}
