package vtable

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui/widgets/vtable/vtabletest"
)

var (
	keyDown  = tea.KeyMsg{Type: tea.KeyDown}
	keyUp    = tea.KeyMsg{Type: tea.KeyUp}
	keyPgDn  = tea.KeyMsg{Type: tea.KeyPgDown}
	keyPgUp  = tea.KeyMsg{Type: tea.KeyPgUp}
	keyCtrlD = tea.KeyMsg{Type: tea.KeyCtrlD}
	keyCtrlU = tea.KeyMsg{Type: tea.KeyCtrlU}
	keySpace = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	keyCtrlA = tea.KeyMsg{Type: tea.KeyCtrlA}
)

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func press(m Model, keys ...tea.KeyMsg) Model {
	for _, k := range keys {
		m, _ = m.Update(k)
	}
	return m
}

var smallCols = []Column{{Title: "ID", Width: 3}, {Title: "Name"}, {Title: "Host", Max: 10}}

func smallTable(width, height int) Model {
	m := New(smallCols, asciiStyles())
	m.SetRows([][]string{
		{"1", "alice", "web01.example.com"},
		{"2", "bob", "db"},
		{"3", "carol", "cache"},
	}, []string{"k1", "k2", "k3"})
	m.SetSize(width, height)
	m.Focus()
	return m
}

// Issue 15: a column's Max never cuts a cell while the table has room for
// it ("Identifier is cut even at 200 columns while IP gets 20 cells"); it
// is what the column gives up first when room is short.
func TestRenderKnownTable(t *testing.T) {
	m := smallTable(30, 5)
	assertLines(t, m,
		"  ID  Name   Host             ",
		"> 1   alice  web01.example.com",
		"  2   bob    db               ",
		"  3   carol  cache            ",
		"                              ",
	)
	m.SetMarking(true)
	m = press(m, keyDown, keySpace)
	assertLines(t, m,
		"      ID  Name  Host          ",
		"  [ ] 1   alice web01.example…",
		"> [x] 2   bob   db            ",
		"  [ ] 3   carol cache         ",
		"                              ",
	)
}

func TestResizeRecomputesWidths(t *testing.T) {
	m := smallTable(30, 5)
	wide := slices.Clone(m.widths)
	m.SetSize(20, 5)
	if slices.Equal(wide, m.widths) {
		t.Fatalf("widths unchanged after resize: %v", m.widths)
	}
	assertLines(t, m,
		"  ID  Name  Host    ",
		"> 1   alice web01.e…",
		"  2   bob   db      ",
		"  3   carol cache   ",
		"                    ",
	)
	// Narrower than the minimums: columns go from the right.
	m.SetSize(12, 2)
	assertLines(t, m,
		"  ID  Name  ",
		"> 1   alice ",
	)
	for w := 1; w < 8; w++ { // degenerate widths keep the frame's size
		m.SetMarking(w%2 == 0)
		m.SetSize(w, 3)
		lines(t, m)
	}
}

func TestSetColumnTitle(t *testing.T) {
	m := smallTable(30, 2)
	m.SetColumnTitle(1, "Name ▲")
	if got := lines(t, m)[0]; got != "  ID  Name ▲ Host             " {
		t.Fatalf("header %q", got)
	}
	if smallCols[1].Title != "Name" {
		t.Fatal("caller's columns modified")
	}
}

func TestWideCharsAndControlsTruncate(t *testing.T) {
	m := New([]Column{{Title: "A", Width: 5}, {Title: "B", Width: 4}, {Title: "C", Width: 3}}, asciiStyles())
	m.SetRows([][]string{{"日本語", "日本語", "a\x1b[31m"}, {"ab日", "e\u0301é", "\t"}}, nil)
	m.SetSize(2+5+1+4+1+3, 3)
	assertLines(t, m,
		"  A     B    C  ",
		"> 日本… 日…  a�…",
		"  ab日  e\u0301é   �  ",
	)
}

func TestEmptyAndNoMatch(t *testing.T) {
	m := New(smallCols, asciiStyles())
	m.SetEmptyText("No client credentials yet — press n to add one")
	m.SetSize(30, 3)
	got := lines(t, m)
	if got[1] != "  No client credentials yet —…" {
		t.Fatalf("empty state %q", got[1])
	}
	if m.Cursor() != -1 {
		t.Fatalf("cursor on an empty table: %d", m.Cursor())
	}
	m = smallTable(30, 3)
	m.SetView([]int{}, nil)
	if got := lines(t, m); !strings.HasPrefix(got[1], "  No rows match the filter") {
		t.Fatalf("no-match line %q", got[1])
	}
}

func TestCursorBounds(t *testing.T) {
	m := smallTable(30, 5)
	m = press(m, keyUp, runes("k"))
	if m.Cursor() != 0 {
		t.Fatalf("cursor above the top: %d", m.Cursor())
	}
	m = press(m, keyDown, runes("j"), keyDown, keyDown, keyDown)
	if m.Cursor() != 2 {
		t.Fatalf("cursor past the bottom: %d", m.Cursor())
	}
	m = press(m, runes("g"))
	if m.Cursor() != 0 {
		t.Fatalf("g: %d", m.Cursor())
	}
	m = press(m, runes("G"))
	if m.Cursor() != 2 {
		t.Fatalf("G: %d", m.Cursor())
	}
	m.Blur()
	m = press(m, keyUp)
	if m.Cursor() != 2 {
		t.Fatal("a blurred table moved")
	}
}

func TestPaging(t *testing.T) {
	rows := vtabletest.CredentialRows(100)
	m := New([]Column{{Title: "ID", Width: 6}, {Title: "Identifier"}}, asciiStyles())
	m.SetRows(rows, nil)
	m.SetSize(40, 11) // 10 body rows
	m.Focus()
	steps := []struct {
		key         tea.KeyMsg
		cursor, top int
	}{
		{keyPgDn, 10, 1}, {keyPgDn, 20, 11}, {keyCtrlU, 15, 11}, {keyCtrlD, 20, 11},
		{keyPgUp, 10, 10}, {runes("G"), 99, 90}, {keyPgDn, 99, 90}, {runes("g"), 0, 0}, {keyPgUp, 0, 0},
	}
	for i, s := range steps {
		m = press(m, s.key)
		if m.Cursor() != s.cursor || m.offset != s.top {
			t.Fatalf("step %d (%s): cursor %d top %d, want %d %d", i, s.key, m.Cursor(), m.offset, s.cursor, s.top)
		}
		if got := lines(t, m); !strings.HasPrefix(got[1+s.cursor-s.top], "> "+rows[s.cursor][0]) {
			t.Fatalf("step %d: pointer not on row %d:\n%s", i, s.cursor, strings.Join(got, "\n"))
		}
	}
}

func TestViewKeepsCursorOnRow(t *testing.T) {
	m := smallTable(30, 5)
	m = press(m, keyDown) // row 1 (k2)
	m.SetView([]int{2, 1}, nil)
	if k, _ := m.CursorKey(); k != "k2" || m.CursorPos() != 1 {
		t.Fatalf("cursor on %q at %d, want k2 at 1", k, m.CursorPos())
	}
	m.SetView([]int{0}, nil)
	if k, _ := m.CursorKey(); k != "k1" {
		t.Fatalf("cursor on %q after its row left the view", k)
	}
	m.ClearView()
	if m.ViewLen() != 3 || m.Cursor() != 0 {
		t.Fatalf("ClearView: len %d cursor %d", m.ViewLen(), m.Cursor())
	}
	if !m.SetCursorByKey("k3") || m.Cursor() != 2 || m.SetCursorByKey("nope") {
		t.Fatal("SetCursorByKey")
	}
}

func TestMarksAndHiddenCount(t *testing.T) {
	m := smallTable(30, 5)
	m = press(m, keySpace)
	if m.MarkedCount() != 0 {
		t.Fatal("space marked with marking off")
	}
	m.SetMarking(true)
	m = press(m, keySpace, keyDown, keySpace, keySpace) // k1 marked; k2 toggled twice
	if got := m.Marked(); !slices.Equal(got, []string{"k1"}) {
		t.Fatalf("marked %v", got)
	}
	m.SetView([]int{2, 1}, nil) // hides k1
	if m.HiddenMarkedCount() != 1 {
		t.Fatalf("hidden marked %d, want 1", m.HiddenMarkedCount())
	}
	m = press(m, keyCtrlA)
	if m.MarkedCount() != 3 || m.HiddenMarkedCount() != 1 {
		t.Fatalf("after ctrl+a: %d marked, %d hidden", m.MarkedCount(), m.HiddenMarkedCount())
	}
	m = press(m, keySpace) // unmark the cursor row (k2, still under the cursor)
	if got := m.Marked(); !slices.Equal(got, []string{"k1", "k3"}) || m.HiddenMarkedCount() != 1 {
		t.Fatalf("marked %v hidden %d", got, m.HiddenMarkedCount())
	}
	if !slices.Equal(m.MarkedRows(), []int{0, 2}) {
		t.Fatalf("marked rows %v", m.MarkedRows())
	}
	m.ClearView()
	if m.HiddenMarkedCount() != 0 {
		t.Fatalf("hidden marked %d with every row shown", m.HiddenMarkedCount())
	}
	// Reload: marks follow keys; k1 is gone.
	m.SetRows([][]string{{"3", "carol", "c"}, {"4", "dave", "d"}}, []string{"k3", "k4"})
	if got := m.Marked(); !slices.Equal(got, []string{"k3"}) || m.MarkedCount() != 1 {
		t.Fatalf("after reload marked %v (%d)", got, m.MarkedCount())
	}
	m.ClearMarks()
	if m.MarkedCount() != 0 || len(m.Marked()) != 0 {
		t.Fatal("ClearMarks")
	}
}

func TestSetRowsKeepsCursorKey(t *testing.T) {
	m := smallTable(30, 5)
	m = press(m, keyDown, keyDown) // k3
	m.SetRows([][]string{{"3", "carol", "c"}, {"0", "zed", "z"}}, []string{"k0", "k3"})
	if k, _ := m.CursorKey(); k != "k3" {
		t.Fatalf("cursor on %q after reload", k)
	}
}

func TestAppendRows(t *testing.T) {
	m := smallTable(30, 5)
	m.AppendRows([][]string{{"4", "a-much-longer-name", "h"}}, []string{"k4"})
	if m.Len() != 4 || m.ViewLen() != 4 {
		t.Fatalf("len %d view %d", m.Len(), m.ViewLen())
	}
	m = press(m, runes("G"))
	if k, _ := m.CursorKey(); k != "k4" {
		t.Fatalf("cursor on %q", k)
	}
}

func TestKeyMapHelp(t *testing.T) {
	m := smallTable(30, 5)
	if m.Keys.ToggleMark.Enabled() || m.Keys.MarkAll.Enabled() {
		t.Fatal("mark keys enabled with marking off")
	}
	m.SetMarking(true)
	if !m.Keys.ToggleMark.Enabled() || !m.Keys.MarkAll.Enabled() {
		t.Fatal("mark keys disabled with marking on")
	}
	n := 0
	for _, col := range m.Keys.FullHelp() {
		n += len(col)
	}
	if n != 12 || len(m.Keys.ShortHelp()) == 0 {
		t.Fatalf("help lists %d bindings", n)
	}
}

// TestKeypressAllocationIsFlat guards the virtualization: a keypress plus a
// frame allocates the same at 100 and 100,000 rows.
func TestKeypressAllocationIsFlat(t *testing.T) {
	measure := func(n int) float64 {
		m := benchTable(vtabletest.CredentialRows(n))
		m.SetCursor(n / 2)
		return testing.AllocsPerRun(50, func() {
			m, _ = m.Update(keyDown)
			_ = m.View()
		})
	}
	small, large := measure(100), measure(100_000)
	if large > small || large > 4 {
		t.Fatalf("allocations per keypress: %v at 100 rows, %v at 100k", small, large)
	}
}

// Issue 15: columns that do not fit are reached with → / l and back with
// ← / h; the keys are enabled only when there is somewhere to scroll.
func TestScrollColumnsReachesHiddenOnes(t *testing.T) {
	cols := []Column{{Title: "Name", Min: 10}, {Title: "Host", Min: 10}, {Title: "Site", Min: 10}, {Title: "Expiration", Min: 10}, {Title: "Auto", Min: 4}}
	m := New(cols, asciiStyles())
	m.SetRows([][]string{{"alice", "web01", "eu-west", "2027-01-01", "yes"}}, nil)
	m.SetSize(30, 3)
	m.Focus()
	if l, r := m.HiddenColumns(); l != 0 || r == 0 {
		t.Fatalf("hidden %d/%d at 30 columns", l, r)
	}
	if m.Keys.Left.Enabled() || !m.Keys.Right.Enabled() {
		t.Fatal("scroll keys wrong before scrolling")
	}
	for range 10 {
		m = press(m, runes("l"))
	}
	head := lines(t, m)[0]
	// The first column stays so a row can still be told apart (issue 15).
	if !strings.Contains(head, "Auto") || !strings.Contains(head, "Name") || strings.Contains(head, "Host") {
		t.Fatalf("after scrolling right: %q", head)
	}
	if _, r := m.HiddenColumns(); r != 0 || m.Keys.Right.Enabled() || !m.Keys.Left.Enabled() {
		t.Fatal("scroll keys wrong at the right end")
	}
	m = press(m, tea.KeyMsg{Type: tea.KeyLeft}, tea.KeyMsg{Type: tea.KeyLeft}, tea.KeyMsg{Type: tea.KeyLeft}, tea.KeyMsg{Type: tea.KeyLeft})
	if !strings.Contains(lines(t, m)[0], "Name") {
		t.Fatalf("← did not come back: %q", lines(t, m)[0])
	}
	m.SetSize(200, 3)
	if l, r := m.HiddenColumns(); l != 0 || r != 0 {
		t.Fatalf("hidden %d/%d at 200 columns", l, r)
	}
}

// A wider terminal brings columns scrolled out on the left back.
func TestWiderTerminalUnscrolls(t *testing.T) {
	cols := []Column{{Title: "Name", Min: 10}, {Title: "Host", Min: 10}, {Title: "Site", Min: 10}}
	m := New(cols, asciiStyles())
	m.SetRows([][]string{{"alice", "web01", "eu-west"}}, nil)
	m.SetSize(20, 3)
	m.ScrollColumns(5)
	if l, _ := m.HiddenColumns(); l == 0 {
		t.Fatal("did not scroll")
	}
	m.SetSize(100, 3)
	if l, r := m.HiddenColumns(); l != 0 || r != 0 {
		t.Fatalf("hidden %d/%d after widening", l, r)
	}
}

// Leading columns marked Pin stay in view while the others scroll (the
// credentials screen pins its flag, ID and Identifier: a tester scrolled the
// Identifier away).
func TestPinnedColumnsStayWhenScrolling(t *testing.T) {
	cols := []Column{{Title: "F", Width: 1, Pin: true}, {Title: "Ident", Min: 8, Pin: true}, {Title: "Host", Min: 10}, {Title: "Site", Min: 10}, {Title: "Expiration", Min: 10}}
	m := New(cols, asciiStyles())
	m.SetRows([][]string{{"!", "web-root", "web01", "eu-west", "2027-01-01"}}, nil)
	m.SetSize(30, 3)
	m.Focus()
	for range 5 {
		m = press(m, runes("l"))
	}
	head := lines(t, m)[0]
	if !strings.Contains(head, "Ident") || !strings.Contains(head, "Expiration") || strings.Contains(head, "Host") {
		t.Fatalf("after scrolling right: %q", head)
	}
}
