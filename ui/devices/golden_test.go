package devices

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/pamconsole/pamconsole/ui/uitest"
)

func TestGoldenDevices(t *testing.T) {
	m := newModel(testCommon(nil))
	m.Reload() // takes the request id; its HTTP command is not run
	reply := loadedReply(m.loadID, sampleDevices())
	uitest.RunGolden(t, m, true, "4 devices", func(tm *teatest.TestModel) { tm.Send(reply) })
}
