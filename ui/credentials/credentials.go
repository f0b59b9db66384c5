// Package credentials is screen 2 of UX.md: the PAM Core credentials
// browser. It streams GET credential in batches (first rows on screen
// before the body is parsed), filters and sorts off the UI thread, and
// never holds a password: the list API has none, the detail pane keeps
// only the non-secret fields, and a revealed password lives in the masked
// widget until it re-masks.
package credentials

import (
	"context"
	"slices"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Model is the credentials list screen. Create it with New.
type Model struct {
	c     *ui.Common
	keys  keyMap
	table vtable.Model
	bar   filter.Bar
	flt   filter.Filter

	width, height int

	// shown is the filter result on screen (Seq 0: none).
	shown filter.Result

	// The streaming load in progress (or the last one).
	api     api
	load    *load
	loading bool
	fresh   bool // the load has not delivered a batch yet: the old rows are still shown
	total   int  // -1 when unknown
	loadErr error
	conv    converter

	// The rows, append-only between reloads (commands read prefixes of
	// them concurrently); gen changes whenever they are replaced.
	gen     uint64
	recs    []record
	rows    [][]string
	rowKeys []string
	hay     []string

	snapLen     int  // rows the filter's snapshot covers
	snapPending bool // a snapshot build is running

	sort     sortSpec
	perm     []int // nil: server order
	pos      []int
	sortSeq  uint64
	sortBusy bool

	// actID is the id of the list's own request in flight (copy, edit
	// prefetch, deactivate, activate, release); 0 when none.
	actID   uint64
	actText string
	pending *pendingAction // waiting for the user's confirmation

	selectKey string // put the cursor on this row once it arrives (after a save)
}

var (
	_ ui.Screen        = (*Model)(nil)
	_ ui.Reloader      = (*Model)(nil)
	_ ui.InputCapturer = (*Model)(nil)
)

// New returns the credentials screen for the session c.
func New(c *ui.Common) ui.Screen { return newModel(c, clientAPI{c.Client}) }

func newModel(c *ui.Common, a api) *Model {
	if a == nil {
		a = clientAPI{c.Client}
	}
	st := vtable.DefaultStyles(c.Renderer, c.Styles.Accent)
	t := vtable.New(columns(), st)
	t.SetMatchColumns(matchCols)
	t.SetNoMatchText("No credential matches the filter — esc clears it")
	if c.CanWrite() {
		t.SetEmptyText("No credentials yet — press n to add one")
	} else {
		t.SetEmptyText("No credentials visible to this client")
	}
	t.Focus()
	bar := filter.NewBar(c, "identifier, username, hostname, IP, type, device")
	m := &Model{c: c, table: t, bar: bar, api: a, total: -1, sort: sortSpec{col: -1}, width: 80, height: 20}
	m.keys = newKeyMap(t.Keys)
	m.layout()
	m.refreshKeys()
	return m
}

// Init starts the first load.
func (m *Model) Init() tea.Cmd { return m.Reload() }

// Title implements ui.Screen.
func (m *Model) Title() string { return "Credentials" }

// KeyMap implements ui.Screen.
func (m *Model) KeyMap() help.KeyMap { return m.keys }

// CapturesInput is true while the filter input has focus.
func (m *Model) CapturesInput() bool { return m.bar.Focused() }

// Busy reports whether a load or a request of the list is running.
func (m *Model) Busy() bool { return m.loading || m.actID != 0 }

// Reload abandons any load in progress (its late batches are dropped) and
// streams the list again. The old rows stay on screen until the first
// batch arrives.
func (m *Model) Reload() tea.Cmd {
	m.load.abandon()
	parent := m.c.Ctx
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancelCause(parent)
	m.conv = newConverter(m.c.Clock(), m.c.Client)
	m.load = &load{id: m.c.NextID(), ctx: ctx, cancel: cancel, api: m.api, conv: m.conv, stall: m.c.RequestTimeout}
	m.loading, m.fresh, m.loadErr, m.total = true, true, nil, -1
	return m.load.first()
}

// Close abandons the load in progress (the session or the screen is going away).
func (m *Model) Close() { m.load.abandon() }

func (m *Model) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
	case batchMsg:
		cmd = m.onBatch(msg)
	case snapMsg:
		cmd = m.onSnapshot(msg)
	case filter.Result:
		m.onFilter(msg)
	case sortMsg:
		m.onSort(msg)
	case tea.KeyMsg:
		cmd = m.onKey(msg)
	case ui.PoppedMsg:
		cmd = m.onPopped(msg)
	default:
		cmd = m.onReply(msg)
	}
	m.refreshKeys()
	return m, cmd
}

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	if m.bar.Focused() {
		return m.filterKey(k)
	}
	switch {
	case key.Matches(k, m.keys.ClearFilter):
		return m.clearFilter()
	case key.Matches(k, m.keys.Filter):
		return m.startFilter()
	case key.Matches(k, m.keys.Sort):
		m.sort = m.sort.next()
		return m.startSort()
	case key.Matches(k, m.keys.Flip):
		m.sort.desc = !m.sort.desc
		return m.startSort()
	case key.Matches(k, m.keys.Detail):
		return m.openDetail(false)
	case key.Matches(k, m.keys.Reveal):
		return m.openDetail(true)
	case key.Matches(k, m.keys.Copy):
		return m.copyPassword()
	case key.Matches(k, m.keys.New):
		return m.newCredential()
	case key.Matches(k, m.keys.Edit):
		return m.editCredential()
	case key.Matches(k, m.keys.Deactivate):
		return m.ask(actDeactivate)
	case key.Matches(k, m.keys.Activate):
		return m.ask(actActivate)
	case key.Matches(k, m.keys.Release):
		return m.ask(actRelease)
	case key.Matches(k, m.keys.Reload):
		return m.Reload()
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(k)
	return cmd
}

// layout gives the table what the info line and the legend leave.
func (m *Model) layout() {
	m.table.SetSize(m.width, max(m.height-2, 2))
	m.bar.SetWidth(max(min(m.width/2-2, 40), 10))
}

// refreshKeys enables the bindings that apply to the state and the row.
func (m *Model) refreshKeys() {
	var facts rowFacts
	if r := m.table.Cursor(); r >= 0 && r < len(m.recs) {
		facts = m.recs[r].facts()
	}
	m.keys.update(m.c.CanWrite(), m.c.CanReveal(), m.bar.Focused(), m.filterShown(), facts)
	m.keys.Table = m.table.Keys
}

// cursorRow returns the focused row's index and id.
func (m *Model) cursorRow() (int, string, bool) {
	r := m.table.Cursor()
	if r < 0 || r >= len(m.rows) {
		return -1, "", false
	}
	return r, m.rows[r][colID], true
}

// ---------------------------------------------------------------------------
// Streaming load

func (m *Model) onBatch(msg batchMsg) tea.Cmd {
	if msg.load != m.load || msg.id != m.load.id {
		if !msg.done {
			return msg.load.closeCmd() // a replaced load: close its stream, drop its rows
		}
		return nil
	}
	if m.fresh {
		m.replaceRows(msg)
	} else {
		m.appendRows(msg)
	}
	if msg.total >= 0 {
		m.total = msg.total
	}
	var cmds []tea.Cmd
	if msg.err != nil {
		m.loadErr = msg.err
		cmds = append(cmds, ui.Toast(ui.ToastError, "Loading credentials failed: "+ui.ErrorText(msg.err)))
	}
	if msg.done {
		m.loading = false
		if m.sort.col >= 0 || m.sort.desc {
			cmds = append(cmds, m.startSort())
		}
	} else {
		cmds = append(cmds, m.load.next())
	}
	if msg.done || m.flt.Query() != "" {
		cmds = append(cmds, m.buildSnapshot())
	}
	m.applyView()
	m.trySelect()
	return tea.Batch(cmds...)
}

// replaceRows puts the first batch of a new load in place of the old rows.
func (m *Model) replaceRows(msg batchMsg) {
	m.fresh = false
	m.gen++
	m.recs, m.rows, m.rowKeys, m.hay = msg.recs, msg.rows, msg.keys, msg.hay
	m.perm, m.pos = nil, nil
	m.snapLen, m.snapPending = 0, false
	m.shown = filter.Result{}
	// The old snapshot's indices mean nothing for the new rows.
	m.flt.SetSnapshot(nil)
	m.table.SetRows(slices.Clip(m.rows), slices.Clip(m.rowKeys))
	m.setTone()
}

func (m *Model) appendRows(msg batchMsg) {
	m.recs = append(m.recs, msg.recs...)
	m.rows = append(m.rows, msg.rows...)
	m.rowKeys = append(m.rowKeys, msg.keys...)
	m.hay = append(m.hay, msg.hay...)
	m.table.AppendRows(msg.rows, msg.keys)
	m.setTone()
}

func (m *Model) setTone() {
	recs := m.recs
	m.table.SetToneFunc(func(r int) vtable.Tone { return toneFor(recs[r].state) })
}

// trySelect moves the cursor to the row saved last, once it has arrived.
func (m *Model) trySelect() {
	if m.selectKey != "" && m.table.SetCursorByKey(m.selectKey) {
		m.selectKey = ""
	}
}

// ---------------------------------------------------------------------------
// View composition: filter result, sort order, rows still arriving

func (m *Model) filterShown() bool { return m.shown.Seq != 0 && m.shown.Query != "" }

func (m *Model) applyView() {
	if m.filterShown() {
		idx, mt := m.shown.Indices, m.shown.Matches
		if m.pos != nil {
			idx, mt = orderBy(idx, mt, m.pos)
		}
		m.table.SetView(idx, mt)
		return
	}
	if m.perm == nil {
		m.table.SetView(nil, nil)
		return
	}
	view := m.perm
	if n := len(m.rows); len(view) < n {
		// Rows that arrived after the sort follow in server order until the
		// load ends and the list is sorted again.
		view = slices.Grow(slices.Clip(view), n-len(view))
		for r := len(m.perm); r < n; r++ {
			view = append(view, r)
		}
	}
	m.table.SetView(view, nil)
}
