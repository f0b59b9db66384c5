package clientcreds

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/unitext"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// extendTo is what the extend screen pops with: the new Valid Till, as typed.
type extendTo struct{ till string }

// extendScreen asks for the one new Valid Till of every marked row.
type extendScreen struct {
	c     *ui.Common
	form  form.Model
	count int
	keys  saveCancelKeys
}

type saveCancelKeys struct {
	form        form.KeyMap
	Next, Close key.Binding
}

func (k saveCancelKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Next, k.Close} }
func (k saveCancelKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Next, k.Close}} }

func newExtend(c *ui.Common, count int) *extendScreen {
	def := c.Clock().AddDate(1, 0, 0).UTC().Format("2006-01-02")
	f := form.New(c, []form.Field{{Key: "valid_till", Label: "Valid Till", Placeholder: "YYYY-MM-DD", Value: def, CharLimit: 25,
		Validate: validTill(c)}})
	f.Focus()
	return &extendScreen{c: c, form: f, count: count, keys: saveCancelKeys{form: f.KeyMap,
		Next:  key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "next: confirm")),
		Close: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
}

// validTill accepts YYYY-MM-DD or RFC 3339 not in the past (the server
// checks again); a YYYY-MM-DD that names no day says so (unitext.ParseDay).
func validTill(c *ui.Common) func(string) string {
	return func(v string) string {
		t, err := parseTill(v)
		switch {
		case err != nil && strings.HasPrefix(err.Error(), "must"):
			return "use YYYY-MM-DD (or RFC 3339)"
		case err != nil:
			return err.Error()
		case t.Before(c.Clock()):
			return "is in the past: the credentials would expire at once"
		}
		return ""
	}
}

// parseTill reads a typed Valid Till: YYYY-MM-DD (the one day parser every
// date field uses) is the end of that day in UTC; RFC 3339 is taken as is.
func parseTill(v string) (time.Time, error) {
	day, err := unitext.ParseDay(v)
	if err == nil {
		return day.Add(24*time.Hour - time.Second), nil
	}
	if t, rerr := time.Parse(time.RFC3339, strings.TrimSpace(v)); rerr == nil {
		return t, nil
	}
	return time.Time{}, err
}

func (s *extendScreen) Init() tea.Cmd       { return s.form.Focus() }
func (s *extendScreen) Title() string       { return "Client Credentials › Extend validity" }
func (s *extendScreen) KeyMap() help.KeyMap { return s.keys }
func (s *extendScreen) CapturesInput() bool { return true }
func (s *extendScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.form.SetWidth(msg.Width)
		return s, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Close):
			return s, ui.Pop(s.c, nil)
		case key.Matches(msg, s.keys.Next):
			var cmd tea.Cmd
			s.form, cmd = s.form.Submit()
			return s, cmd
		}
	case form.SubmitMsg:
		if msg.Form == s.form.ID() {
			return s, ui.Pop(s.c, extendTo{till: strings.TrimSpace(s.form.Value("valid_till"))})
		}
		return s, nil
	}
	var cmd tea.Cmd
	s.form, cmd = s.form.Update(msg)
	return s, cmd
}

func (s *extendScreen) View() string {
	st := s.c.Styles
	intro := "New Valid Till for " + list.Count(s.count, "marked client credential", "marked client credentials") +
		" (a date means the end of that day, UTC). Next asks to confirm."
	return st.Muted.Render(intro) + "\n\n" + s.form.View()
}

// askExtend opens the new Valid Till for the marked rows.
func (m *Model) askExtend() tea.Cmd {
	if err := m.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	n := m.list.MarkedCount()
	if n == 0 {
		return ui.Toast(ui.ToastInfo, "Nothing is marked: space marks a row, ctrl+a every row shown")
	}
	return ui.Push(m.c, newExtend(m.c, n))
}

// confirmExtend asks once, naming the count, the rows the filter hides and
// the rows already valid later (never shortened: they are not sent), then
// sends one bulk update with each row's version.
func (m *Model) confirmExtend(till string) tea.Cmd {
	marked := m.list.Marked()
	if len(marked) == 0 {
		return nil
	}
	t, _ := parseTill(till) // the form checked it
	var items []client.BulkUpdateItem
	var later []client.ClientCredential
	byID := make(map[int64]string, len(marked))
	for _, cc := range marked {
		byID[cc.ID] = cc.Name
		if cc.ValidTill.After(t) {
			later = append(later, cc)
			continue
		}
		items = append(items, client.BulkUpdateItem{ID: cc.ID, ValidTill: till, Version: cc.Version})
	}
	q := fmt.Sprintf("Set Valid Till to %s for %s?%s", till,
		list.Count(len(marked), "marked client credential", "marked client credentials"), hiddenText(m.list.HiddenMarked()))
	if len(later) > 0 {
		q += fmt.Sprintf(" %d would be shortened (already valid later): not changed.", len(later))
	}
	return m.list.Confirm("Extend validity", q, func(string) tea.Cmd { return m.bulkExtend(till, items, later, byID) })
}

// hiddenText says how many marked rows the filter hides.
func hiddenText(hidden int) string {
	switch hidden {
	case 0:
		return " None of them is hidden by the filter."
	case 1:
		return " 1 of them is hidden by the filter."
	}
	return fmt.Sprintf(" %d of them are hidden by the filter.", hidden)
}

// bulkExtend sends the update (nothing when every row is already valid
// later), shows the new rows, the per-row report and a toast for the log.
func (m *Model) bulkExtend(till string, items []client.BulkUpdateItem, later []client.ClientCredential, byID map[int64]string) tea.Cmd {
	svc := m.api
	busy := "Extending " + list.Count(len(items), "client credential", "client credentials") + "…"
	return m.list.Do(busy, func(ctx context.Context) func() tea.Cmd {
		var res []client.BulkUpdateResult
		var err error
		if len(items) > 0 {
			res, err = svc.BulkUpdate(ctx, items)
		}
		return func() tea.Cmd {
			if err != nil {
				return ui.ToastErr(err)
			}
			var cmds []tea.Cmd
			done := 0
			for _, r := range res {
				if r.Status == client.BulkUpdated && r.ClientCredential != nil {
					done++
					cmds = append(cmds, m.put(*r.ClientCredential))
				}
			}
			toast := "Extended " + list.Count(done, "client credential", "client credentials") + " to " + till
			if n := len(items) + len(later) - done; n > 0 {
				toast += fmt.Sprintf(", %d not extended (see the report)", n)
			}
			return tea.Batch(append(cmds, ui.Push(m.c, extendReport(m.c, res, later, byID)),
				ui.Toast(ui.ToastSuccess, toast))...)
		}
	})
}

// extendReport is the per-row report of a bulk extend.
func extendReport(c *ui.Common, results []client.BulkUpdateResult, later []client.ClientCredential, names map[int64]string) *reportScreen {
	rows := make([]reportRow, len(results), len(results)+len(later))
	var done, conflict, refused, missing int
	for i, r := range results {
		row := reportRow{outcome: "extended", name: nameOf(names, r.ID), tone: vtable.ToneGood}
		switch r.Status {
		case client.BulkUpdated:
			done++
			if r.ClientCredential != nil {
				row.reason = "valid till " + date(r.ClientCredential.ValidTill)
			}
		case client.BulkConflict:
			conflict++
			row.outcome, row.reason, row.tone = "conflict", r.Error, vtable.ToneDanger
		case client.BulkNotFound:
			missing++
			row.outcome, row.reason, row.tone = "not found", "gone from the server", vtable.ToneDim
		default:
			refused++
			row.outcome, row.reason, row.tone = "refused", r.Error, vtable.ToneDanger
		}
		rows[i] = row
	}
	for _, cc := range later {
		rows = append(rows, reportRow{outcome: "not changed", name: cc.Name, tone: vtable.ToneDim,
			reason: "already valid until " + date(cc.ValidTill)})
	}
	summary := fmt.Sprintf("Extend validity: %d extended, %d changed by someone else, %d refused, %d not found", done, conflict, refused, missing)
	if len(later) > 0 {
		summary += fmt.Sprintf(", %d not changed (already valid later)", len(later))
	}
	return newReportScreen(c, "Extend validity report", rows, summary,
		"ctrl+r reloads the rows someone else changed")
}
