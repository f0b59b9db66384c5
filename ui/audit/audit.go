// Package audit is screen 4 of UX.md: the audit log, newest first, paged
// from the server as the cursor nears the end, filtered by the server's
// search, read-only, with a detail of every field. The list (paging,
// search, states) is ui/list's. Audit rows never hold secrets (the API has
// none); the tests keep it that way with a canary.
package audit

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// pageSize rows are fetched per request.
const pageSize = 200

// Column indices.
const (
	colTime = iota
	colActor
	colAction
	colTarget
	colResult
	colKey // last: blank unless an SSH key signed in, so a narrow terminal drops it first
	numCols
)

func columns(int) []vtable.Column {
	return []vtable.Column{
		colTime:   {Title: "Time", Width: 19}, // with seconds: two reveals in one minute are two rows
		colActor:  {Title: "Actor", Min: 10, Max: 28, Grow: 1},
		colAction: {Title: "Action", Min: 14, Max: 40, Grow: 1},
		colTarget: {Title: "Target", Min: 14, Max: 48, Grow: 3},
		colResult: {Title: "Result", Min: 6, Max: 40, Grow: 1},
		colKey:    {Title: "SSH key", Min: 7, Max: 10},
	}
}

// lister is the part of the API client this screen uses (a fake in tests).
type lister interface {
	List(ctx context.Context, opts client.AuditListOptions) (*client.AuditPage, error)
}

// Model is the audit screen. Create it with New.
type Model struct {
	list.Screen[client.AuditEntry]
	c    *ui.Common
	list *list.Model[client.AuditEntry]
	keys keyMap
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
	_ ui.Settler       = (*Model)(nil)
)

// New returns the audit screen for the session c.
func New(c *ui.Common) ui.Screen { return newModel(c, c.Client.Audit) }

func newModel(c *ui.Common, api lister) *Model {
	loc := c.Clock().Location()
	m := &Model{c: c}
	m.list = list.New(c, list.Spec[client.AuditEntry]{
		Noun: "entry", Nouns: "entries",
		Columns: columns,
		Cells:   func(e client.AuditEntry) []string { return cells(e, loc) },
		Key:     func(e client.AuditEntry) string { return strconv.FormatInt(e.ID, 10) },
		Tone:    tone,
		Load: func(ctx context.Context, search string) (list.Page[client.AuditEntry], error) {
			return page(ctx, api, search, 1)
		},
		ServerSearch: true,
		Lazy:         true,
		Detail:       func(e client.AuditEntry) ui.Screen { return detail(c, e, loc) },
		Texts: list.Texts{
			Loading:     "Loading the audit log…",
			Empty:       "No audit entries yet — every change and every reveal is recorded here",
			EmptyRO:     "No audit entries yet — every change and every reveal is recorded here",
			NoMatch:     "No audit entry matches the search — esc clears it",
			Failed:      "Could not load the audit log — ctrl+r retries",
			Placeholder: "actor, action, target or result",
			Order:       "newest first",
		},
	})
	m.keys = keyMap{list: m.list.Keys}
	m.Screen = list.Screen[client.AuditEntry]{List: m.list, Sync: func() { m.keys.list = m.list.Keys }}
	return m
}

// page fetches page p of search; its Next fetches p+1 while the server has more.
func page(ctx context.Context, api lister, search string, p int) (list.Page[client.AuditEntry], error) {
	pg, err := api.List(ctx, client.AuditListOptions{Page: p, PageSize: pageSize, Search: search})
	if err != nil {
		return list.Page[client.AuditEntry]{}, err
	}
	out := list.Page[client.AuditEntry]{Items: pg.Results, Total: pg.Count}
	if pg.Next != nil {
		out.Next = func(ctx context.Context) (list.Page[client.AuditEntry], error) { return page(ctx, api, search, p+1) }
	}
	return out, nil
}

func cells(e client.AuditEntry, loc *time.Location) []string {
	return []string{
		colTime:   e.Time.In(loc).Format("2006-01-02 15:04:05"),
		colActor:  e.Actor,
		colKey:    shortKey(e.ActorKey),
		colAction: actionCell(e.Action),
		colTarget: targetCell(e.Target),
		colResult: e.Result,
	}
}

// actionCell puts the verb first ("client_credential.secret.reveal" →
// "secret.reveal (client_credential)"): at 80 columns every row began
// "client_credentia…" and looked alike. The detail shows the action as is.
func actionCell(a string) string {
	resource, verb, ok := strings.Cut(a, ".")
	if !ok || verb == "" {
		return a
	}
	return verb + " (" + resource + ")"
}

// targetCell puts the name first ("client_credential:12 (k8s operator)" →
// "k8s operator #12"): the resource is in the Action cell already.
func targetCell(t string) string {
	_, rest, ok := strings.Cut(t, ":")
	id, name, named := strings.Cut(rest, " (")
	if !ok || !named || !strings.HasSuffix(name, ")") || strings.ContainsAny(id, " ()") {
		return t
	}
	return strings.TrimSuffix(name, ")") + " #" + id
}

func tone(e client.AuditEntry) vtable.Tone {
	if e.Result != "" && e.Result != "ok" {
		return vtable.ToneDanger
	}
	return vtable.ToneNormal
}

// detail shows every field of one entry.
func detail(c *ui.Common, e client.AuditEntry, loc *time.Location) ui.Screen {
	return list.NewDetail(c, "Audit › "+e.Action, []list.Field{
		{Label: "Time", Value: e.Time.In(loc).Format("2006-01-02 15:04:05 MST")},
		{Label: "Actor", Value: e.Actor},
		{Label: "Actor client id", Value: c.ShownClientID(e.ActorID)},
		{Label: "SSH key", Value: e.ActorKey},
		{Label: "Action", Value: e.Action},
		{Label: "Target", Value: e.Target},
		{Label: "Result", Value: e.Result},
	})
}

// shortKey keeps the recognisable start of an SSH key fingerprint,
// without the hash name: "SHA256:nThbg6kXUp…" → "nThbg6kX…".
func shortKey(k string) string {
	const keep = 9
	if i := strings.IndexByte(k, ':'); i >= 0 {
		k = k[i+1:]
	}
	if len(k) <= keep {
		return k
	}
	return k[:keep-1] + "…"
}

// Title implements ui.Screen.
func (m *Model) Title() string { return "Audit" }

// Shown implements ui.Shower: coming back to the Audit tab reloads it, so
// the entries of what was just done elsewhere are there (a tester saw
// "16 entries" after a reveal, a rotation and a delete until ctrl+r).
func (m *Model) Shown() tea.Cmd { return m.list.Reload() }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// Update implements ui.Screen: everything is the list's.
func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) { return m, m.Handle(msg) }

// View renders the info line and the table.
func (m *Model) View() string { return m.list.View() }
