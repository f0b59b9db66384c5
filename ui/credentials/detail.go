package credentials

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
	"github.com/pamconsole/pamconsole/ui/widgets/masked"
)

// detailScreen is the detail pane of one credential: every non-secret field
// of GET credential/{id} and the password, masked. `r` fetches the password
// again (the server audits it) and shows it for c.RevealFor.
type detailScreen struct {
	offset int // first line shown when the lines do not fit
	c      *ui.Common
	api    api
	keys   detailKeys
	id     string
	row    []string // the list's cells, shown while the detail loads

	info     *detailInfo
	fetchID  uint64
	fetchErr error
	reveal   bool // reveal the password with the answer of the fetch in flight
	// ours: the server answers the detail without the password (our
	// server); otherwise only a reveal fetches and the pane shows the row.
	ours    bool
	pw      masked.Model
	changed bool // saved through the edit form: the list must reload

	releaseID uint64 // the custody release in flight

	width, height int
}

type detailKeys struct {
	Reveal  key.Binding
	Copy    key.Binding
	Edit    key.Binding
	Release key.Binding
	Back    key.Binding
	Reload  key.Binding
	Scroll  key.Binding // j/k ↑/↓: enabled when the lines do not fit
}

func (k detailKeys) ShortHelp() []key.Binding { return []key.Binding{k.Reveal, k.Copy, k.Edit, k.Back} }
func (k detailKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Reveal, k.Copy}, {k.Edit, k.Release, k.Reload, k.Back, k.Scroll}}
}

func newDetail(c *ui.Common, a api, id string, row []string, reveal bool, width, height int) *detailScreen {
	d := &detailScreen{c: c, api: a, id: id, row: row, reveal: reveal, width: width, height: height, pw: masked.New(c)}
	d.keys = detailKeys{
		Reveal:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal password")),
		Copy:    key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy password")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Release: releaseKey(),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Reload:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
		Scroll:  key.NewBinding(key.WithKeys("j", "k", "down", "up"), key.WithHelp("j/k", "scroll"), key.WithDisabled()),
	}
	d.refreshKeys()
	return d
}

// detailFetch is a fetched detail: the non-secret info, and the password
// only when the user asked to reveal it.
type detailFetch struct {
	info   detailInfo
	secret string
}

func (d *detailScreen) Init() tea.Cmd { return d.fetch() }

// Reload fetches the detail again (ctrl+r).
func (d *detailScreen) Reload() tea.Cmd { return d.fetch() }

func (d *detailScreen) Title() string {
	name := d.row[colIdentifier]
	if d.info != nil {
		name = d.info.Identifier
	}
	return "Credentials › " + name
}

func (d *detailScreen) KeyMap() help.KeyMap { return d.keys }

// Busy reports whether a fetch is running.
func (d *detailScreen) Busy() bool { return d.fetchID != 0 }

// fetch loads the detail: with the password only for a reveal (audited by
// the server), else without it — or, when the server cannot answer without
// it, not at all (the list's row is the detail).
func (d *detailScreen) fetch() tea.Cmd {
	reveal := d.reveal && d.c.CanReveal()
	if !reveal && !d.ours {
		info := infoFromRow(d.row)
		d.info, d.reveal = &info, false
		d.refreshKeys()
		return nil
	}
	d.fetchID = d.c.NextID()
	id, cl := d.id, d.api
	get := cl.GetWithoutPassword
	if reveal {
		get = cl.Get
	}
	return ui.Request(d.c, d.fetchID, func(ctx context.Context) (detailFetch, error) {
		cd, err := get(ctx, id)
		if err != nil {
			return detailFetch{}, err
		}
		f := detailFetch{info: infoFrom(cd)}
		if reveal {
			f.secret = password(cd)
		}
		return f, nil
	})
}

func (d *detailScreen) refreshKeys() {
	can := d.c.CanReveal() && d.info != nil
	d.keys.Reveal.SetEnabled(can && !d.pw.Revealed())
	d.keys.Copy.SetEnabled(can)
	d.keys.Edit.SetEnabled(d.c.CanWrite() && d.info != nil)
	d.keys.Release.SetEnabled(d.c.CanWrite() && d.inCustody() && d.releaseID == 0)
	d.keys.Reload.SetEnabled(d.fetchID == 0)
}

func (d *detailScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case ui.Reply[detailFetch]:
		cmd = d.onFetch(msg)
	case ui.Reply[copyReply]:
		if msg.Err != nil {
			cmd = ui.ToastErr(msg.Err)
		} else {
			toast := msg.Value.toast
			cmd = func() tea.Msg { return toast }
		}
	case ui.Reply[releaseReply]:
		cmd = d.onReleased(msg)
	case ui.PoppedMsg:
		if tag, _, yes := confirm.Chosen(msg.Result); yes && tag == (releaseTag{}) {
			cmd = d.release()
		} else if _, ok := msg.Result.(SavedMsg); ok {
			d.changed = true
			cmd = d.fetch()
		}
	case tea.MouseMsg:
		d.offset += 3 * ui.Wheel(msg)
	case tea.KeyMsg:
		cmd = d.onKey(msg)
	default:
		d.pw, cmd = d.pw.Update(msg) // the re-mask tick
	}
	d.refreshKeys()
	return d, cmd
}

func (d *detailScreen) onFetch(msg ui.Reply[detailFetch]) tea.Cmd {
	if msg.ID != d.fetchID {
		return nil
	}
	d.fetchID = 0
	reveal := d.reveal
	d.reveal = false
	if msg.Err != nil {
		d.fetchErr = msg.Err
		return ui.ToastErr(msg.Err)
	}
	d.fetchErr = nil
	info := msg.Value.info
	d.info = &info
	if reveal && msg.Value.secret != "" {
		return d.pw.RevealAsked(msg.Value.secret, msg.Epoch)
	}
	return nil
}

func (d *detailScreen) onKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, d.keys.Scroll):
		if s := k.String(); s == "j" || s == "down" {
			d.offset++
		} else {
			d.offset--
		}
	case key.Matches(k, d.keys.Back):
		d.pw.Hide()
		return ui.Pop(d.c, d.popResult())
	case key.Matches(k, d.keys.Reveal):
		if err := d.c.RevealRefusal(); err != nil {
			return ui.ToastErr(err)
		}
		d.reveal = true
		return d.fetch()
	case key.Matches(k, d.keys.Copy):
		return d.copy()
	case key.Matches(k, d.keys.Edit):
		if err := d.c.Guard(); err != nil {
			return ui.ToastErr(err)
		}
		return ui.Push(d.c, newForm(d.c, d.api, d.info, d.width))
	case key.Matches(k, d.keys.Reload):
		return d.fetch()
	case key.Matches(k, d.keys.Release), k.String() == "x" && d.c.CanWrite() && d.info != nil:
		return d.askRelease()
	}
	return nil
}

// copy copies the revealed password, or fetches it and copies it inside
// one command when it is masked.
func (d *detailScreen) copy() tea.Cmd {
	if err := d.c.RevealRefusal(); err != nil {
		return ui.ToastErr(err)
	}
	if d.pw.Revealed() {
		return clipboardCopy(d.c, d.pw.Value())
	}
	c, cl, id := d.c, d.api, d.id
	return ui.Request(c, c.NextID(), func(ctx context.Context) (copyReply, error) {
		cd, err := cl.Get(ctx, id)
		if err != nil {
			return copyReply{}, err
		}
		return copyReply{toast: copySecret(c, "password", password(cd))}, nil
	})
}

func clipboardCopy(c *ui.Common, secret string) tea.Cmd {
	return func() tea.Msg { return copySecret(c, "password", secret) }
}

// View renders one line per field.
func (d *detailScreen) View() string {
	st := d.c.Styles
	var lines []string
	add := func(label, value string) {
		lines = append(lines, st.Label.Render(fmt.Sprintf("%-16s", label))+value)
	}
	if d.info == nil {
		add("Identifier", d.row[colIdentifier])
		add("Username", d.row[colUsername])
		add("Hostname", d.row[colHostname])
		switch {
		case d.fetchErr != nil:
			lines = append(lines, "", st.Error.Render("Could not load the credential: "+ui.ErrorText(d.fetchErr)+" — ctrl+r retries"))
		default:
			lines = append(lines, "", st.Muted.Render("loading…"))
		}
		return d.fit(lines)
	}
	in := d.info
	dash := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return st.Muted.Render("—")
		}
		return s
	}
	add("Identifier", dash(in.Identifier))
	add("ID / Tag", dash(joinNonEmpty(" / ", in.ID, in.Tag)))
	add("Username", dash(in.Username))
	add("Password", d.passwordLine())
	add("Hostname", dash(in.Hostname))
	add("IP / Port", dash(joinNonEmpty(" port ", in.IP, in.Port)))
	add("Domain", dash(in.Domain))
	add("Credential type", dash(in.CredentialType))
	add("Device", dash(deviceLabel(in.Vendor, in.Model, in.DeviceType)))
	add("Site", dash(in.Site))
	add("Tags", dash(in.Tags))
	add("Additional", dash(in.Additional))
	add("Parent", dash(in.ParentCredential))
	add("Expiration", d.when(in.Expiration, true))
	add("Last change", d.when(in.Change, false))
	add("Last view", d.when(in.View, false))
	add("Status", d.status())
	if len(in.Settings) > 0 {
		var parts []string
		for _, s := range in.Settings {
			parts = append(parts, s.Name+": "+strings.Join(s.Keys, ", "))
		}
		add("Settings", strings.Join(parts, "; "))
	}
	return d.fit(lines)
}

func (d *detailScreen) passwordLine() string {
	st := d.c.Styles
	switch {
	case d.fetchID != 0 && d.reveal:
		return client.MaskedSecret + st.Muted.Render("  fetching…")
	case d.pw.Revealed():
		return d.pw.View()
	case d.c.ReadOnly:
		return client.MaskedSecret + st.Muted.Render("  (viewers cannot reveal passwords)")
	case !d.c.CanReveal():
		return client.MaskedSecret + st.Muted.Render("  (presentation mode)")
	}
	return client.MaskedSecret + st.Muted.Render("  r reveal · C copy")
}

// when formats t in local time with the zone, plus how far it is for an
// expiration.
func (d *detailScreen) when(t time.Time, expiry bool) string {
	st := d.c.Styles
	if t.IsZero() {
		if expiry {
			return st.Muted.Render("never")
		}
		return st.Muted.Render("—")
	}
	now := d.c.Clock()
	s := displayWhen(d.c.Client, t, now.Location())
	if !expiry {
		return s
	}
	switch left := t.Sub(now); {
	case left <= 0:
		return st.Error.Render(s + "  " + flagExpired + " expired")
	case left <= soonWindow:
		return st.Warning.Render(s + "  " + flagSoon + " expires in " + humanDays(left))
	}
	return s
}

func (d *detailScreen) status() string {
	in := d.info
	var parts []string
	switch {
	case in.Active == nil:
		parts = append(parts, "active (server did not say)")
	case *in.Active:
		parts = append(parts, "active")
	default:
		parts = append(parts, d.c.Styles.Warning.Render(flagInactive+" inactive"))
	}
	if in.InCustody != nil {
		if *in.InCustody {
			parts = append(parts, "in custody")
		} else {
			parts = append(parts, "not in custody")
		}
	}
	return strings.Join(parts, " · ")
}

// fit wraps each line to the width — a value (a long password, a key) is
// never cut; its continuation lines start under the value column — and
// shows the height's worth from the scroll offset (j/k, the wheel).
func (d *detailScreen) fit(lines []string) string {
	var out []string
	for _, l := range lines {
		out = append(out, wrapUnderValue(l, d.width)...)
	}
	if d.height > 0 && len(out) > d.height {
		d.offset = max(min(d.offset, len(out)-d.height), 0)
		out = out[d.offset : d.offset+d.height]
	} else {
		d.offset = 0
	}
	d.keys.Scroll.SetEnabled(d.height > 0 && len(out) >= d.height)
	return strings.Join(out, "\n")
}

// valueColumn is where the detail's values start (the %-16s label).
const valueColumn = 16

// wrapUnderValue wraps l to width with every continuation line indented to
// the value column; a width too narrow for that wraps at column 0.
func wrapUnderValue(l string, width int) []string {
	if width <= 0 || ansi.StringWidth(l) <= width {
		return []string{l}
	}
	if width < valueColumn+16 {
		return strings.Split(ansi.Hardwrap(l, width, true), "\n")
	}
	out := []string{ansi.Truncate(l, width, "")}
	rest := ansi.Hardwrap(ansi.TruncateLeft(l, width, ""), width-valueColumn, true)
	for _, r := range strings.Split(rest, "\n") {
		out = append(out, strings.Repeat(" ", valueColumn)+r)
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func humanDays(d time.Duration) string {
	days := int(d.Hours() / 24)
	switch {
	case days >= 1:
		return fmt.Sprintf("%dd", days)
	case d >= time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dm", max(int(d.Minutes()), 1))
}

// displayWhen is the detail's form of a time: converted to loc with its
// zone, or — sent by the server without a zone and no server_time_zone set
// — the server's own wall clock marked "server time" (the list shows the
// same date).
func displayWhen(cl *client.Client, t time.Time, loc *time.Location) string {
	shown, zoned := cl.DisplayTime(t, loc)
	if !zoned {
		return shown.Format("2006-01-02 15:04:05") + " server time"
	}
	return shown.Format("2006-01-02 15:04:05 MST")
}
