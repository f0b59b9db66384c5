// Package clientcreds is screen 1 of the console: seed 000's Settings »
// Client Credentials table with its detail pane, add wizard, edit, edit
// scopes, delete, bulk delete and rotate flows. Every HTTP call runs in a
// tea.Cmd through c.Client.ClientCredentials; replies carry a request id and
// stale ones are dropped.
package clientcreds

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// EmptyText is the table's empty state.
const EmptyText = "No client credentials yet — press n to add one"

// Model is the Client Credentials screen.
type Model struct {
	c    *ui.Common
	api  api
	keys keyMap

	table  vtable.Model
	filter filter.Filter
	bar    filter.Bar

	creds     []client.ClientCredential // row i of the table is creds[i]
	catalogue *client.ScopeCatalogue    // loaded once

	loadID   uint64 // latest load; other load replies are dropped
	actionID uint64 // latest write (delete, bulk delete, rotate)
	loading  bool
	loaded   bool
	busy     string // what the pending write is doing ("Deleting…"); "" when idle
	loadErr  string

	secrets secretActions // reveal for 30 s, copy

	width, height int
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
	_ ui.Busy          = (*Model)(nil)
)

// New builds the screen; Init starts the first load.
func New(c *ui.Common) ui.Screen {
	return newModel(c, clientAPI{c: c.Client})
}

func newModel(c *ui.Common, a api) *Model {
	st := vtable.DefaultStyles(c.Renderer, c.Styles.Accent)
	t := vtable.New(columns(80), st)
	t.SetEmptyText("Loading client credentials…")
	t.SetNoMatchText("No client credentials match the filter — esc clears it")
	t.SetMarking(true)
	t.SetMatchColumns(matchCols)
	t.Focus()
	m := &Model{c: c, api: a, keys: newKeyMap(), table: t, bar: filter.NewBar(c, "filter by name or client id"), secrets: newSecretActions(c, a), width: 80, height: 20}
	m.table.SetToneFunc(m.tone)
	m.layout()
	m.syncKeys()
	return m
}

// Title implements ui.Screen.
func (m *Model) Title() string { return "Client Credentials" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// CapturesInput implements ui.InputCapturer: true while typing a filter.
func (m *Model) CapturesInput() bool { return m.bar.Focused() }

// Init implements ui.Screen.
func (m *Model) Init() tea.Cmd { return m.Reload() }

// Reload implements ui.Reloader: fetch every credential (and the scope
// catalogue the first time).
func (m *Model) Reload() tea.Cmd {
	m.loadID = m.c.NextID()
	m.loading = true
	needCatalogue := m.catalogue == nil
	svc := m.api
	load := ui.Request(m.c, m.loadID, func(ctx context.Context) (loaded, error) {
		var out loaded
		var err error
		if needCatalogue {
			if out.catalogue, err = svc.Catalogue(ctx); err != nil {
				return out, err
			}
		}
		out.creds, err = svc.ListAll(ctx)
		return out, err
	})
	return load
}

// Busy implements ui.Busy: the status bar spins while a call is out.
func (m *Model) Busy() bool { return m.loading || m.busy != "" }

// loaded is the value of a load reply.
type loaded struct {
	creds     []client.ClientCredential
	catalogue *client.ScopeCatalogue
}

// focused is the credential under the cursor (nil when the view is empty).
func (m *Model) focused() *client.ClientCredential {
	r := m.table.Cursor()
	if r < 0 || r >= len(m.creds) {
		return nil
	}
	return &m.creds[r]
}

func (m *Model) tone(row int) vtable.Tone {
	if row < 0 || row >= len(m.creds) {
		return vtable.ToneNormal
	}
	return toneOf(m.creds[row], m.c.Clock())
}

// setCreds replaces the rows, keeping cursor and marks on the same ids,
// and re-runs the filter on the new data.
func (m *Model) setCreds(creds []client.ClientCredential) tea.Cmd {
	m.creds = creds
	rows, keys := buildRows(m.c, creds, m.c.Clock())
	m.table.SetRows(rows, keys)
	hay := make([]string, len(rows))
	for i, row := range rows {
		hay[i] = vtable.JoinCells(row, matchCols)
	}
	return m.filter.SetSnapshot(filter.NewSnapshot(hay))
}

// upsert puts cc in place of the row with its id, or appends it.
func (m *Model) upsert(cc client.ClientCredential) tea.Cmd {
	creds := append([]client.ClientCredential(nil), m.creds...)
	for i := range creds {
		if creds[i].ID == cc.ID {
			cc.ClientSecret = client.MaskedSecret
			creds[i] = cc
			return m.setCreds(creds)
		}
	}
	cc.ClientSecret = client.MaskedSecret
	cmd := m.setCreds(append(creds, cc))
	m.table.SetCursorByKey(keyOf(cc.ID))
	return cmd
}

// remove drops the rows whose ids are in gone.
func (m *Model) remove(gone map[int64]bool) tea.Cmd {
	kept := make([]client.ClientCredential, 0, len(m.creds))
	for _, cc := range m.creds {
		if !gone[cc.ID] {
			kept = append(kept, cc)
		}
	}
	return m.setCreds(kept)
}

// layout sizes the table to the screen (and picks its columns for the width).
func (m *Model) layout() {
	if (m.width < wideAt) != (m.table.Width() < wideAt) || m.table.Width() == 0 {
		m.table.SetColumns(columns(m.width))
	}
	m.table.SetSize(m.width, max(m.height-2, 2))
	m.bar.SetWidth(max(m.width-12, 8))
}

// Creds returns the credentials the table holds (tests, benchmarks).
func (m *Model) Creds() []client.ClientCredential { return m.creds }

// names lists up to limit names of creds, quoted, for confirmation texts.
func names(creds []client.ClientCredential, limit int) string {
	var q []string
	for i, cc := range creds {
		if i == limit {
			q = append(q, "…")
			break
		}
		q = append(q, "“"+cc.Name+"”")
	}
	return strings.Join(q, ", ")
}
