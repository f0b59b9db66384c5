package credentials

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

func TestGoldenList(t *testing.T) {
	m := newModel(newTestCommon(nil), sourcesOf(newFake(1000)))
	uitest.RunGolden(t, m, false, "1,000 credentials", nil)
}

func TestGoldenFilteredList(t *testing.T) {
	m := newModel(newTestCommon(nil), sourcesOf(newFake(1000)))
	uitest.RunGolden(t, m, false, "of 1,000", func(tm *teatest.TestModel) {
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("1,000 credentials")) },
			teatest.WithDuration(10*time.Second))
		tm.Send(keyMsg("/"))
		tm.Type("oracle 0.3")
		tm.Send(keyMsg("enter"))
	})
}

// The form after a save the server refused with 1004: the error sits under
// Hostname and everything typed is kept.
func TestGoldenFormServerError(t *testing.T) {
	c := newTestCommon(nil)
	fa := sourcesOf(newFake(1))
	fa.upsertErr = &client.APIError{StatusCode: 400, Code: 1004, Message: "1004: The device's hostname was not informed"}
	f := newForm(c, fa, nil, 80)
	f.Form.SetValue(fieldIdentifier, "web01-root")
	f.Form.SetValue(fieldUsername, "root")
	f.Form.SetValue(fieldIP, "10.0.0.11")
	f.Form.SetValue(fieldPassword, "typed-secret")
	f.Form.SetValue(fieldDeviceType, "Server")
	f.Form.SetValidate(fieldHostname, nil) // the server is the one to refuse it here
	uitest.RunGolden(t, f, false, "1004", func(tm *teatest.TestModel) {
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	})
}
