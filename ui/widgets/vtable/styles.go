package vtable

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Tone is a row's emphasis, chosen per row by the function given to
// SetToneFunc (e.g. ToneDim for expired credentials).
type Tone uint8

// Row tones.
const (
	ToneNormal Tone = iota
	ToneDim         // expired, inactive
	ToneWarn        // expiring soon
	ToneDanger      // refused, error
	ToneGood        // just created, success
	numTones
)

// Styles are the table's looks. Build them with DefaultStyles from the
// session's renderer. Only text attributes are used (colours, bold, faint,
// italic, underline, reverse, strikethrough): layout properties such as
// padding, borders or width are ignored, so View always has the size given to
// SetSize. Header is rendered once per resize; the body styles are compiled to
// escape sequences once per SetStyles.
type Styles struct {
	Header   lipgloss.Style // header line
	Cell     lipgloss.Style // base of every body cell
	Selected lipgloss.Style // cursor row while focused
	Blurred  lipgloss.Style // cursor row while blurred
	Match    lipgloss.Style // fuzzy-matched characters
	Marked   lipgloss.Style // the mark column of a marked row
	Empty    lipgloss.Style // the empty-state text
	Tones    [numTones]lipgloss.Style

	Pointer string // cursor glyph in the left gutter, e.g. ">"
	MarkOn  string // mark column of a marked row, e.g. "[x]"
	MarkOff string // mark column of an unmarked row, same width as MarkOn
}

// DefaultStyles returns the console's table styles for renderer r with one
// accent colour.
func DefaultStyles(r *lipgloss.Renderer, accent lipgloss.TerminalColor) Styles {
	s := Styles{
		Header:   r.NewStyle().Bold(true).Foreground(accent),
		Cell:     r.NewStyle(),
		Selected: r.NewStyle().Reverse(true),
		Blurred:  r.NewStyle().Underline(true),
		Match:    r.NewStyle().Foreground(accent).Bold(true).Underline(true),
		Marked:   r.NewStyle().Foreground(accent).Bold(true),
		Empty:    r.NewStyle().Faint(true),
		Pointer:  ">",
		MarkOn:   "[x]",
		MarkOff:  "[ ]",
	}
	s.Tones[ToneNormal] = r.NewStyle()
	s.Tones[ToneDim] = r.NewStyle().Faint(true)
	s.Tones[ToneWarn] = r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#B58900", Dark: "#E5C07B"})
	s.Tones[ToneDanger] = r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#C0392B", Dark: "#E06C75"})
	s.Tones[ToneGood] = r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#98C379"})
	return s
}

// sgr is a compiled style: the escape sequences written before and after a
// run of text. Both are empty for a plain style or a colourless profile.
type sgr struct{ on, off string }

// rowState selects the compiled styles of a body row.
type rowState uint8

const (
	rowPlain rowState = iota
	rowSelected
	rowBlurred
	numRowStates
)

// compiled holds every style combination a frame can need, so View only
// concatenates strings.
type compiled struct {
	text   [numTones][numRowStates]sgr // cell text
	match  [numTones][numRowStates]sgr // matched characters
	marked [numRowStates]sgr           // mark column of a marked row
}

func compile(s Styles) compiled {
	var c compiled
	rowStyles := [numRowStates]lipgloss.Style{rowPlain: s.Cell, rowSelected: s.Selected, rowBlurred: s.Blurred}
	for t := range numTones {
		for st := range numRowStates {
			base := s.Tones[t].Inherit(s.Cell)
			if st != rowPlain {
				base = rowStyles[st].Inherit(base)
			}
			c.text[t][st] = toSGR(base)
			c.match[t][st] = toSGR(s.Match.Inherit(base))
			if t == ToneNormal {
				c.marked[st] = toSGR(s.Marked.Inherit(base))
			}
		}
	}
	return c
}

// toSGR renders a sentinel through the text attributes of st and splits the
// output around it.
func toSGR(st lipgloss.Style) sgr {
	const sentinel = "X"
	text := textOnly(st).Render(sentinel)
	i := strings.Index(text, sentinel)
	if i < 0 {
		return sgr{}
	}
	return sgr{on: text[:i], off: text[i+len(sentinel):]}
}

// textOnly keeps the attributes that apply inside a line, dropping layout
// (width, padding, margins, borders, alignment, transforms).
func textOnly(st lipgloss.Style) lipgloss.Style {
	return st.UnsetWidth().UnsetMaxWidth().UnsetHeight().UnsetMaxHeight().
		UnsetPadding().UnsetMargins().UnsetBorderStyle().
		UnsetBorderTop().UnsetBorderRight().UnsetBorderBottom().UnsetBorderLeft().
		UnsetAlign().UnsetTransform().UnsetTabWidth().UnsetInline().
		UnsetMarginBackground().UnsetString()
}
