package clientcreds

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// detailScreen is the detail pane: every field, the scopes grouped by the
// catalogue's groups, the validity countdown, times in local time with the
// zone. r reveals the secret for a while; c / C copy.
type detailScreen struct {
	c         *ui.Common
	api       api
	cc        client.ClientCredential
	catalogue *client.ScopeCatalogue
	secrets   secretActions
	keys      detailKeys
	offset    int
	width     int
	height    int
}

type detailKeys struct {
	Up, Down, PageUp, PageDown key.Binding
	Reveal, CopyID, CopySecret key.Binding
	Back                       key.Binding
}

func (k detailKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Reveal, k.CopyID, k.CopySecret, k.Back}
}

func (k detailKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Reveal, k.CopyID, k.CopySecret, k.Back}}
}

func newDetail(c *ui.Common, a api, cc client.ClientCredential, catalogue *client.ScopeCatalogue) *detailScreen {
	d := &detailScreen{c: c, api: a, cc: cc, catalogue: catalogue, secrets: newSecretActions(c, a), width: 80, height: 20}
	d.keys = detailKeys{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Reveal:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal secret")),
		CopyID:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy client id")),
		CopySecret: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy secret")),
		Back:       key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc", "back")),
	}
	d.keys.Reveal.SetEnabled(c.CanReveal())
	d.keys.CopyID.SetEnabled(!c.Presentation) // clipboard.Copy refuses everything in presentation mode
	d.keys.CopySecret.SetEnabled(c.CanReveal())
	return d
}

func (d *detailScreen) Init() tea.Cmd       { return nil }
func (d *detailScreen) Title() string       { return "Client Credentials › “" + d.cc.Name + "”" }
func (d *detailScreen) KeyMap() help.KeyMap { return d.keys }

func (d *detailScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	cmd, ok := d.secrets.update(msg)
	if ok || cmd != nil { // a reply, or the countdown's next second
		return d, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
		d.scroll(0)
	case tea.MouseMsg:
		d.scroll(3 * ui.Wheel(msg))
	case tea.KeyMsg:
		k := d.keys
		switch {
		case key.Matches(msg, k.Back):
			return d, ui.Pop(d.c, nil)
		case key.Matches(msg, k.Reveal):
			return d, d.secrets.reveal(d.cc)
		case key.Matches(msg, k.CopyID):
			return d, copyIDCmd(d.c, d.cc)
		case key.Matches(msg, k.CopySecret):
			return d, d.secrets.copy(d.cc)
		case key.Matches(msg, k.Up):
			d.scroll(-1)
		case key.Matches(msg, k.Down):
			d.scroll(1)
		case key.Matches(msg, k.PageUp):
			d.scroll(-d.height + 1)
		case key.Matches(msg, k.PageDown):
			d.scroll(d.height - 1)
		}
	}
	return d, nil
}

func (d *detailScreen) scroll(delta int) {
	maxOff := max(len(d.lines())-d.height, 0)
	d.offset = min(max(d.offset+delta, 0), maxOff)
}

func (d *detailScreen) View() string {
	lines := d.lines()
	end := min(d.offset+d.height, len(lines))
	return fitLines(strings.Join(lines[d.offset:end], "\n"), d.width, d.height)
}

// lines renders every line of the pane (it is short: no need to cache).
func (d *detailScreen) lines() []string {
	st := d.c.Styles
	cc := d.cc
	now := d.c.Clock()
	zone := now.Location()
	row := func(label, value string) string {
		return st.Label.Render(fmt.Sprintf("%-14s", label)) + " " + value
	}
	secret := client.MaskedSecret
	if v := d.secrets.view(cc.ID); v != "" {
		secret = v
	}
	protected := "no"
	if cc.Protected {
		protected = lockGlyph(d.c) + " yes: it cannot be deleted or renamed"
	}
	out := []string{
		st.Bold.Render(cc.Name),
		"",
		row("Client ID", d.c.ShownClientID(cc.ClientID)),
		row("Client Secret", secret),
	}
	if until := cc.PreviousSecretValidUntil; until != nil && now.Before(*until) {
		out = append(out, row("Old secret", st.Warning.Render("still works until "+localTime(*until, zone))+" (rotated with a grace period)"))
	}
	out = append(out,
		row("Status", statusText(cc, now)),
		row("Validity", countdown(cc, now)),
		row("Valid From", validityTime(cc.ValidFrom, zone, "from")),
		row("Valid Till", validityTime(cc.ValidTill, zone, "until")),
		row("Protected", protected),
		row("Last token", usageTime(cc.LastTokenAt, now, zone)+tokensIssued(cc)),
		row("Last used", usageTime(cc.LastUsedAt, now, zone)),
		row("Created", localTime(cc.CreatedAt, zone)),
		row("Updated", localTime(cc.UpdatedAt, zone)),
		row("Version", fmt.Sprint(cc.Version)),
		row("ID", fmt.Sprint(cc.ID)),
		"",
	)
	return append(out, d.scopeLines()...)
}

// scopeLines lists the credential's scopes grouped by catalogue group.
func (d *detailScreen) scopeLines() []string {
	st := d.c.Styles
	have := make(map[string]bool, len(d.cc.Scopes))
	for _, s := range d.cc.Scopes {
		have[s] = true
	}
	total := 0
	var body []string
	for _, g := range catalogueGroups(d.catalogue) {
		var labels []string
		for _, s := range g.Scopes {
			if have[s.Key] {
				labels = append(labels, s.Label)
				delete(have, s.Key)
			}
		}
		total += len(g.Scopes)
		if len(labels) == 0 {
			continue
		}
		head := st.Label.Render(fmt.Sprintf("  %-24s", ansi.Truncate(g.Label, 24, "…"))) +
			st.Muted.Render(fmt.Sprintf("%d/%d ", len(labels), len(g.Scopes)))
		body = append(body, ui.Wrap(head, strings.Join(labels, ", "), d.width)...)
	}
	for _, s := range d.cc.Scopes { // scopes the catalogue does not list
		if have[s] {
			body = append(body, "  "+s)
		}
	}
	header := st.Bold.Render(fmt.Sprintf("Scopes (%d of %d)", len(d.cc.Scopes), total))
	if len(body) == 0 {
		body = []string{st.Muted.Render("  none: this credential can call nothing")}
	}
	return append([]string{header}, body...)
}

func catalogueGroups(cat *client.ScopeCatalogue) []client.ScopeGroup {
	if cat == nil {
		return nil
	}
	return cat.Groups
}

// validityTime shows a validity bound as the list does — its date, which
// is the date typed (a UTC day) — and then the exact instant in local time,
// so list and detail agree on the date in any time zone (TZ=Asia/Kolkata
// showed 2027-01-02 here and 2027-01-01 in the list).
func validityTime(t time.Time, zone *time.Location, word string) string {
	if t.IsZero() {
		return "—"
	}
	return date(t) + "  (" + word + " " + localTime(t, zone) + ")"
}

// usageTime is a last-token or last-use time: "never", or the local time
// and how long ago.
func usageTime(t *time.Time, now time.Time, zone *time.Location) string {
	if t == nil || t.IsZero() {
		return "never"
	}
	return localTime(*t, zone) + " (" + longDuration(max(now.Sub(*t), 0)) + " ago)"
}

// tokensIssued is ", 12 tokens issued" (nothing for none).
func tokensIssued(cc client.ClientCredential) string {
	switch cc.TokensIssued {
	case 0:
		return ""
	case 1:
		return ", 1 token issued"
	}
	return fmt.Sprintf(", %d tokens issued", cc.TokensIssued)
}

// localTime is the detail pane's time format: local time with the zone.
func localTime(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(zone).Format("2006-01-02 15:04:05 MST")
}
