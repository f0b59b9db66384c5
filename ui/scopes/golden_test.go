package scopes

import (
	"testing"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// page is a scopes page as a screen of its own, as the wizard and Edit
// scopes host it: it takes every key (letters and tab are its own).
type page struct{ m Model }

func (p *page) Init() tea.Cmd       { return nil }
func (p *page) View() string        { return p.m.View() }
func (p *page) Title() string       { return "Scopes" }
func (p *page) KeyMap() help.KeyMap { return p.m.KeyMap() }
func (p *page) CapturesInput() bool { return true }
func (p *page) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		p.m.SetSize(ws.Width, ws.Height)
		return p, nil
	}
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	return p, cmd
}

// runGolden types keys into a page in the console at 80×24 and compares the
// frame with testdata/<test>.golden.
func runGolden(t *testing.T, c *ui.Common, m Model, keys, want string) {
	t.Helper()
	k := uitest.Show(t, c, &page{m})
	k.Type(keys)
	k.MustShow(want)
	k.Golden()
}

func TestGoldenSearchActive(t *testing.T) {
	c := uitest.NewCommon(nil)
	m := New(c, uitest.Catalogue(), []string{"users.user.view", "assets.view", "assets.delete"}, Options{
		Heading: "Scopes of “CI deployer” · ctrl+s saves · esc back", ConfirmLeave: true,
	})
	runGolden(t, c, m, "/del", "matches across all groups")
}

func TestGoldenGroups(t *testing.T) {
	c := uitest.NewCommon(nil)
	m := New(c, uitest.Catalogue(), nil, Options{New: true})
	runGolden(t, c, m, "jja", "+3 −0")
}
