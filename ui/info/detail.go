package info

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
	"github.com/pamconsole/pamconsole/ui/widgets/masked"
)

// detailScreen is one item: every field, the content masked. r reads the
// item with its content (GET info/{id}: the server audits it) and shows
// the content for Common.RevealFor; d disables the item.
type detailScreen struct {
	c       *ui.Common
	api     api
	item    client.Info // never holds the content
	content masked.Model
	keys    detailKeys

	revealID  uint64 // the reveal in flight
	askID     uint64 // the disable's question on screen
	disableID uint64 // the disable in flight
	changed   bool   // disabled here: the list shows it in place

	width, height int
}

type detailKeys struct {
	Reveal, Disable, Back key.Binding
}

func (k detailKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Reveal, k.Disable, k.Back} }
func (k detailKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Reveal, k.Disable, k.Back}} }

// disableTag marks the confirmation of this detail's disable.
type disableTag struct{ id uint64 }

func newDetail(c *ui.Common, a api, it client.Info) *detailScreen {
	it.Content = nil
	d := &detailScreen{c: c, api: a, item: it, content: masked.New(c), width: 80, height: 20, keys: detailKeys{
		Reveal:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal content")),
		Disable: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "disable")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}}
	d.syncKeys()
	return d
}

func (d *detailScreen) Init() tea.Cmd       { return nil }
func (d *detailScreen) KeyMap() help.KeyMap { return d.keys }

func (d *detailScreen) Title() string { return "Protected information › " + label(d.item) }

// Busy reports whether a request of the detail is running.
func (d *detailScreen) Busy() bool { return d.revealID != 0 || d.disableID != 0 }

// HelpWhen implements ui.StateHelp: r and d say when they apply; a viewer
// (or a presentation) never sees r, a viewer never sees d.
func (d *detailScreen) HelpWhen(b key.Binding) string {
	switch h := b.Help(); {
	case d.c.CanReveal() && h == d.keys.Reveal.Help():
		return "while active and masked"
	case d.c.CanWrite() && h == d.keys.Disable.Help():
		return "while active"
	}
	return ""
}

func (d *detailScreen) syncKeys() {
	idle := d.revealID == 0 && d.disableID == 0
	active := d.item.IsActive()
	d.keys.Reveal.SetEnabled(d.c.CanReveal() && active && idle && !d.content.Revealed())
	d.keys.Disable.SetEnabled(d.c.CanWrite() && active && idle)
}

func (d *detailScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case tea.KeyMsg:
		cmd = d.onKey(msg)
	case ui.Reply[string]:
		cmd = d.onRevealed(msg)
	case ui.Reply[client.Info]:
		cmd = d.onDisabled(msg)
	case ui.PoppedMsg:
		if tag, _, yes := confirm.Chosen(msg.Result); yes && d.askID != 0 && tag == (disableTag{d.askID}) {
			cmd = d.disable()
		}
		d.askID = 0
	default:
		d.content, cmd = d.content.Update(msg) // the re-mask and countdown ticks
	}
	d.syncKeys()
	return d, cmd
}

func (d *detailScreen) onKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, d.keys.Back):
		d.content.Hide()
		var result any
		if d.changed {
			result = changedMsg{item: d.item}
		}
		return ui.Pop(d.c, result)
	case key.Matches(k, d.keys.Reveal):
		return d.reveal()
	case key.Matches(k, d.keys.Disable):
		if err := d.c.Guard(); err != nil {
			return ui.ToastErr(err)
		}
		d.askID = d.c.NextID()
		return confirm.AskTagged(d.c, "Disable protected information", disableQuestion(d.item), disableTag{d.askID})
	}
	return nil
}

// reveal reads the content (the server audits it); refused before any
// request in a session that may not reveal.
func (d *detailScreen) reveal() tea.Cmd {
	if err := d.c.RevealRefusal(); err != nil {
		return ui.ToastErr(err)
	}
	d.revealID = d.c.NextID()
	a, ref := d.api, d.item.ID.String()
	return ui.Request(d.c, d.revealID, func(ctx context.Context) (string, error) {
		it, err := a.Get(ctx, ref)
		if err != nil || it.Content == nil {
			return "", err
		}
		return *it.Content, nil
	})
}

func (d *detailScreen) onRevealed(r ui.Reply[string]) tea.Cmd {
	if r.ID != d.revealID {
		return nil
	}
	d.revealID = 0
	switch {
	case r.Err != nil:
		return ui.ToastErr(r.Err)
	case r.Value == "":
		return ui.Toast(ui.ToastWarning, "The server sent no content for "+label(d.item))
	}
	return d.content.RevealAsked(r.Value, r.Epoch)
}

func (d *detailScreen) disable() tea.Cmd {
	if err := d.c.Guard(); err != nil {
		return ui.ToastErr(err)
	}
	d.disableID = d.c.NextID()
	a, it := d.api, d.item
	return ui.Request(d.c, d.disableID, func(ctx context.Context) (client.Info, error) { return disable(ctx, a, it) })
}

func (d *detailScreen) onDisabled(r ui.Reply[client.Info]) tea.Cmd {
	if r.ID != d.disableID {
		return nil
	}
	d.disableID = 0
	if r.Err != nil {
		return ui.ToastErr(r.Err)
	}
	d.item, d.changed = r.Value, true
	d.content.Hide()
	return ui.Toast(ui.ToastSuccess, "Disabled "+label(d.item))
}

// View renders one line per field, then the content.
func (d *detailScreen) View() string {
	st := d.c.Styles
	it := d.item
	dash := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return st.Muted.Render("—")
		}
		return safe(s)
	}
	status := "active"
	if !it.IsActive() {
		status = st.Warning.Render("disabled")
	}
	fields := []list.Field{
		{Label: "ID", Value: dash(it.ID.String())}, {Label: "Identifier", Value: dash(it.Ref())},
		{Label: "Name", Value: dash(it.Name)}, {Label: "Type", Value: dash(it.Type)},
		{Label: "Service", Value: dash(it.Service)}, {Label: "URL", Value: dash(it.URL)},
		{Label: "Users allowed", Value: dash(it.UsersAllowed)}, {Label: "Status", Value: status},
	}
	var lines []string
	for _, f := range fields {
		lines = append(lines, st.Label.Render(fmt.Sprintf("%-15s", f.Label))+f.Value)
	}
	lines = append(lines, d.contentLines()...)
	if d.height > 0 && len(lines) > d.height {
		lines = lines[:d.height]
	}
	for i, l := range lines {
		lines[i] = list.Fit(l, d.width)
	}
	return strings.Join(lines, "\n")
}

// contentLines is the content: masked with what to press, or revealed
// (terminal-safe, line by line) with its countdown.
func (d *detailScreen) contentLines() []string {
	st := d.c.Styles
	head := st.Label.Render(fmt.Sprintf("%-15s", "Content"))
	if !d.content.Revealed() {
		return []string{head + client.MaskedSecret + st.Muted.Render("  "+d.contentHint())}
	}
	secs := int(d.content.Remaining().Seconds())
	lines := []string{head + st.Muted.Render(fmt.Sprintf("visible %ds, then masked again", secs))}
	for _, l := range safeLines(d.content.Value()) {
		lines = append(lines, "  "+l)
	}
	return lines
}

func (d *detailScreen) contentHint() string {
	switch {
	case d.revealID != 0:
		return "fetching…"
	case d.c.ReadOnly:
		return "(viewers cannot reveal protected content)"
	case !d.c.CanReveal():
		return "(presentation mode)"
	case !d.item.IsActive():
		return "(disabled: the server no longer gives it)"
	}
	return "r reveal (the server records it)"
}
