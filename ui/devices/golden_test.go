package devices

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// noLoad is the screen without its first load: the test delivers the reply.
type noLoad struct{ *Model }

func (noLoad) Init() tea.Cmd { return nil }

func TestGoldenDevices(t *testing.T) {
	c := uitest.NewCommon(nil)
	m := newModel(c)
	k := uitest.New(t, ui.Tab{Name: "Devices", New: func(*ui.Common) ui.Screen { return noLoad{m} }}, uitest.WithSession(c))
	m.Reload() // takes the request id; its HTTP command is not run
	k.Send(loadedReply(m.loadID, sampleDevices()))
	k.MustShow("4 devices")
	k.Golden()
}
