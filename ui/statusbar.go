package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// statusBar is the last line: profile · URL · signed-in client, the
// READ-ONLY and PRESENTATION badges, the last toast and the spinner.
func (a *App) statusBar() string {
	st := a.c.Styles
	var left []string
	for _, s := range []string{a.c.Profile, a.c.URL, a.c.Identity.Name} {
		if s != "" {
			left = append(left, s)
		}
	}
	bar := st.Muted.Render(strings.Join(left, " · "))
	if a.c.ReadOnly {
		bar += " " + st.ReadOnly.Render("READ-ONLY")
	}
	if a.c.Presentation {
		bar += " " + st.ReadOnly.Render("PRESENTATION")
	}
	right := ""
	if a.spinning {
		right = a.spin.View() + " "
	}
	if a.toast.Text != "" {
		right += a.toastStyle().Render(a.toast.Text)
	}
	if right == "" {
		return truncate(bar, a.width)
	}
	// The toast matters more than the URL: it keeps its room and the left
	// part is cut first.
	rw := lipgloss.Width(right)
	if rw > a.width-10 {
		right = truncate(right, a.width-10)
		rw = lipgloss.Width(right)
	}
	bar = truncate(bar, max(a.width-rw-1, 0))
	gap := max(a.width-lipgloss.Width(bar)-rw, 1)
	return bar + strings.Repeat(" ", gap) + right
}

func (a *App) toastStyle() lipgloss.Style {
	switch a.toast.Kind {
	case ToastError:
		return a.c.Styles.Error
	case ToastSuccess:
		return a.c.Styles.Success
	}
	return a.c.Styles.Bold
}
