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

// reportScreen lists what a bulk delete did to each marked row.
type reportScreen struct {
	c       *ui.Common
	table   vtable.Model
	results []client.BulkDeleteResult
	summary string
	keys    reportKeys
	width   int
	height  int
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

// newReport builds the report; names maps ids to the names the table showed.
func newReport(c *ui.Common, results []client.BulkDeleteResult, names map[int64]string) *reportScreen {
	st := vtable.DefaultStyles(c.Renderer, c.Styles.Accent)
	t := vtable.New([]vtable.Column{
		{Title: "Result", Min: 9},
		{Title: "Client Name", Min: 10, Max: 28, Grow: 2},
		{Title: "Reason", Min: 10, Grow: 3},
	}, st)
	rows := make([][]string, len(results))
	keys := make([]string, len(results))
	var deleted, refused, missing int
	for i, r := range results {
		name := names[r.ID]
		if name == "" {
			name = "#" + strconv.FormatInt(r.ID, 10)
		}
		outcome, reason := "deleted", ""
		switch r.Status {
		case client.BulkDeleted:
			deleted++
		case client.BulkRefused:
			refused++
			outcome, reason = "refused", r.Error
		case client.BulkNotFound:
			missing++
			outcome, reason = "not found", "already gone from the server"
		default:
			refused++
			outcome, reason = r.Status, r.Error
		}
		rows[i] = []string{outcome, name, reason}
		keys[i] = keyOf(r.ID)
	}
	t.SetRows(rows, keys)
	t.SetToneFunc(func(row int) vtable.Tone {
		switch results[row].Status {
		case client.BulkDeleted:
			return vtable.ToneGood
		case client.BulkNotFound:
			return vtable.ToneDim
		}
		return vtable.ToneDanger
	})
	t.Focus()
	s := &reportScreen{c: c, table: t, results: results, width: 80, height: 20,
		summary: fmt.Sprintf("Bulk delete: %d deleted, %d refused, %d not found", deleted, refused, missing),
		keys: reportKeys{table: t.Keys,
			Close: key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc/enter", "back to the table"))},
	}
	s.layout()
	return s
}

func (s *reportScreen) Init() tea.Cmd       { return nil }
func (s *reportScreen) Title() string       { return "Client Credentials › Bulk delete report" }
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
	hint := st.Muted.Render("Marks stay on the rows that were not deleted · esc or enter: back")
	reason := make([]string, reasonLines)
	if r := s.table.Cursor(); r >= 0 && s.results[r].Error != "" {
		wrapped := ui.Wrap(st.Label.Render("Reason: "), s.results[r].Error, s.width)
		copy(reason, wrapped)
	}
	return fitLines(st.Bold.Render(s.summary)+"\n"+s.table.View()+"\n"+strings.Join(reason, "\n")+"\n"+hint, s.width, s.height)
}
