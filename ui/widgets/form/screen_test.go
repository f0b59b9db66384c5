package form

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// Keys typed while a save is out do not edit the form under "saving…":
// the values on screen stay the ones sent; after a refusal they are
// dropped with a toast ("ctrl+s j j j" meant the list below, not "jjj" in
// a field). Tester findings: typing ahead changed a form whose save was
// out, and then went into the field of a refused one.
func TestKeysTypedDuringASaveWaitForItsReply(t *testing.T) {
	c := uitest.NewCommon(nil)
	var sent []string
	spec := SaveSpec[string]{
		Title: "Edit",
		Request: func(v map[string]string) func(context.Context) (string, error) {
			sent = append(sent, v["name"])
			return func(context.Context) (string, error) { return "", errors.New("refused") }
		},
		Saved: func(string) (any, string) { return nil, "saved" },
	}
	s := NewSaveScreen(c, New(c, fields()), spec)
	isReply := func(m tea.Msg) bool { _, ok := m.(ui.Reply[string]); return ok }
	k := uitest.Show(t, c, s, uitest.WithHold(isReply))
	k.Type("abc")
	k.Press("ctrl+s")
	if len(sent) != 1 || sent[0] != "abc" || !s.Saving() {
		t.Fatalf("save not sent as typed: %q saving=%v", sent, s.Saving())
	}
	k.Type("x")
	if got := s.Form.Values()["name"]; got != "abc" {
		t.Fatalf("a key typed during the save changed the form under 'saving…': %q", got)
	}
	k.Release()
	if got := s.Form.Values()["name"]; got != "abc" {
		t.Fatalf("a key typed during the refused save went into the form: %q", got)
	}
	if n := len(k.Toasts); n == 0 || !strings.Contains(k.Toasts[n-1].Text, "1 key(s) typed during the save were dropped") {
		t.Fatalf("no word of the dropped key: %v", k.Toasts)
	}
	k.Type("y") // the form takes keys again
	if got := s.Form.Values()["name"]; got != "abcy" {
		t.Fatalf("after the refusal the form does not take keys: %q", got)
	}
}

// esc on a form with nothing typed leaves at once; with an edit it asks
// first, and only y drops the edit (as the Add wizard does, UX.md).
func TestEscAsksBeforeDroppingAnEdit(t *testing.T) {
	c := uitest.NewCommon(nil)
	spec := func(title string) SaveSpec[string] {
		return SaveSpec[string]{Title: title,
			Request: func(map[string]string) func(context.Context) (string, error) { return nil },
			Saved:   func(string) (any, string) { return nil, "" }}
	}
	k := uitest.Show(t, c, NewSaveScreen(c, New(c, fields()), spec("Below")))
	open := func() *SaveScreen[string] {
		s := NewSaveScreen(c, New(c, fields()), spec("Edit credential"))
		k.Send(ui.PushMsg{Screen: s})
		return s
	}
	s := open()
	k.Press("esc")
	if k.Top() == ui.Screen(s) {
		t.Fatalf("esc on an untouched form did not leave it:\n%s", k.View())
	}
	s = open()
	k.Type("abc")
	k.Press("esc")
	k.MustShow("Discard changes?", "Edit credential")
	k.Press("n")
	if got := s.Form.Values()["name"]; got != "abc" || k.Top() != ui.Screen(s) {
		t.Fatalf("n did not keep the edit: %q\n%s", got, k.View())
	}
	k.Press("esc", "y")
	if k.Top() == ui.Screen(s) {
		t.Fatalf("y did not drop the edit:\n%s", k.View())
	}
}
