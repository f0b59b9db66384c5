package clientcreds

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// now is the fake clock of every test.
var now = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func testCommon() *ui.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := ui.NewCommon(context.Background(), nil, r)
	c.Now = func() time.Time { return now }
	c.RevealFor = 30 * time.Second
	return c
}

// catalogue is a small version of API.md §2.
func catalogue() *client.ScopeCatalogue {
	g := func(key, label string, scopes ...string) client.ScopeGroup {
		grp := client.ScopeGroup{Key: key, Label: label}
		for _, s := range scopes {
			k, l, _ := strings.Cut(s, "|")
			grp.Scopes = append(grp.Scopes, client.Scope{Key: k, Label: l, Default: strings.HasSuffix(k, ".view")})
		}
		return grp
	}
	return &client.ScopeCatalogue{Groups: []client.ScopeGroup{
		g("users", "User Management", "users.user.view|View users", "users.user.add|Add users", "users.user.edit|Edit users", "users.user.delete|Delete users"),
		g("roles", "Role Management", "users.roles.view|View roles", "users.roles.add|Add roles", "users.roles.edit|Edit roles", "users.roles.delete|Delete roles"),
		g("assets", "Asset Management", "assets.view|View assets", "assets.add|Add assets", "assets.edit|Edit assets", "assets.delete|Delete assets"),
		g("system_user", "System Users", "system_user.view|View system users", "system_user.add|Add system users", "system_user.edit|Edit system users", "system_user.delete|Delete system users", "system_user.rotate_password|Rotate passwords"),
		g("groups", "Group Management", "groups.view|View groups", "groups.add|Add groups", "groups.edit|Edit groups", "groups.delete|Delete groups"),
		g("apps", "Application Management", "apps.view|View apps", "apps.add|Add apps", "apps.edit|Edit apps", "apps.delete|Delete apps"),
		g("misc", "Miscellaneous", "miscellaneous.ticket.view_ticket|View tickets"),
		g("cc", "Client Credentials", "settings.client_credentials.view|View client credentials", "settings.client_credentials.add|Add client credentials",
			"settings.client_credentials.edit|Edit client credentials", "settings.client_credentials.edit_scopes|Edit scopes",
			"settings.client_credentials.delete|Delete client credentials", "settings.client_credentials.reveal_secret|Reveal secrets"),
	}}
}

func day(d int) time.Time { return now.AddDate(0, 0, d) }

// fixtures covers every status.
func fixtures() []client.ClientCredential {
	creds := []client.ClientCredential{
		{ID: 1, Name: "Default Client Credential", ClientID: "cc_default0000000000", ValidFrom: day(-400), ValidTill: day(3000),
			Scopes: []string{"users.user.view", "settings.client_credentials.view"}, Version: 1, CreatedAt: day(-400), UpdatedAt: day(-400)},
		{ID: 2, Name: "mo-ssh-microservice-communication-key", ClientID: "cc_mossh000000000000", ValidFrom: day(-400), ValidTill: day(3000),
			Protected: true, Version: 1},
		{ID: 3, Name: "CI deployer", ClientID: "cc_ci00000000000000a", ValidFrom: day(-10), ValidTill: day(3).Add(-time.Hour),
			Scopes: []string{"assets.view", "assets.add", "apps.view"}, Version: 4},
		{ID: 4, Name: "Old backup job", ClientID: "cc_backup00000000000", ValidFrom: day(-400), ValidTill: day(-2), Version: 2},
		{ID: 5, Name: "Next quarter audit", ClientID: "cc_audit000000000000", ValidFrom: day(20), ValidTill: day(120), Version: 1},
		{ID: 6, Name: "Grafana reader", ClientID: "cc_grafana0000000000", ValidFrom: day(-30), ValidTill: day(200), Version: 1},
	}
	for i := range creds {
		creds[i].ClientSecret = client.MaskedSecret
	}
	return creds
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "space", " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+n":
		return tea.KeyMsg{Type: tea.KeyCtrlN}
	case "ctrl+a":
		return tea.KeyMsg{Type: tea.KeyCtrlA}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// harness plays the root for tests (as ui.App does): a stack of screens,
// Push/Pop/Replace, keys to the top screen and every other message to every
// screen, toasts recorded, commands run synchronously with their messages
// fed back.
// Commands that take longer than slow (ticks) are skipped, and spinner ticks
// are dropped, so a test never waits on a timer.
type harness struct {
	t      testing.TB
	stack  []ui.Screen
	toasts []ui.ToastMsg
	popped []any
	w, h   int
	slow   time.Duration // a command that takes longer is a timer: skipped
	// intercept, when set, sees each message before it is dispatched; it
	// returns false to drop the message (tests use it to hold HTTP replies).
	intercept func(tea.Msg) bool
}

func newHarness(t testing.TB, s ui.Screen) *harness {
	h := &harness{t: t, w: 80, h: 24, slow: time.Second}
	h.push(s, false)
	return h
}

func (h *harness) top() ui.Screen { return h.stack[len(h.stack)-1] }

func (h *harness) push(s ui.Screen, init bool) {
	h.stack = append(h.stack, s)
	h.deliver(tea.WindowSizeMsg{Width: h.w, Height: h.h})
	if init {
		h.runCmd(s.Init())
	}
}

// send feeds msg to the top screen and everything it leads to.
func (h *harness) send(msg tea.Msg) {
	h.dispatch(msg)
}

func (h *harness) keys(keys ...string) {
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (h *harness) dispatch(msg tea.Msg) {
	if h.intercept != nil && !h.intercept(msg) {
		return
	}
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.runCmd(c)
		}
	case spinner.TickMsg:
	case ui.ToastMsg:
		h.toasts = append(h.toasts, msg)
	case ui.PushMsg:
		h.push(msg.Screen, true)
	case ui.PopMsg:
		h.popped = append(h.popped, msg.Result)
		h.stack = h.stack[:len(h.stack)-1]
		if len(h.stack) == 0 {
			h.t.Fatal("popped the last screen")
		}
		h.deliver(ui.PoppedMsg(msg))
	case ui.ReplaceMsg:
		h.stack[len(h.stack)-1] = msg.Screen
		h.deliver(tea.WindowSizeMsg{Width: h.w, Height: h.h})
		h.runCmd(msg.Screen.Init())
	case tea.KeyMsg:
		h.deliver(msg)
	default:
		h.broadcast(msg)
	}
}

func (h *harness) broadcast(msg tea.Msg) {
	for i := range h.stack {
		s, cmd := h.stack[i].Update(msg)
		h.stack[i] = s
		h.runCmd(cmd)
	}
}

func (h *harness) deliver(msg tea.Msg) {
	s, cmd := h.top().Update(msg)
	h.stack[len(h.stack)-1] = s
	h.runCmd(cmd)
}

func (h *harness) runCmd(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		h.dispatch(msg)
	case <-time.After(h.slow):
		// a timer (re-mask, toast expiry): tests never wait for it
	}
}

func (h *harness) lastToast() ui.ToastMsg {
	if len(h.toasts) == 0 {
		return ui.ToastMsg{}
	}
	return h.toasts[len(h.toasts)-1]
}
