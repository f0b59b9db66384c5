package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// statusBar is the last line: profile · URL · signed-in client, the
// READ-ONLY and PRESENTATION badges, the last toast and the spinner. When
// the line is too long the profile/URL part is cut first, then the toast;
// the badges always stay.
func (a *App) statusBar() string {
	st := a.c.Styles
	var info []string
	for _, s := range []string{a.c.Profile, a.c.URL, a.c.Identity.Name} {
		if s != "" {
			info = append(info, termsafe.String(s)) // profile and URL come from the config file or flags
		}
	}
	badges := ""
	if a.c.ReadOnly {
		badges += " " + st.ReadOnly.Render("READ-ONLY")
	}
	if a.c.Presentation {
		badges += " " + st.ReadOnly.Render("PRESENTATION")
	}
	right := ""
	if a.spinning && a.Busy() {
		right = a.spin.View() + " "
	}
	if a.toast.Text != "" {
		right += a.toastStyle().Render(a.toast.Text)
	}
	room := a.width - lipgloss.Width(badges)
	if right != "" {
		right = a.fitToast(right, max(room-12, 0))
		room -= lipgloss.Width(right) + 1
	}
	left := truncate(st.Muted.Render(strings.Join(info, " · ")), max(room, 0)) + badges
	gap := max(a.width-lipgloss.Width(left)-lipgloss.Width(right), 0)
	return truncate(left+strings.Repeat(" ", gap)+right, a.width)
}

func (a *App) toastStyle() lipgloss.Style {
	switch a.toast.Kind {
	case ToastError:
		return a.c.Styles.Error
	case ToastSuccess:
		return a.c.Styles.Success
	case ToastWarning:
		return a.c.Styles.Warning
	}
	return a.c.Styles.Bold
}

// fitToast cuts a toast that does not fit and says where to read it whole.
func (a *App) fitToast(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	const hint = " (! reads all)"
	if w <= len(hint)+4 {
		return truncate(s, w)
	}
	return truncate(s, w-len(hint)) + a.c.Styles.Muted.Render(hint)
}
