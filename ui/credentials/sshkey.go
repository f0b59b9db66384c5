package credentials

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/crypto/ssh"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/unitext"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/masked"
)

// SSH keys on the credentials screen (issue 14 §3): the vendor lists keys
// in GET credential as type "SSH Key" and has no key list of its own, so a
// key row opens the key's detail (…/pam/key/{id}) and d/a use the key API.

// detailOf is the detail screen of r (enter): an SSH key's or a credential's.
func (m *Model) detailOf(r row) ui.Screen {
	if isKeyRow(r) {
		return newKeyDetail(m.c, m.api, r.id(), false, m.list.Width(), m.list.Height())
	}
	return m.detail(r, false)
}

// isKeyRow reports whether list row r is an SSH key.
func isKeyRow(r row) bool { return r.field(fType) == client.SSHKeyType }

// keyDetail shows one SSH key: who, where, the public key and its
// fingerprint; the private key (and passphrase) stay masked until r, which
// fetches them (GET key/{id}: a reveal the server audits).
type keyDetail struct {
	c     *ui.Common
	api   api
	id    string
	key   *client.SSHKey
	keys  keyDetailKeys
	priv  masked.Model
	pass  string // shown only while priv is revealed
	busy  uint64
	first bool // Init reveals at once (r on the list)
	err   error
	width int
	h     int
}

type keyDetailKeys struct{ Reveal, Edit, Back, Reload key.Binding }

func (k keyDetailKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Reveal, k.Edit, k.Reload, k.Back}
}
func (k keyDetailKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// keyFetch is an answered GET key: the key and, for a reveal, its secrets.
type keyFetch struct {
	key          client.SSHKey
	private, pwd string
	reveal       bool
}

func newKeyDetail(c *ui.Common, a api, id string, reveal bool, width, height int) *keyDetail {
	d := &keyDetail{c: c, api: a, id: id, priv: masked.New(c), width: width, h: height, first: reveal}
	d.keys = keyDetailKeys{
		Reveal: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal private key")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit SSH key")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Reload: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "reload")),
	}
	d.refreshKeys()
	return d
}

// refreshKeys enables r while the private key is masked and e once the
// key is loaded, each only where the session allows it.
func (d *keyDetail) refreshKeys() {
	d.keys.Reveal.SetEnabled(d.c.CanReveal() && !d.priv.Revealed())
	d.keys.Edit.SetEnabled(d.c.CanWrite() && d.key != nil)
}

func (d *keyDetail) Init() tea.Cmd          { return d.fetch(d.first && d.c.CanReveal()) }
func (d *keyDetail) KeyMap() help.KeyMap    { return d.keys }
func (d *keyDetail) Busy() bool             { return d.busy != 0 }
func (d *keyDetail) Reload() tea.Cmd        { return d.fetch(false) }
func (d *keyDetail) Title() string          { return "Credentials › SSH key " + d.id }
func (d *keyDetail) label(s string) string  { return d.c.Styles.Label.Render(fmt.Sprintf("%-16s", s)) }
func (d *keyDetail) muted(s string) string  { return d.c.Styles.Muted.Render(s) }
func (d *keyDetail) dashed(s string) string { return dashIfEmpty(d.muted("—"), safeText(s)) }

// fetch asks for the key: without secrets (?reveal=0; a real server sends
// them anyway and they are dropped here unless reveal) or, for r, with them.
func (d *keyDetail) fetch(reveal bool) tea.Cmd {
	d.busy = d.c.NextID()
	id, cl := d.id, d.api
	return ui.Request(d.c, d.busy, func(ctx context.Context) (keyFetch, error) {
		k, err := cl.GetKey(ctx, id, reveal)
		if err != nil {
			return keyFetch{}, err
		}
		f := keyFetch{key: *k, reveal: reveal}
		if reveal && k.PrivateKey != nil {
			f.private = *k.PrivateKey
			if k.Password != nil {
				f.pwd = *k.Password
			}
		}
		f.key.PrivateKey, f.key.Password = nil, nil // never kept outside the masked widget
		return f, nil
	})
}

func (d *keyDetail) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.h = msg.Width, msg.Height
	case ui.Reply[keyFetch]:
		if msg.ID != d.busy {
			break
		}
		d.busy, d.err = 0, msg.Err
		if msg.Err != nil {
			cmd = ui.ToastErr(msg.Err)
			break
		}
		k := msg.Value.key
		d.key = &k
		if msg.Value.reveal && msg.Value.private != "" {
			d.pass = msg.Value.pwd
			cmd = d.priv.RevealAsked(msg.Value.private, msg.Epoch)
		}
	case tea.KeyMsg:
		cmd = d.onKey(msg)
	case ui.PoppedMsg:
		if _, ok := msg.Result.(SavedMsg); ok { // edited: show what was saved
			cmd = d.Reload()
		}
	default:
		d.priv, cmd = d.priv.Update(msg)
	}
	if !d.priv.Revealed() {
		d.pass = ""
	}
	d.refreshKeys()
	return d, cmd
}

func (d *keyDetail) onKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, d.keys.Back):
		d.priv.Hide()
		d.pass = ""
		return ui.Pop(d.c, nil)
	case key.Matches(k, d.keys.Reveal):
		if err := d.c.RevealRefusal(); err != nil {
			return ui.ToastErr(err)
		}
		return d.fetch(true)
	case key.Matches(k, d.keys.Edit):
		if err := d.c.Guard(); err != nil {
			return ui.ToastErr(err)
		}
		edit := *d.key // has no secrets: fetch drops them
		return ui.Push(d.c, newKeyForm(d.c, d.api, &edit, d.width))
	case key.Matches(k, d.keys.Reload):
		return d.Reload()
	}
	return nil
}

func (d *keyDetail) View() string {
	var lines []string
	add := func(label, value string) { lines = append(lines, d.label(label)+value) }
	switch {
	case d.key == nil && d.err != nil:
		lines = append(lines, "", d.c.Styles.Error.Render("Could not load the key: "+ui.ErrorText(d.err)+" — ctrl+r retries"))
	case d.key == nil:
		lines = append(lines, "", d.muted("loading…"))
	default:
		k := d.key
		add("Identifier", d.dashed(k.Identifier))
		add("Key name", d.dashed(k.KeyName))
		add("Username", safeText(k.Username))
		add("Device", safeText(k.Hostname)+d.muted("  "+safeText(k.IP)))
		for _, dev := range k.Devices[min(1, len(k.Devices)):] {
			add("Also on", safeText(dev.Hostname)+d.muted("  "+safeText(dev.IP)))
		}
		add("Status", keyStatus(k))
		add("Fingerprint", d.dashed(keyFingerprint(k)))
		add("Public key", safeText(k.PublicKey))
		lines = append(lines, d.privateLines()...)
	}
	return fitKeyLines(lines, d.width, d.h)
}

// privateLines is the private key: masked, or its lines while revealed
// (with the passphrase, when it has one).
func (d *keyDetail) privateLines() []string {
	st := d.c.Styles
	switch {
	case d.priv.Revealed():
		out := []string{d.label("Private key") + st.Muted.Render(fmt.Sprintf("(visible %ds)", int(d.priv.Remaining().Seconds())))}
		for _, l := range strings.Split(strings.ReplaceAll(d.priv.Value(), "\r\n", "\n"), "\n") {
			out = append(out, "  "+safeText(l))
		}
		if d.pass != "" {
			out = append(out, d.label("Passphrase")+safeText(d.pass))
		}
		return out
	case d.busy != 0:
		return []string{d.label("Private key") + client.MaskedSecret + d.muted("  fetching…")}
	case d.c.ReadOnly:
		return []string{d.label("Private key") + client.MaskedSecret + d.muted("  (viewers cannot reveal keys)")}
	case !d.c.CanReveal():
		return []string{d.label("Private key") + client.MaskedSecret + d.muted("  (presentation mode)")}
	}
	return []string{d.label("Private key") + client.MaskedSecret + d.muted("  r reveal")}
}

// keyFingerprint is the server's fingerprint (our extension) or, from a
// real server, the OpenSSH SHA256 fingerprint of the public key.
func keyFingerprint(k *client.SSHKey) string {
	if k.Fingerprint != "" {
		return k.Fingerprint
	}
	pk, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k.PublicKey))
	if err != nil {
		return ""
	}
	return ssh.FingerprintSHA256(pk)
}

func keyStatus(k *client.SSHKey) string {
	if k.Active == nil || bool(*k.Active) {
		return "active"
	}
	return "inactive"
}

func dashIfEmpty(dash, s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

// safeText makes a server string terminal-safe (control characters shown
// as �, as the table does).
func safeText(s string) string {
	if strings.IndexFunc(s, unitext.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unitext.IsControl(r) {
			return '�'
		}
		return r
	}, s)
}

func fitKeyLines(lines []string, width, height int) string {
	if height > 0 && len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if width > 0 && ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// editKey fetches key id without its secrets, then opens its edit form.
func (m *Model) editKey(id string) tea.Cmd {
	cl := m.api
	return m.list.Do("loading the SSH key to edit…", func(ctx context.Context) func() tea.Cmd {
		k, err := cl.GetKey(ctx, id, false)
		if err != nil {
			return func() tea.Cmd { return ui.ToastErr(err) }
		}
		out := *k
		out.PrivateKey, out.Password = nil, nil // a real server sends them anyway: not kept
		return func() tea.Cmd { return ui.Push(m.c, newKeyForm(m.c, m.api, &out, m.list.Width())) }
	})
}
