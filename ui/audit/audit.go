// Package audit is screen 4 of UX.md: the audit log, newest first, paged
// from the server as the cursor nears the end, filtered by the server's
// search, read-only. Audit rows never hold secrets (the API has none);
// the tests keep it that way with a canary.
package audit

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// pageSize rows are fetched per request; the next page is asked for when
// the cursor comes within prefetch rows of the end.
const (
	pageSize = 200
	prefetch = 50
)

// debounce is how long typing must pause before the search is sent.
const debounce = 250 * time.Millisecond

// Column indices.
const (
	colTime = iota
	colActor
	colKey
	colAction
	colTarget
	colResult
	numCols
)

func columns() []vtable.Column {
	return []vtable.Column{
		colTime:   {Title: "Time", Width: 16},
		colActor:  {Title: "Actor", Min: 10, Max: 28, Grow: 1},
		colKey:    {Title: "SSH key", Min: 7, Max: 10},
		colAction: {Title: "Action", Min: 17, Max: 30, Grow: 1},
		colTarget: {Title: "Target", Min: 12, Max: 48, Grow: 3},
		colResult: {Title: "Result", Min: 6, Max: 40, Grow: 1},
	}
}

// Model is the audit screen. Create it with New.
type Model struct {
	c     *ui.Common
	keys  keyMap
	table vtable.Model
	bar   filter.Bar

	width, height int
	search        string // the search the rows answer
	typedSeq      uint64 // latest debounce tick

	rows    [][]string
	results []string // per row: the Result text, for the tone
	page    int      // last page loaded
	more    bool     // the server has another page
	total   int
	reqID   uint64
	loading bool
	loadErr error
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
)

// New returns the audit screen for the session c.
func New(c *ui.Common) ui.Screen { return newModel(c) }

func newModel(c *ui.Common) *Model {
	t := vtable.New(columns(), vtable.DefaultStyles(c.Renderer, c.Styles.Accent))
	t.SetEmptyText("No audit entries yet — every change and every reveal is recorded here")
	t.SetNoMatchText("No audit entry matches the search — esc clears it")
	t.Focus()
	m := &Model{c: c, table: t, bar: filter.NewBar(c, "actor, action, target or result"), width: 80, height: 20}
	m.keys = newKeyMap(t.Keys)
	m.layout()
	m.refreshKeys()
	return m
}

// Init loads the first page.
func (m *Model) Init() tea.Cmd { return m.Reload() }

// Title implements ui.Screen.
func (m *Model) Title() string { return "Audit" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// CapturesInput is true while the search input has focus.
func (m *Model) CapturesInput() bool { return m.bar.Focused() }

// Busy reports whether a page is being fetched.
func (m *Model) Busy() bool { return m.loading }

// Reload fetches the first page of the current search again.
func (m *Model) Reload() tea.Cmd { return m.fetch(1) }

// pageReply is one page converted to cells off the UI thread.
type pageReply struct {
	search  string
	page    int
	rows    [][]string
	results []string
	more    bool
	total   int
}

// fetch asks for page p of the current search; page 1 replaces the rows.
// Any reply still in flight becomes stale.
func (m *Model) fetch(p int) tea.Cmd {
	m.reqID, m.loading = m.c.NextID(), true
	search, cl, loc := m.bar.Value(), m.c.Client, m.c.Clock().Location()
	return ui.Request(m.c, m.reqID, func(ctx context.Context) (pageReply, error) {
		pg, err := cl.Audit.List(ctx, client.AuditListOptions{Page: p, PageSize: pageSize, Search: search})
		if err != nil {
			return pageReply{}, err
		}
		out := pageReply{search: search, page: p, more: pg.Next != nil, total: pg.Count,
			rows: make([][]string, len(pg.Results)), results: make([]string, len(pg.Results))}
		for i, e := range pg.Results {
			out.rows[i] = cells(e, loc)
			out.results[i] = e.Result
		}
		return out, nil
	})
}

func cells(e client.AuditEntry, loc *time.Location) []string {
	return []string{
		colTime:   e.Time.In(loc).Format("2006-01-02 15:04"),
		colActor:  e.Actor,
		colKey:    shortKey(e.ActorKey),
		colAction: e.Action,
		colTarget: e.Target,
		colResult: e.Result,
	}
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

// typedMsg is the debounce tick of the search input.
type typedMsg struct{ seq uint64 }

func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case ui.Reply[pageReply]:
		cmd = m.onPage(msg)
	case typedMsg:
		if msg.seq == m.typedSeq && m.bar.Value() != m.search {
			cmd = m.fetch(1)
		}
	case tea.KeyMsg:
		cmd = m.onKey(msg)
	}
	m.refreshKeys()
	return m, cmd
}

func (m *Model) onPage(msg ui.Reply[pageReply]) tea.Cmd {
	if msg.ID != m.reqID {
		return nil // an older page or search
	}
	m.loading = false
	if msg.Err != nil {
		m.loadErr = msg.Err
		return ui.Toast(ui.ToastError, "Loading the audit log failed: "+ui.ErrorText(msg.Err))
	}
	m.loadErr = nil
	v := msg.Value
	m.search, m.page, m.more, m.total = v.search, v.page, v.more, v.total
	if v.page == 1 {
		m.rows, m.results = v.rows, v.results
		m.table.SetRows(m.rows, nil)
		m.table.GotoTop()
	} else {
		m.rows = append(m.rows, v.rows...)
		m.results = append(m.results, v.results...)
		m.table.AppendRows(v.rows, nil)
	}
	results := m.results
	m.table.SetToneFunc(func(r int) vtable.Tone {
		if results[r] != "" && results[r] != "ok" {
			return vtable.ToneDanger
		}
		return vtable.ToneNormal
	})
	return m.maybeMore()
}

// maybeMore fetches the next page when the cursor nears the end.
func (m *Model) maybeMore() tea.Cmd {
	if !m.more || m.loading || m.table.CursorPos() < m.table.ViewLen()-prefetch {
		return nil
	}
	return m.fetch(m.page + 1)
}

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	if m.bar.Focused() {
		switch out, cmd := m.bar.Key(k, m.keys.KeepFilter, m.keys.ClearFilter); out {
		case filter.Kept:
			return m.searchNow()
		case filter.Cleared:
			return m.clearSearch()
		case filter.Changed:
			m.typedSeq = m.c.NextID()
			seq := m.typedSeq
			return tea.Batch(cmd, m.c.Tick(debounce, func(time.Time) tea.Msg { return typedMsg{seq: seq} }))
		default:
			return cmd
		}
	}
	switch {
	case key.Matches(k, m.keys.ClearFilter):
		return m.clearSearch()
	case key.Matches(k, m.keys.Filter):
		return m.bar.Focus()
	case key.Matches(k, m.keys.Reload):
		return m.Reload()
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(k)
	return tea.Batch(cmd, m.maybeMore())
}

// searchNow sends the typed search at once (enter) unless the rows already answer it.
func (m *Model) searchNow() tea.Cmd {
	m.typedSeq = m.c.NextID() // a pending debounce tick is now stale
	if m.bar.Value() == m.search && !m.loading {
		return nil
	}
	return m.fetch(1)
}

func (m *Model) clearSearch() tea.Cmd {
	m.bar.Clear()
	m.typedSeq = m.c.NextID()
	if m.search == "" && !m.loading {
		return nil
	}
	return m.fetch(1)
}

func (m *Model) layout() {
	m.table.SetSize(m.width, max(m.height-1, 2))
	m.bar.SetWidth(max(min(m.width/2-2, 40), 10))
}

func (m *Model) refreshKeys() {
	m.keys.update(m.bar.Focused(), m.search != "" || m.bar.Value() != "")
	m.keys.Table = m.table.Keys
}

// View renders the info line and the table.
func (m *Model) View() string {
	st := m.c.Styles
	var parts []string
	switch {
	case m.bar.Focused():
		parts = append(parts, m.bar.View())
	case m.search != "":
		parts = append(parts, st.Focused.Render("/ "+m.search))
	}
	count := thousands(len(m.rows))
	if m.total > len(m.rows) {
		count += " of " + thousands(m.total)
	}
	parts = append(parts, count+" entries, newest first")
	switch {
	case m.loading:
		parts = append(parts, st.Warning.Render("loading…"))
	case m.loadErr != nil:
		parts = append(parts, st.Error.Render("load failed: "+ui.ErrorText(m.loadErr)+" — ctrl+r retries"))
	}
	info := strings.Join(parts, st.Muted.Render(" · "))
	if ansi.StringWidth(info) > m.width {
		info = ansi.Truncate(info, m.width, "…")
	}
	return info + "\n" + m.table.View()
}

// thousands formats n with comma separators: 12345 → "12,345".
func thousands(n int) string {
	str := strconv.Itoa(n)
	var b strings.Builder
	for i := range len(str) {
		if i > 0 && (len(str)-i)%3 == 0 && str[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteByte(str[i])
	}
	return b.String()
}
