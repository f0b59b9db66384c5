package list

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// zone is the click zone of this list's table (unique in the session).
func (l *Model[T]) zone() string {
	if l.zoneID == "" {
		l.zoneID = l.c.ZonePrefix() + "list"
	}
	return l.zoneID
}

// mouse: the wheel moves the cursor three rows; a click on a row focuses
// it, and a click on its checkbox also marks or unmarks it.
func (l *Model[T]) mouse(msg tea.MouseMsg) (tea.Cmd, bool) {
	switch d := ui.Wheel(msg); {
	case d < 0:
		l.table.MoveUp(3)
		return l.more(), true
	case d > 0:
		l.table.MoveDown(3)
		return l.more(), true
	}
	if msg.Button != tea.MouseButtonLeft || msg.Action != tea.MouseActionPress {
		return nil, false
	}
	x, y := l.c.ZonePos(l.zone(), msg)
	p, ok := l.table.PosAt(y)
	if x < 0 || !ok {
		return nil, x >= 0
	}
	l.table.FocusPos(p)
	if l.table.OnMark(x) {
		l.table.ToggleMark()
	}
	return l.more(), true
}
