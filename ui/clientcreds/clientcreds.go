// Package clientcreds is screen 1 of the console: seed 000's Settings »
// Client Credentials table with its detail pane, add wizard, edit, edit
// scopes, delete, bulk delete and rotate flows. The table, its filter,
// states, marks and confirmations are ui/list's; this package supplies the
// columns, cells, actions and texts. Every HTTP call runs in a tea.Cmd
// through the api interface; stale replies are dropped.
package clientcreds

import (
	"cmp"
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// EmptyText is the table's empty state.
const EmptyText = "No client credentials yet — press n to add one"

// Model is the Client Credentials screen.
type Model struct {
	c    *ui.Common
	api  api
	keys keyMap
	list *list.Model[client.ClientCredential]

	catalogue   *client.ScopeCatalogue // loaded once
	catalogueID uint64                 // the catalogue request in flight; 0 when none

	secrets secretActions // reveal for 30 s, copy

	width, height int
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
	_ ui.Busy          = (*Model)(nil)
	_ ui.Settler       = (*Model)(nil)
)

// New builds the screen; Init starts the first load.
func New(c *ui.Common) ui.Screen {
	return newModel(c, clientAPI{c: c.Client})
}

func newModel(c *ui.Common, a api) *Model {
	m := &Model{c: c, api: a, keys: newKeyMap(), secrets: newSecretActions(c, a), width: 80, height: 20}
	m.list = list.New(c, list.Spec[client.ClientCredential]{
		Noun: "client credential", Nouns: "client credentials",
		Columns: columns,
		Cells:   func(cc client.ClientCredential) []string { return cells(c, cc, c.Clock()) },
		Key:     func(cc client.ClientCredential) string { return keyOf(cc.ID) },
		Match:   matchCols,
		Tone:    func(cc client.ClientCredential) vtable.Tone { return toneOf(cc, c.Clock()) },
		Marks:   true,
		Sorts:   sorts,
		Load: func(ctx context.Context, _ string) (list.Page[client.ClientCredential], error) {
			creds, err := a.ListAll(ctx)
			return list.Page[client.ClientCredential]{Items: creds, Total: -1}, err
		},
		Detail: func(cc client.ClientCredential) ui.Screen { return newDetail(c, a, cc, m.catalogue) },
		Texts: list.Texts{
			Empty:       EmptyText,
			NoMatch:     "No client credentials match the filter — esc clears it",
			Placeholder: "filter by name or client id",
		},
	})
	m.layout()
	m.syncKeys()
	return m
}

// sorts are the orders o cycles through (UX.md: name, valid till, last
// used); never used sorts before any use.
var sorts = []list.Sort[client.ClientCredential]{
	{Title: "Name", Compare: func(a, b client.ClientCredential) int {
		return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	}},
	{Title: "Valid Till", Compare: func(a, b client.ClientCredential) int { return a.ValidTill.Compare(b.ValidTill) }},
	{Title: "Last used", Compare: func(a, b client.ClientCredential) int { return usedTime(a).Compare(usedTime(b)) }},
}

// Title implements ui.Screen.
func (m *Model) Title() string { return "Client Credentials" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// CapturesInput implements ui.InputCapturer: true while typing a filter.
func (m *Model) CapturesInput() bool { return m.list.Typing() }

// Settling implements ui.Settler: keys wait for the rows (and the scope
// catalogue that n and s need) the screen is about to show.
func (m *Model) Settling() bool { return m.list.Settling() || m.catalogueID != 0 }

// Init implements ui.Screen.
func (m *Model) Init() tea.Cmd { return m.Reload() }

// Reload implements ui.Reloader: fetch every credential (and the scope
// catalogue until it loaded once).
func (m *Model) Reload() tea.Cmd {
	cmd := m.list.Reload()
	if m.catalogue == nil {
		m.catalogueID = m.c.NextID()
		svc := m.api
		cmd = tea.Batch(cmd, ui.Request(m.c, m.catalogueID, svc.Catalogue))
	}
	return cmd
}

// Busy implements ui.Busy: the status bar spins while a call is out.
func (m *Model) Busy() bool { return m.list.Busy() || m.catalogueID != 0 }

// focused is the credential under the cursor (nil when the view is empty).
func (m *Model) focused() *client.ClientCredential {
	if cc, ok := m.list.Focused(); ok {
		return &cc
	}
	return nil
}

// layout sizes the list to the screen; a header line above it counts the
// expired and expiring credentials, the line below it shows a revealed secret.
func (m *Model) layout() { m.list.SetSize(m.width, m.height, 2) }

// Creds returns the credentials the table holds (tests, benchmarks).
func (m *Model) Creds() []client.ClientCredential { return m.list.Items() }

// names lists up to limit names of creds, quoted, for confirmation texts.
func names(creds []client.ClientCredential, limit int) string {
	n := make([]string, len(creds))
	for i, cc := range creds {
		n[i] = cc.Name
	}
	return list.Names(n, limit)
}
