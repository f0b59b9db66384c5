// Package info is screen 5 of UX.md: PAM Core protected information
// (PAMCORE-VENDOR.md §5). Our server lists the items (an extension: the
// vendor has no list); against a server that cannot list, o opens an item
// by its id or identifier. The detail shows every field with the content
// masked until r (an audited read, pam.info.reveal), n creates an item and
// d disables one after a confirmation naming it. Viewers and presentation
// sessions never get r, and viewers never get n or d: the keys are off (in
// the footer and in ? help) and refused before any request.
//
// The list (table, filter, states, confirmations) is ui/list's; this file
// supplies the columns, cells and texts; keys.go the key map, actions.go
// the actions, detail.go the detail, open.go the open-by-id prompt and
// form.go the new-item form.
package info

import (
	"context"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Column indices of a row's cells.
const (
	colID = iota
	colIdentifier
	colName
	colType
	colService
	colActive
)

var matchCols = []int{colIdentifier, colName, colType, colService}

func columns(int) []vtable.Column {
	return []vtable.Column{
		colID:         {Title: "ID", Min: 2, Max: 8},
		colIdentifier: {Title: "Identifier", Min: 10, Max: 30, Grow: 2},
		colName:       {Title: "Name", Min: 14, Max: 48, Grow: 3},
		colType:       {Title: "Type", Min: 8, Max: 24},
		colService:    {Title: "Service", Min: 8, Max: 24},
		colActive:     {Title: "Active", Width: 6},
	}
}

func cells(it client.Info) []string {
	active := "no"
	if it.IsActive() {
		active = "yes"
	}
	return []string{colID: it.ID.String(), colIdentifier: it.Ref(), colName: it.Name, colType: it.Type,
		colService: it.Service, colActive: active}
}

func tone(it client.Info) vtable.Tone {
	if !it.IsActive() {
		return vtable.ToneDim
	}
	return vtable.ToneNormal
}

// pageSize is how many items one request of the list asks for.
const pageSize = 500

// api is the part of the API client this screen uses (a fake in tests).
type api interface {
	List(ctx context.Context, opts client.InfoListOptions) (*client.InfoList, error)
	Get(ctx context.Context, ref string) (*client.Info, error)
	GetPublic(ctx context.Context, ref string) (*client.Info, error)
	Create(ctx context.Context, in client.InfoCreate) (*client.InfoReply, error)
	Disable(ctx context.Context, ref string) (*client.PAMReply, error)
}

// Model is the protected information screen. Create it with New.
type Model struct {
	list.Screen[client.Info]
	c    *ui.Common
	api  api
	keys keyMap
	list *list.Model[client.Info]
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
	_ ui.Settler       = (*Model)(nil)
	_ ui.StateHelp     = (*Model)(nil)
)

// New returns the protected information screen for the session c.
func New(c *ui.Common) ui.Screen {
	var a api
	if c.Client != nil {
		a = c.Client.Info
	}
	return newModel(c, a)
}

func newModel(c *ui.Common, a api) *Model {
	m := &Model{c: c, api: a, keys: newKeyMap()}
	m.list = list.New(c, list.Spec[client.Info]{
		Noun: "item", Nouns: "protected items",
		Columns: columns, Cells: cells, Match: matchCols, Tone: tone,
		Key:    func(it client.Info) string { return it.ID.String() },
		Load:   func(ctx context.Context, _ string) (list.Page[client.Info], error) { return loadPage(ctx, a, 0) },
		Detail: func(it client.Info) ui.Screen { return newDetail(c, a, it) },
		Texts: list.Texts{
			Empty:       "No protected information yet — press n to add an item, o to open one by id",
			EmptyRO:     "No protected information visible to this client — o opens an item by id",
			Failed:      "No list from this server (a senhasegura has none) — o opens an item by id",
			Placeholder: "identifier, name, type, service",
		},
	})
	m.syncKeys()
	m.Screen = list.Screen[client.Info]{List: m.list, OnKey: m.onKey, OnPopped: m.onPopped, Sync: m.syncKeys}
	return m
}

// loadPage fetches the items from offset on; Next follows while the
// server says there are more.
func loadPage(ctx context.Context, a api, offset int) (list.Page[client.Info], error) {
	l, err := a.List(ctx, client.InfoListOptions{Limit: pageSize, Offset: offset})
	if err != nil {
		return list.Page[client.Info]{}, err
	}
	items := l.Infos
	for i := range items {
		items[i].Content = nil // the list never holds a secret, whatever the server sent
	}
	p := list.Page[client.Info]{Items: items, Total: -1}
	if l.Total != nil {
		p.Total = *l.Total
	}
	next := offset + len(items)
	if len(items) == pageSize && (l.Total == nil || next < *l.Total) {
		p.Next = func(ctx context.Context) (list.Page[client.Info], error) { return loadPage(ctx, a, next) }
	}
	return p, nil
}

// Title implements ui.Screen.
func (m *Model) Title() string { return "Protected information" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Update implements ui.Screen (list.Screen routes).
func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) { return m, m.Handle(msg) }

// View renders the info line and the table.
func (m *Model) View() string { return m.list.View() }
