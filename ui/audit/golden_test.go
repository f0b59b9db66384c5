package audit

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// noLoad is the screen without its first load: the test delivers the reply.
type noLoad struct{ *Model }

func (noLoad) Init() tea.Cmd { return nil }

func TestGoldenAudit(t *testing.T) {
	c := uitest.NewCommon(nil)
	m := newModel(c)
	k := uitest.New(t, ui.Tab{Name: "Audit", New: func(*ui.Common) ui.Screen { return noLoad{m} }}, uitest.WithSession(c), uitest.WithNow(testNow))
	m.fetch(1) // takes the request id; its HTTP command is not run
	k.Send(pageOf(m.reqID, "", 1, entries(0, 60), true, 60))
	k.MustShow("60 entries")
	k.Golden()
}
