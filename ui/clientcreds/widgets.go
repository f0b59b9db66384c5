package clientcreds

// TEMPORARY adapters until ui/widgets/{confirm,secretdialog,masked,clipboard}
// exist; they are replaced by calls to those packages.

import (
	"encoding/base64"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

type secretView struct {
	c     *ui.Common
	value string
	until time.Time
	tag   int
}

type remaskMsg struct{ tag int }

func newSecretView(c *ui.Common) secretView { return secretView{c: c} }

func (s *secretView) show(v string) tea.Cmd {
	s.value = v
	s.tag++
	s.until = s.c.Clock().Add(s.c.RevealFor)
	tag := s.tag
	return tea.Tick(s.c.RevealFor, func(time.Time) tea.Msg { return remaskMsg{tag: tag} })
}

func (s *secretView) update(msg tea.Msg) (tea.Cmd, bool) {
	if r, ok := msg.(remaskMsg); ok {
		if r.tag == s.tag {
			s.value = ""
		}
		return nil, true
	}
	return nil, false
}

// revealed also checks the clock: the re-mask tick is lost when another
// screen was on top when it fired.
func (s secretView) revealed() bool { return s.value != "" && s.c.Clock().Before(s.until) }
func (s secretView) view() string   { return s.value }

func copyText(c *ui.Common, label, text string) tea.Cmd {
	if c.Clipboard == nil {
		return ui.Toast(ui.ToastError, "Copying is unavailable here")
	}
	fmt.Fprintf(c.Clipboard, "\x1b]52;c;%s\x07", base64.StdEncoding.EncodeToString([]byte(text)))
	return ui.Toast(ui.ToastSuccess, "Sent the "+label+" to the terminal clipboard")
}

func copySecret(c *ui.Common, secret string) tea.Cmd {
	if !c.CanReveal() {
		return ui.ToastErr(errPresentation)
	}
	return copyText(c, "client secret", secret)
}

type confirmScreen struct {
	title, text string
	p           pending
}

func (s *confirmScreen) Init() tea.Cmd       { return nil }
func (s *confirmScreen) Title() string       { return s.title }
func (s *confirmScreen) KeyMap() help.KeyMap { return confirmKeys{} }
func (s *confirmScreen) View() string        { return s.title + "\n\n" + s.text + "\n\n[y] yes  [n] no" }
func (s *confirmScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "y", "Y":
			return s, ui.Pop(s.p)
		case "n", "N", "esc":
			return s, ui.Pop(nil)
		}
	}
	return s, nil
}

type confirmKeys struct{}

func (confirmKeys) ShortHelp() []key.Binding  { return nil }
func (confirmKeys) FullHelp() [][]key.Binding { return nil }

func askConfirm(c *ui.Common, title, text string, p pending) tea.Cmd {
	return ui.Push(&confirmScreen{title: title, text: text, p: p})
}

func confirmed(result any) (pending, bool) {
	p, ok := result.(pending)
	return p, ok
}

type secretDialog struct {
	title string
	cc    client.ClientCredential
}

func (s *secretDialog) Init() tea.Cmd       { return nil }
func (s *secretDialog) Title() string       { return s.title }
func (s *secretDialog) KeyMap() help.KeyMap { return confirmKeys{} }
func (s *secretDialog) View() string {
	return s.title + "\n\n" + s.cc.ClientSecret + "\n\nIt will not be shown in full again."
}
func (s *secretDialog) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && (k.String() == "esc" || k.String() == "enter") {
		return s, ui.Pop(nil)
	}
	return s, nil
}

func showSecretOnce(c *ui.Common, title string, cc client.ClientCredential) tea.Cmd {
	return ui.Push(&secretDialog{title: title, cc: cc})
}
