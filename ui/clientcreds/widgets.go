package clientcreds

// The dialogs of this screen: confirmations go through ui/widgets/confirm;
// the show-once secret dialog is specific to client credentials.

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/termsafe"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/clipboard"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
)

// graceOption is the rotate dialog's second yes: rotate, keeping the old
// secret working for rotateGrace.
var graceOption = confirm.Option{Key: "g", Help: "rotate, old secret works 1 more hour"}

// rotateGrace is how long the old secret works after a rotation with g.
const rotateGrace = time.Hour

// showSecretOnce pushes the dialog that shows cc's plain secret once.
func showSecretOnce(c *ui.Common, title string, cc client.ClientCredential) tea.Cmd {
	return ui.Push(c, newSecretDialog(c, title, cc))
}

// secretDialog shows a new secret once, with C to copy it. The secret lives
// only in this screen: it is gone once the dialog is closed.
type secretDialog struct {
	c      *ui.Common
	title  string
	name   string
	secret string
	keys   secretKeys
	width  int
}

type secretKeys struct{ Copy, Close key.Binding }

func (k secretKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Copy, k.Close} }
func (k secretKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Copy, k.Close}} }

func newSecretDialog(c *ui.Common, title string, cc client.ClientCredential) *secretDialog {
	d := &secretDialog{c: c, title: title, name: cc.Name, secret: cc.ClientSecret, width: 80, keys: secretKeys{
		Copy:  key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "copy secret")),
		Close: key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc/enter", "close")),
	}}
	d.keys.Copy.SetEnabled(c.CanReveal())
	return d
}

func (d *secretDialog) Init() tea.Cmd       { return nil }
func (d *secretDialog) Title() string       { return d.title }
func (d *secretDialog) KeyMap() help.KeyMap { return d.keys }

func (d *secretDialog) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width = msg.Width
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, d.keys.Copy):
			return d, clipboard.Copy(d.c, "client secret of “"+d.name+"”", d.secret)
		case key.Matches(msg, d.keys.Close):
			d.secret = ""
			return d, ui.Pop(d.c, nil)
		}
	}
	return d, nil
}

func (d *secretDialog) View() string {
	st := d.c.Styles
	if !d.c.CanReveal() {
		return ui.Dialog(d.c, d.width, d.title, []string{
			client.MaskedSecret,
			"Presentation mode: the new secret is not shown. Leave presentation mode and rotate it (R) to get one you can see.",
		}, "esc: close")
	}
	return ui.Dialog(d.c, d.width, d.title, []string{
		st.Bold.Render(termsafe.String(d.secret)), // kept raw for the copy, drawn safe
		"",
		"Copy it now. Afterwards it can be revealed only with the reveal scope " +
			"(settings.client_credentials.reveal_secret), and each reveal is audited.",
	}, "C: copy to the clipboard · esc or enter: close")
}
