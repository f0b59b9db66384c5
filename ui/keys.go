package ui

import (
	"strconv"

	"github.com/charmbracelet/bubbles/key"
)

// globalKeys are the root's keys (UX.md "Global").
type globalKeys struct {
	Tabs     []key.Binding
	NextTab  key.Binding
	PrevTab  key.Binding
	Help     key.Binding
	HelpF1   key.Binding // help even where ? types (a text field)
	Close    key.Binding
	QuitList key.Binding
	Quit     key.Binding
	Reload   key.Binding
	Messages key.Binding // the session's message log
	Profile  key.Binding // P: switch to another profile (local sessions)
}

func newGlobalKeys(nTabs int) globalKeys {
	k := globalKeys{
		NextTab:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		PrevTab:  key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		HelpF1:   key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "help, also in a text field")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		QuitList: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit from anywhere")),
		Reload:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		Messages: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "messages, in full")),
		Profile:  key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "switch profile"), key.WithDisabled()),
	}
	for i := 0; i < nTabs && i < 9; i++ {
		d := string(rune('1' + i))
		k.Tabs = append(k.Tabs, key.NewBinding(key.WithKeys(d), key.WithHelp(d, "screen "+d)))
	}
	return k
}

// shown is a copy for help: the keys a capturing screen takes for itself
// (letters, digits, tab, ?) and q below a list screen are disabled, so the
// help never offers a key that would type instead.
func (k globalKeys) shown(capturing, listScreen bool) globalKeys {
	tabs := make([]key.Binding, len(k.Tabs))
	copy(tabs, k.Tabs)
	for i := range tabs {
		tabs[i].SetEnabled(!capturing)
	}
	k.Tabs = tabs
	k.NextTab.SetEnabled(!capturing)
	k.PrevTab.SetEnabled(!capturing)
	k.Help.SetEnabled(!capturing)
	k.Messages.SetEnabled(!capturing)
	k.QuitList.SetEnabled(!capturing && listScreen)
	k.Profile.SetEnabled(k.Profile.Enabled() && !capturing && listScreen)
	return k
}

// FullHelp lists the global keys in the help overlay.
func (k globalKeys) FullHelp() [][]key.Binding {
	tabs := key.NewBinding(key.WithKeys("1"), key.WithHelp("1-"+strconv.Itoa(len(k.Tabs)), "switch screen"))
	tabs.SetEnabled(len(k.Tabs) > 0 && k.Tabs[0].Enabled())
	return [][]key.Binding{{tabs, k.NextTab, k.PrevTab}, {k.Reload, k.QuitList, k.Quit, k.Help, k.HelpF1, k.Messages, k.Profile}}
}

// GlobalKeyNames lists every key the root handles for an App of nTabs tabs
// (the README's key table is checked against it).
func GlobalKeyNames(nTabs int) []string {
	k := newGlobalKeys(nTabs)
	var names []string
	for _, b := range append(k.Tabs, k.NextTab, k.PrevTab, k.Help, k.HelpF1, k.Close, k.QuitList, k.Quit, k.Reload, k.Messages, k.Profile) {
		names = append(names, b.Keys()...)
	}
	return names
}
