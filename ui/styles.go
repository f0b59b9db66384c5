package ui

import "github.com/charmbracelet/lipgloss"

// Accent is the console's one accent colour.
var Accent = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#9D8CFF"}

// Styles are built from a session's renderer so each SSH session gets the
// colours its terminal supports (and none under NO_COLOR).
type Styles struct {
	Renderer *lipgloss.Renderer
	Accent   lipgloss.TerminalColor

	Title      lipgloss.Style // screen title in the header
	Tab        lipgloss.Style
	ActiveTab  lipgloss.Style
	StatusBar  lipgloss.Style
	StatusItem lipgloss.Style
	ReadOnly   lipgloss.Style // the READ-ONLY badge
	Muted      lipgloss.Style
	Bold       lipgloss.Style
	Error      lipgloss.Style
	Success    lipgloss.Style
	Warning    lipgloss.Style
	Highlight  lipgloss.Style // fuzzy-matched characters
	Dialog     lipgloss.Style // bordered box for dialogs
	Label      lipgloss.Style // form labels
	Focused    lipgloss.Style // focused form field / pane border
	Blurred    lipgloss.Style
	Help       lipgloss.Style
}

// NewStyles builds the console's styles on r.
func NewStyles(r *lipgloss.Renderer) *Styles {
	ns := r.NewStyle
	return &Styles{
		Renderer:   r,
		Accent:     Accent,
		Title:      ns().Bold(true).Foreground(Accent),
		Tab:        ns().Padding(0, 1).Faint(true),
		ActiveTab:  ns().Padding(0, 1).Bold(true).Foreground(Accent).Underline(true),
		StatusBar:  ns().Faint(false),
		StatusItem: ns().Padding(0, 1),
		ReadOnly:   ns().Bold(true).Reverse(true).Padding(0, 1),
		Muted:      ns().Faint(true),
		Bold:       ns().Bold(true),
		Error:      ns().Foreground(lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF6B6B"}),
		Success:    ns().Foreground(lipgloss.AdaptiveColor{Light: "#1B7F3B", Dark: "#5FD787"}),
		Warning:    ns().Foreground(lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#E3B341"}),
		Highlight:  ns().Bold(true).Underline(true).Foreground(Accent),
		Dialog:     ns().Border(lipgloss.RoundedBorder()).BorderForeground(Accent).Padding(0, 1),
		Label:      ns().Bold(true),
		Focused:    ns().Foreground(Accent),
		Blurred:    ns().Faint(true),
		Help:       ns().Faint(true),
	}
}
