// Package credentials is screen 2 of UX.md: the PAM Core credentials
// browser. It streams GET credential in batches (first rows on screen
// before the body is parsed), filters and sorts off the UI thread (the
// list, its states and confirmations are ui/list's), and never holds a
// password: the list API has none, the detail pane keeps only the
// non-secret fields, and a revealed password lives in the masked widget
// until it re-masks.
//
// Files: credentials.go the screen and its list spec, load.go the streaming
// source, rows.go cells and row states, sort.go the orders, actions.go the
// row actions, keys.go the bindings, view.go the legend, detail.go and
// form.go the pushed screens, info.go and errors.go their helpers.
package credentials

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Model is the credentials list screen. Create it with New.
type Model struct {
	list.Screen[row]
	c    *ui.Common
	api  api
	keys keyMap
	list *list.Model[row]
	sum  struct { // summary() for the rows it counted
		len  int
		text string
	}
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
	_ ui.Settler       = (*Model)(nil)
)

// New returns the credentials screen for the session c.
func New(c *ui.Common) ui.Screen { return newModel(c, clientAPI{c.Client}) }

func newModel(c *ui.Common, a api) *Model {
	if a == nil {
		a = clientAPI{c.Client}
	}
	m := &Model{c: c, api: a, keys: newKeyMap()}
	m.list = list.New(c, list.Spec[row]{
		Noun: "credential", Nouns: "credentials",
		Columns: func(int) []vtable.Column { return columns() },
		Cells:   row.cells,
		Key:     row.id,
		Match:   matchCols,
		Tone:    func(r row) vtable.Tone { return toneFor(r.rec.state) },
		Load:    streamLoad(c, a),
		Stream:  true,
		Sorts:   sorts(),
		Detail:  func(r row) ui.Screen { return m.detailOf(r) },
		Texts: list.Texts{
			Empty:       "No credentials yet — press n to add one",
			Placeholder: "identifier, username, hostname, IP, type, device",
		},
	})
	m.Screen = list.Screen[row]{List: m.list, Below: 1, OnKey: m.onKey, OnPopped: m.onPopped, Sync: m.syncKeys}
	m.syncKeys()
	return m
}

// Title implements ui.Screen.
func (m *Model) Title() string { return "Credentials" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Update implements ui.Screen (list.Screen routes).
func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) { return m, m.Handle(msg) }

// focused returns the focused row.
func (m *Model) focused() (row, bool) { return m.list.Focused() }
