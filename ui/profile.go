package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
)

// Profiles is how a local console switches to another profile of the
// config file (P). Over SSH it is nil: the server's profile is the only one.
type Profiles struct {
	// Names lists the config file's profiles (read when P is pressed).
	Names func() ([]string, error)
	// Connect resolves profile name and signs in; it runs in a tea.Cmd.
	Connect func(ctx context.Context, name string) (Connection, error)
}

// Connection is a signed-in profile the whole console switches to.
type Connection struct {
	Client   *client.Client
	Profile  string
	URL      string
	Identity client.Identity
	// UnusedDays is the profile's unused_days (0: the default).
	UnusedDays int
}

// switchedMsg is the answer of a profile's sign-in.
type switchedMsg struct {
	conn Connection
	err  error
}

// openProfiles is P: the list of the config file's profiles.
func (a *App) openProfiles() tea.Cmd {
	names, err := a.c.Profiles.Names()
	if err != nil {
		return ToastErr(err)
	}
	if len(names) == 0 {
		return Toast(ToastInfo, "The config file has no profile: pamconsole config add creates one")
	}
	return Push(a.c, &profilePicker{c: a.c, names: names, current: a.c.Profile})
}

// switchTo makes conn the session's connection and rebuilds every tab from
// scratch: nothing from the old server stays on screen (replies still on
// their way are for screens that no longer exist).
func (a *App) switchTo(msg switchedMsg) tea.Cmd {
	if msg.err != nil {
		if p, ok := a.top().(*profilePicker); ok {
			p.busy = "" // another profile may be chosen
		}
		return Toast(ToastError, "Profile not switched: "+ErrorText(msg.err))
	}
	a.c.Client, a.c.Profile, a.c.URL, a.c.Identity = msg.conn.Client, msg.conn.Profile, msg.conn.URL, msg.conn.Identity
	a.c.UnusedDays = DefaultUnusedDays
	if msg.conn.UnusedDays > 0 {
		a.c.UnusedDays = msg.conn.UnusedDays
	}
	a.stacks = make([][]Screen, len(a.tabs))
	a.typedAhead = nil
	return tea.Batch(a.ensureTab(a.active), Toast(ToastSuccess, "Switched to profile “"+msg.conn.Profile+"” ("+msg.conn.URL+")"))
}

// profilePicker lists the profiles; enter signs in to the focused one.
type profilePicker struct {
	c       *Common
	names   []string
	current string
	cursor  int
	busy    string
}

type pickerKeys struct{ Up, Down, Choose, Back key.Binding }

func (k pickerKeys) ShortHelp() []key.Binding  { return []key.Binding{k.Up, k.Down, k.Choose, k.Back} }
func (k pickerKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

var profileKeys = pickerKeys{
	Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
	Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "switch to it")),
	Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
}

func (p *profilePicker) Init() tea.Cmd       { return nil }
func (p *profilePicker) Title() string       { return "Profiles" }
func (p *profilePicker) KeyMap() help.KeyMap { return profileKeys }

func (p *profilePicker) Update(msg tea.Msg) (Screen, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || p.busy != "" {
		return p, nil
	}
	switch {
	case key.Matches(k, profileKeys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, profileKeys.Down):
		p.cursor = min(p.cursor+1, len(p.names)-1)
	case key.Matches(k, profileKeys.Back):
		return p, Pop(p.c, nil)
	case key.Matches(k, profileKeys.Choose):
		name, c := p.names[p.cursor], p.c
		p.busy = "Signing in with profile “" + name + "”…"
		return p, func() tea.Msg {
			ctx, cancel := c.Context()
			defer cancel()
			conn, err := c.Profiles.Connect(ctx, name)
			return switchedMsg{conn: conn, err: err}
		}
	}
	return p, nil
}

func (p *profilePicker) View() string {
	st := p.c.Styles
	var b strings.Builder
	b.WriteString(st.Muted.Render("The whole console switches: every screen reloads from the chosen server.") + "\n\n")
	for i, n := range p.names {
		line := "  " + n
		if n == p.current {
			line += st.Muted.Render("  (current)")
		}
		if i == p.cursor {
			line = st.Focused.Render("▸ " + n)
			if n == p.current {
				line += st.Muted.Render("  (current)")
			}
		}
		b.WriteString(line + "\n")
	}
	if p.busy != "" {
		b.WriteString("\n" + st.Muted.Render(p.busy))
	}
	return b.String()
}
