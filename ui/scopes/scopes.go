// Package scopes is the reusable scopes page of seed 000 (wizard step 2 and
// Edit scopes): a groups pane with selected/total counts, that group's
// scopes as checkboxes, and a fuzzy search across every group.
//
// It is a pure model: it never calls HTTP. The hosting screen embeds it,
// forwards messages to Update, and acts on the messages it emits:
// SaveMsg (ctrl+s, with the selected set) and BackMsg (esc, after asking
// when there are unsaved changes and Options.ConfirmLeave is set).
package scopes

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// Options tunes a scopes page.
type Options struct {
	// New marks a page for a credential that does not exist yet: the saved
	// state (what `r` resets to and what +a −b compares with) is the
	// catalogue defaults, and the saved argument of New is ignored.
	New bool
	// Initial is the selection to start from; nil starts from the saved state.
	// The wizard uses it to come back to step 2 with what was chosen before.
	Initial []string
	// ConfirmLeave asks before emitting BackMsg when there are unsaved changes.
	ConfirmLeave bool
	// SaveLabel names the ctrl+s action in help ("Save", "Add Client Credential").
	SaveLabel string
	// Heading is an optional first line (e.g. "Scopes of CI deployer").
	Heading string
}

// SaveMsg asks the host to save Selected (catalogue order).
type SaveMsg struct{ Selected []string }

// BackMsg asks the host to leave the page; Selected is the current
// selection (the wizard keeps it for when it returns).
type BackMsg struct{ Selected []string }

// Focus names the pane that has the keyboard.
type Focus int

// The panes.
const (
	FocusSearch Focus = iota
	FocusGroups
	FocusScopes
)

// item is one scope of the catalogue, flattened.
type item struct {
	key, label string
	group      int
}

// Model is the scopes page.
type Model struct {
	c    *ui.Common
	opts Options
	keys KeyMap

	items  []item
	groups []groupRange
	extra  []string // saved scopes the catalogue does not know: kept as they are

	selected []bool
	saved    []bool

	search  textinput.Model
	results []result // nil when no search is active
	focus   Focus

	group, groupTop int // selected group, first visible row in the groups pane
	cursor, top     int // cursor and first visible row in the scopes pane

	width, height int
	confirming    bool   // asking "discard unsaved changes?"
	status        string // host-set line: "Saving…" or the server's error
	statusErr     bool
	zone          string // prefix of the rows' click zones (see mouse.go)
}

type groupRange struct {
	label      string
	start, end int // items[start:end]
}

// New builds a scopes page over catalogue. saved is the credential's current
// scopes (ignored when opts.New: the catalogue defaults are used).
func New(c *ui.Common, catalogue *client.ScopeCatalogue, saved []string, opts Options) Model {
	m := Model{c: c, opts: opts, keys: newKeyMap(opts), focus: FocusGroups, width: 80, height: 20, zone: c.ZonePrefix()}
	if catalogue != nil {
		for gi, g := range catalogue.Groups {
			r := groupRange{label: g.Label, start: len(m.items)}
			for _, s := range g.Scopes {
				m.items = append(m.items, item{key: s.Key, label: s.Label, group: gi})
			}
			r.end = len(m.items)
			m.groups = append(m.groups, r)
		}
	}
	if opts.New {
		saved = Defaults(catalogue)
	}
	m.saved, m.extra = m.maskOf(saved)
	if opts.Initial != nil {
		m.selected, _ = m.maskOf(opts.Initial)
	} else {
		m.selected = append([]bool(nil), m.saved...)
	}
	m.search = newSearchInput(c)
	m.syncKeys()
	return m
}

// Defaults returns the catalogue's default scopes in catalogue order.
func Defaults(catalogue *client.ScopeCatalogue) []string {
	var out []string
	if catalogue == nil {
		return nil
	}
	for _, g := range catalogue.Groups {
		for _, s := range g.Scopes {
			if s.Default {
				out = append(out, s.Key)
			}
		}
	}
	return out
}

// maskOf turns a list of keys into a selection mask; keys the catalogue
// does not know come back separately.
func (m Model) maskOf(keys []string) ([]bool, []string) {
	index := make(map[string]int, len(m.items))
	for i, it := range m.items {
		index[it.key] = i
	}
	mask := make([]bool, len(m.items))
	var unknown []string
	for _, k := range keys {
		if i, ok := index[k]; ok {
			mask[i] = true
		} else {
			unknown = append(unknown, k)
		}
	}
	return mask, unknown
}

// Selected returns the selected scope keys in catalogue order (followed by
// any saved scope the catalogue did not list, which the page never drops).
func (m Model) Selected() []string {
	out := make([]string, 0, len(m.items))
	for i, on := range m.selected {
		if on {
			out = append(out, m.items[i].key)
		}
	}
	return append(out, m.extra...)
}

// Counts returns how many scopes are selected, the catalogue's total, and
// the change against the saved state: added and removed.
func (m Model) Counts() (selected, total, added, removed int) {
	for i, on := range m.selected {
		if on {
			selected++
		}
		switch {
		case on && !m.saved[i]:
			added++
		case !on && m.saved[i]:
			removed++
		}
	}
	return selected, len(m.items), added, removed
}

// Dirty reports whether the selection differs from the saved state.
func (m Model) Dirty() bool {
	_, _, a, r := m.Counts()
	return a+r > 0
}

// MarkSaved makes the current selection the saved state (after the host's
// save succeeded), so `r` and +a −b compare with it.
func (m *Model) MarkSaved() {
	m.saved = append(m.saved[:0], m.selected...)
}

// SetStatus shows a line under the counts: progress ("Saving…") or, with
// isErr, the server's error. "" clears it.
func (m *Model) SetStatus(text string, isErr bool) { m.status, m.statusErr = text, isErr }

// SetSize sets the area the page renders in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 30), max(h, 8)
	m.search.Width = max(m.width-12, 8)
	m.clampScroll()
}

// SetHeading replaces the optional first line.
func (m *Model) SetHeading(h string) {
	m.opts.Heading = h
	m.clampScroll()
}

// Focus reports which pane has the keyboard.
func (m Model) Focus() Focus { return m.focus }

// Query is the current search text.
func (m Model) Query() string { return m.search.Value() }

// CapturesInput is true while the search bar has focus (letters type).
func (m Model) CapturesInput() bool { return m.focus == FocusSearch }

// Init starts nothing: the page needs no command to start.
func (m Model) Init() tea.Cmd { return nil }

// privilegedSuffixes end the keys of the scopes that reveal secrets, delete,
// deactivate, release custody or change scopes (issue 13 §3): the page marks
// them with "!" so a bulk change never hides one.
var privilegedSuffixes = []string{".reveal", ".reveal_secret", ".delete", ".deactivate", ".release_custody", ".edit_scopes"}

// privileged reports whether key is a privileged scope.
func privileged(key string) bool {
	for _, s := range privilegedSuffixes {
		if strings.HasSuffix(key, s) {
			return true
		}
	}
	return false
}
