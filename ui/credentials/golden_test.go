package credentials

import (
	"bytes"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
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
	f := newForm(c, nil, nil, 80)
	f.form.SetValue(fieldIdentifier, "web01-root")
	f.form.SetValue(fieldUsername, "root")
	f.form.SetValue(fieldIP, "10.0.0.11")
	f.form.SetValue(fieldPassword, "typed-secret")
	f.form.SetValue(fieldDeviceType, "Server")
	f.saveID = c.NextID()
	id := f.saveID
	uitest.RunGolden(t, f, false, "1004", func(tm *teatest.TestModel) {
		tm.Send(ui.Reply[upsertResult]{ID: id, Err: &client.APIError{StatusCode: 400, Code: 1004,
			Message: "1004: The device's hostname was not informed"}})
	})
}
