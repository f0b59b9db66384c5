package audit

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/pamconsole/pamconsole/ui/uitest"
)

func TestGoldenAudit(t *testing.T) {
	m := newModel(testCommon(nil))
	m.fetch(1) // takes the request id; its HTTP command is not run
	reply := pageOf(m.reqID, "", 1, entries(0, 60), true, 60)
	uitest.RunGolden(t, m, true, "60 entries", func(tm *teatest.TestModel) { tm.Send(reply) })
}
