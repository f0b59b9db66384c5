package scopes

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
	"github.com/sahilm/fuzzy"

	"github.com/pamconsole/pamconsole/ui"
)

// result is one search match: the item and which bytes of its label and
// key matched (for highlighting).
type result struct {
	item         int
	labelMatched []int
	keyMatched   []int
	// bulk: a and x act on it — its key or label contains the query (see
	// bulkMatch); the other results are loose fuzzy matches, for finding.
	bulk bool
}

func newSearchInput(c *ui.Common) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = "press / to search scopes"
	in.CharLimit = 64
	in.Cursor.SetMode(cursor.CursorStatic)
	if c != nil && c.Renderer != nil {
		ns := c.Renderer.NewStyle
		in.PromptStyle, in.TextStyle = ns(), ns()
		in.PlaceholderStyle = c.Styles.Muted
		in.CompletionStyle = c.Styles.Muted
		in.Cursor.Style = ns().Reverse(true)
		in.Cursor.TextStyle = ns()
	}
	return in
}

// searchSource feeds "label key" of every item to the fuzzy matcher without
// building a slice of strings per keypress.
type searchSource []item

func (s searchSource) String(i int) string { return s[i].label + " " + s[i].key }
func (s searchSource) Len() int            { return len(s) }

// runSearch recomputes the results for the current query; an empty query
// ends the search (results nil).
func (m *Model) runSearch() {
	q := strings.TrimSpace(m.search.Value())
	if q == "" {
		m.results = nil
		m.cursor, m.top = 0, 0
		return
	}
	matches := fuzzy.FindFrom(q, searchSource(m.items))
	m.results = make([]result, 0, len(matches))
	for _, mt := range matches {
		split := len(m.items[mt.Index].label) + 1
		r := result{item: mt.Index, bulk: bulkMatch(q, m.items[mt.Index])}
		for _, b := range mt.MatchedIndexes {
			if b < split-1 {
				r.labelMatched = append(r.labelMatched, b)
			} else if b >= split {
				r.keyMatched = append(r.keyMatched, b-split)
			}
		}
		m.results = append(m.results, r)
	}
	m.cursor, m.top = 0, 0
}

// bulkMatch reports whether a bulk select (a/x) may act on it for query q:
// its key or label contains q (ignoring case), or every word of q is a
// whole word of its key or label. Fuzzy subsequences ("edit" in "Release
// crEDential custody") find scopes; they never grant them in bulk.
func bulkMatch(q string, it item) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	label, key := strings.ToLower(it.label), strings.ToLower(it.key)
	if q == "" {
		return false
	}
	if strings.Contains(label, q) || strings.Contains(key, q) {
		return true
	}
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(label+" "+key, notWordRune) {
		words[w] = true
	}
	for _, w := range strings.FieldsFunc(q, notWordRune) {
		if !words[w] {
			return false
		}
	}
	return true
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// bulkCount is how many search results a and x act on.
func (m Model) bulkCount() int {
	n := 0
	for _, r := range m.results {
		if r.bulk {
			n++
		}
	}
	return n
}

// highlight renders s with the bytes at idx (sorted, as fuzzy returns them)
// in the highlight style, the rest in base.
func highlight(s string, idx []int, hl, base lipgloss.Style) string {
	if len(idx) == 0 {
		return base.Render(s)
	}
	var b strings.Builder
	next, start := 0, 0
	for i, r := range s {
		if next < len(idx) && idx[next] == i {
			if start < i {
				b.WriteString(base.Render(s[start:i]))
			}
			b.WriteString(hl.Render(string(r)))
			start = i + len(string(r))
			next++
		}
	}
	if start < len(s) {
		b.WriteString(base.Render(s[start:]))
	}
	return b.String()
}
