package credentials

import (
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

func TestGoldenList(t *testing.T) {
	c := uitest.NewCommon(nil)
	k := kit(t, c, newModel(c, sourcesOf(newFake(1000))))
	k.MustShow("1,000 credentials")
	k.Golden()
}

func TestGoldenFilteredList(t *testing.T) {
	c := uitest.NewCommon(nil)
	k := kit(t, c, newModel(c, sourcesOf(newFake(1000))))
	k.Press("/")
	k.Type("orcl")
	k.Press("enter")
	k.MustShow("of 1,000")
	k.Golden()
}

// The form after a save the server refused with 1004: the error sits under
// Hostname and everything typed is kept.
func TestGoldenFormServerError(t *testing.T) {
	c := uitest.NewCommon(nil)
	fa := sourcesOf(newFake(1))
	fa.upsertErr = &client.APIError{StatusCode: 400, PAMCode: 1004, Message: "1004: The device's hostname was not informed"}
	f := newForm(c, fa, nil, 80)
	f.Form.SetValue(fieldIdentifier, "web01-root")
	f.Form.SetValue(fieldUsername, "root")
	f.Form.SetValue(fieldIP, "10.0.0.11")
	f.Form.SetValue(fieldPassword, "typed-secret")
	f.Form.SetValue(fieldDeviceType, "Server")
	f.Form.SetValidate(fieldHostname, nil) // the server is the one to refuse it here
	k := kit(t, c, f)
	k.Press("ctrl+s")
	k.MustShow("1004")
	k.Golden()
}
