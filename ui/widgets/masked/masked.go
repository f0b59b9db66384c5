// Package masked holds a secret that is masked by default: Reveal shows it
// for Common.RevealFor, then a tick tagged with the reveal's generation
// masks it again and drops the string. It is never revealable in
// presentation mode.
package masked

import (
	"fmt"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/termsafe"
	"github.com/pamconsole/pamconsole/ui"
)

// Model is a masked value.
type Model struct {
	c     *ui.Common
	value string
	until time.Time
	gen   uint64
	epoch uint64 // Common.SecretEpoch at the reveal; HideSecrets ends it
}

// remaskMsg ends the reveal of generation gen.
type remaskMsg struct {
	owner *ui.Common
	gen   uint64
}

// secondMsg redraws the countdown of generation gen once a second; the
// ticks stop with the reveal, so nothing runs while every value is masked.
type secondMsg struct {
	owner *ui.Common
	gen   uint64
}

func (m Model) nextSecond() tea.Cmd {
	gen, owner := m.gen, m.c
	return m.c.Tick(time.Second, func(time.Time) tea.Msg { return secondMsg{owner: owner, gen: gen} })
}

// generations are unique across every masked value of the process, so one
// value's tick never re-masks another value of the same session.
var generations atomic.Uint64

// New returns a masked, empty value.
func New(c *ui.Common) Model { return Model{c: c} }

// RevealAsked is Reveal for a secret asked for in secret epoch asked
// (ui.Reply.Epoch): if the person left the tab since (Common.HideSecrets),
// it stays masked and a toast says so — a reply that arrives late must not
// show the secret to whoever comes back to the tab.
func (m *Model) RevealAsked(secret string, asked uint64) tea.Cmd {
	if asked != m.c.SecretEpoch() {
		m.Hide()
		return ui.Toast(ui.ToastInfo, "The secret arrived after you left the screen, so it was not shown: reveal it again")
	}
	return m.Reveal(secret)
}

// Reveal shows secret until Common.RevealFor has passed. In presentation
// mode nothing is revealed and the returned command toasts why.
func (m *Model) Reveal(secret string) tea.Cmd {
	if err := m.c.RevealRefusal(); err != nil {
		m.Hide()
		return ui.ToastErr(err)
	}
	d := m.c.RevealFor
	if d <= 0 {
		d = 30 * time.Second
	}
	m.gen = generations.Add(1)
	m.value = secret
	m.until = m.c.Clock().Add(d)
	m.epoch = m.c.SecretEpoch()
	gen, owner := m.gen, m.c
	remask := m.c.Tick(d, func(time.Time) tea.Msg { return remaskMsg{owner: owner, gen: gen} })
	return tea.Batch(remask, m.nextSecond())
}

// Hide masks the value now and drops it.
func (m *Model) Hide() {
	m.value = ""
	m.until = time.Time{}
	m.gen = generations.Add(1)
}

// Update handles the re-mask tick of the current reveal; ticks of older
// reveals are ignored.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case remaskMsg:
		if msg.owner == m.c && msg.gen == m.gen {
			m.Hide()
		}
	case secondMsg:
		if msg.owner == m.c && msg.gen == m.gen && m.Revealed() {
			return m, m.nextSecond()
		}
	}
	return m, nil
}

// Revealed reports whether the secret is visible now. The clock is checked
// too, so a reveal ends on time even if its tick went to another screen,
// and so is the session's secret epoch (Common.HideSecrets: the person
// left the tab).
func (m Model) Revealed() bool {
	return m.value != "" && m.c.CanReveal() && m.epoch == m.c.SecretEpoch() && m.c.Clock().Before(m.until)
}

// Value returns the secret while revealed, else "".
func (m Model) Value() string {
	if !m.Revealed() {
		return ""
	}
	return m.value
}

// Remaining is how long the reveal still lasts.
func (m Model) Remaining() time.Duration {
	if !m.Revealed() {
		return 0
	}
	return m.until.Sub(m.c.Clock()).Round(time.Second)
}

// View shows the mask, or the secret with its countdown. A secret is kept
// as the server sent it (a copy gets every byte), but drawn through the
// terminal-safety function: a password holding ESC [2J or an OSC 52 must
// not clear the screen, retitle the terminal or write the clipboard.
func (m Model) View() string {
	if !m.Revealed() {
		return client.MaskedSecret
	}
	return fmt.Sprintf("%s  %s", termsafe.String(m.value), m.c.Styles.Muted.Render(fmt.Sprintf("(visible %ds)", int(m.Remaining().Seconds()))))
}
