package vtable

import (
	"strings"
	"testing"
)

// markedLine renders view row p (not under the cursor) with the match style's
// escape sequences replaced by < and >.
func markedLine(t *testing.T, m Model, p int) string {
	t.Helper()
	match := m.sgr.match[ToneNormal][rowPlain]
	text := m.sgr.text[ToneNormal][rowPlain]
	if match.on == "" || text.on != "" {
		t.Fatalf("test needs a colour profile and a plain cell style: %+v %+v", match, text)
	}
	line := strings.Split(m.View(), "\n")[1+p]
	line = strings.ReplaceAll(line, match.on, "<")
	return strings.ReplaceAll(line, match.off, ">")
}

func highlightTable(matchCols []int, rows [][]string, matches [][]int) Model {
	m := New([]Column{{Title: "ID", Width: 2}, {Title: "Host", Width: 8}, {Title: "User", Width: 6}}, ansiStyles())
	m.SetRows(rows, nil)
	m.SetMatchColumns(matchCols)
	m.SetSize(2+2+1+8+1+6, 4)
	m.SetView([]int{0, 1, 2}[:len(rows)], matches)
	m.GotoBottom() // keep the cursor off the rows under test
	return m
}

func TestHighlightMapsOffsetsToColumns(t *testing.T) {
	rows := [][]string{{"1", "web01", "root"}, {"2", "web01", "root"}, {"3", "x", "y"}}
	hay := JoinCells(rows[0], []int{1, 2})
	if hay != "web01 root" {
		t.Fatalf("haystack %q", hay)
	}
	// w e (Host), the separator (ignored), r t (User).
	m := highlightTable([]int{1, 2}, rows, [][]int{{0, 1, 5, 6, 9}, {4}, nil})
	if got, want := markedLine(t, m, 0), "  1  <w><e>b01    <r>oo<t>  "; got != want {
		t.Fatalf("\n got %q\nwant %q", got, want)
	}
	if got, want := markedLine(t, m, 1), "  2  web0<1>    root  "; got != want {
		t.Fatalf("\n got %q\nwant %q", got, want)
	}
	// Columns joined in another order than shown.
	m = highlightTable([]int{2, 1}, rows, [][]int{{0, 5}, nil, nil})
	if got, want := markedLine(t, m, 0), "  1  <w>eb01    <r>oot  "; got != want {
		t.Fatalf("\n got %q\nwant %q", got, want)
	}
}

func TestHighlightTruncatedAndWide(t *testing.T) {
	rows := [][]string{{"1", "日本語x", "abcdefghij"}, {"2", "", ""}}
	hay := JoinCells(rows[0], []int{1, 2}) // "日本語x abcdefghij": 本 at 3, a at 11
	// 本, x, and j which the truncation hides.
	m := highlightTable([]int{1, 2}, rows, [][]int{{3, 9, 11, 20}, nil})
	if hay[3:6] != "本" || hay[11] != 'a' || hay[20] != 'j' {
		t.Fatalf("bad test offsets for %q", hay)
	}
	if got, want := markedLine(t, m, 0), "  1  日<本>語<x>  <a>bcde…"; got != want {
		t.Fatalf("\n got %q\nwant %q", got, want)
	}
}

func TestMismatchedMatchesIgnored(t *testing.T) {
	m := smallTable(30, 5)
	m.SetView([]int{0, 1}, [][]int{{0}}) // one matches entry for two rows
	if m.matches != nil {
		t.Fatal("matches of the wrong length kept")
	}
	_ = m.View()
}

func TestOutOfRangeViewDropped(t *testing.T) {
	m := smallTable(30, 5)
	m.SetView([]int{2, 7, -1, 0}, [][]int{{0}, {0}, {0}, {1}})
	if m.ViewLen() != 2 || m.rowAt(0) != 2 || m.rowAt(1) != 0 || len(m.matches) != 2 || m.matches[1][0] != 1 {
		t.Fatalf("view %v matches %v", m.view, m.matches)
	}
	lines(t, m)
}

func TestToneStylesRow(t *testing.T) {
	m := New([]Column{{Title: "A", Width: 3}}, ansiStyles())
	m.SetRows([][]string{{"on"}, {"off"}}, nil)
	m.SetToneFunc(func(r int) Tone {
		if r == 1 {
			return ToneDim
		}
		return ToneNormal
	})
	m.SetSize(6, 3)
	dim := m.sgr.text[ToneDim][rowPlain].on
	if dim == "" {
		t.Fatal("dim tone compiled to nothing")
	}
	got := strings.Split(m.View(), "\n")
	if strings.Contains(got[1], dim) || !strings.HasPrefix(got[2], dim) {
		t.Fatalf("tone not applied to row 1 only: %q", got)
	}
}
