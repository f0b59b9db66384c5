package sshserver_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/sshserver"
)

// cutNotice is the message of Config.PasteCut in this test.
type cutNotice struct{}

// A bracketed paste cut at MaxPasteBytes is announced to the program
// (Config.PasteCut: the console shows a toast), not only logged: the person
// must learn the end of what they pasted was dropped (tester finding).
func TestCutPasteIsAnnouncedToTheProgram(t *testing.T) {
	srv, _, _ := startProbe(t, sshserver.Config{PasteCut: func() tea.Msg { return cutNotice{} }})
	c, con := openProbe(t, srv, 80, 24)
	defer c.Close()
	waitFrame(t, con, "size 80x24", longWait)
	paste := "\x1b[200~" + strings.Repeat("p", sshserver.MaxPasteBytes+4096) + "\x1b[201~"
	if err := con.Type(paste); err != nil {
		t.Fatal(err)
	}
	waitFrame(t, con, "cut 1", longWait)
}
