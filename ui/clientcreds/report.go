package clientcreds

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// reportScreen lists what a bulk action (delete, extend validity) did to
// each marked row.
type reportScreen struct {
	c       *ui.Common
	table   vtable.Model
	rows    []reportRow
	title   string
	summary string
	hint    string
	keys    reportKeys
	width   int
	height  int
}

// reportRow is one marked row's outcome.
type reportRow struct {
	outcome, name, reason string
	tone                  vtable.Tone
}

type reportKeys struct {
	table vtable.KeyMap
	Close key.Binding
}

func (k reportKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.table.Up, k.table.Down, k.Close}
}
func (k reportKeys) FullHelp() [][]key.Binding {
	return append(k.table.FullHelp()[:2], []key.Binding{k.Close})
}

// nameOf is the name the table showed for id, else "#id".
func nameOf(names map[int64]string, id int64) string {
	if n := names[id]; n != "" {
		return n
	}
	return "#" + strconv.FormatInt(id, 10)
}

// newReport builds the bulk delete report; names maps ids to the names the
// table showed.
func newReport(c *ui.Common, results []client.BulkDeleteResult, names map[int64]string) *reportScreen {
	rows := make([]reportRow, len(results))
	var deleted, refused, missing int
	for i, r := range results {
		row := reportRow{outcome: "deleted", name: nameOf(names, r.ID), tone: vtable.ToneGood}
		switch r.Status {
		case client.BulkDeleted:
			deleted++
		case client.BulkNotFound:
			missing++
			row.outcome, row.reason, row.tone = "not found", "already gone from the server", vtable.ToneDim
		default:
			refused++
			row.outcome, row.reason, row.tone = "refused", r.Error, vtable.ToneDanger
			if r.Status != client.BulkRefused {
				row.outcome = r.Status
			}
		}
		rows[i] = row
	}
	return newReportScreen(c, "Bulk delete report", rows,
		fmt.Sprintf("Bulk delete: %d deleted, %d refused, %d not found", deleted, refused, missing),
		"Marks stay on the rows that were not deleted")
}

// newReportScreen shows rows under summary.
func newReportScreen(c *ui.Common, title string, rows []reportRow, summary, hint string) *reportScreen {
	st := vtable.DefaultStyles(c.Renderer, c.Styles.Accent)
	t := vtable.New([]vtable.Column{
		{Title: "Result", Min: 9},
		{Title: "Client Name", Min: 10, Max: 28, Grow: 2},
		{Title: "Reason", Min: 10, Grow: 3},
	}, st)
	cells := make([][]string, len(rows))
	keys := make([]string, len(rows))
	for i, r := range rows {
		cells[i] = []string{r.outcome, r.name, r.reason}
		keys[i] = strconv.Itoa(i)
	}
	t.SetRows(cells, keys)
	t.SetToneFunc(func(row int) vtable.Tone { return rows[row].tone })
	t.Focus()
	s := &reportScreen{c: c, table: t, rows: rows, title: title, summary: summary, hint: hint, width: 80, height: 20,
		keys: reportKeys{table: t.Keys,
			Close: key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc/enter", "back to the table"))},
	}
	s.layout()
	return s
}

func (s *reportScreen) Init() tea.Cmd       { return nil }
func (s *reportScreen) Title() string       { return "Client Credentials › " + s.title }
func (s *reportScreen) KeyMap() help.KeyMap { return s.keys }

// reasonLines is how many lines under the table show the focused row's
// whole reason (the table cuts it to the column).
const reasonLines = 2

func (s *reportScreen) layout() { s.table.SetSize(s.width, max(s.height-3-reasonLines, 2)) }

func (s *reportScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
		s.layout()
	case tea.KeyMsg:
		if key.Matches(msg, s.keys.Close) {
			return s, ui.Pop(s.c, nil)
		}
		var cmd tea.Cmd
		s.table, cmd = s.table.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s *reportScreen) View() string {
	st := s.c.Styles
	hint := st.Muted.Render(s.hint + " · esc or enter: back")
	reason := make([]string, reasonLines)
	if r := s.table.Cursor(); r >= 0 && s.rows[r].reason != "" && s.rows[r].tone == vtable.ToneDanger {
		wrapped := ui.Wrap(st.Label.Render("Reason: "), s.rows[r].reason, s.width)
		copy(reason, wrapped)
	}
	return fitLines(st.Bold.Render(s.summary)+"\n"+s.table.View()+"\n"+strings.Join(reason, "\n")+"\n"+hint, s.width, s.height)
}
