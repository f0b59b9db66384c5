package uitest

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// named are the keys Key knows by name (tea.KeyMsg.String spellings).
var named = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "f1": tea.KeyF1,
}

// Key is the message of one key press named as Bubble Tea spells it
// ("enter", "esc", "shift+tab", "ctrl+s", "space", "up"), or of the literal
// text s otherwise: "d" is one key, "graf" is one message carrying four
// runes, as a terminal delivers a fast burst or a script (the App splits it).
func Key(s string) tea.KeyMsg {
	if t, ok := named[s]; ok {
		return tea.KeyMsg{Type: t}
	}
	if s == "space" || s == " " {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if l, ok := strings.CutPrefix(s, "ctrl+"); ok && len(l) == 1 && l[0] >= 'a' && l[0] <= 'z' {
		return tea.KeyMsg{Type: tea.KeyType(l[0] - 'a' + 1)} // tea.KeyCtrlA … tea.KeyCtrlZ
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// Keys is Key of each name.
func Keys(names ...string) []tea.Msg {
	out := make([]tea.Msg, len(names))
	for i, n := range names {
		out[i] = Key(n)
	}
	return out
}

// Runes is s typed one key per message (a human typing, not a burst).
func Runes(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}
