package clientcreds

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Table columns, in seed 000's order plus Status.
const (
	colName = iota
	colValidTill
	colValidFrom
	colClientID
	colSecret
	colStatus
	colLastUsed
)

// matchCols are the columns the filter searches: name and client id.
var matchCols = []int{colName, colClientID}

// soonWindow is how close Valid Till must be for "expires in Nd".
const soonWindow = 7 * 24 * time.Hour

// wideAt is the width from which the secret column spells its full title;
// below it the column is just wide enough for the mask.
const wideAt = 100

func columns(width int) []vtable.Column {
	secret := vtable.Column{Title: "Client Secret", Min: 8, Max: 13}
	clientID := vtable.Column{Title: "Client ID", Min: 9, Max: 40, Grow: 2}
	if width < wideAt {
		// Narrow: the name gets the room; the id's head is enough to tell rows apart.
		secret = vtable.Column{Title: "Secret", Width: ansi.StringWidth(client.MaskedSecret)}
		clientID.Max = 12
	}
	return []vtable.Column{
		{Title: "Client Name", Min: 12, Grow: 3},
		{Title: "Valid Till", Width: 10},
		{Title: "Valid From", Width: 10},
		clientID,
		secret,
		{Title: "Status", Min: 13},   // "expires in 5d", "not yet valid"
		{Title: "Last used", Min: 9}, // "never", "today", "12d ago"
	}
}

// lastUsedText is the Last used cell: "never", "today" (less than a day
// ago) or "12d ago". A server that does not record use says never.
func lastUsedText(cc client.ClientCredential, now time.Time) string {
	if cc.LastUsedAt == nil || cc.LastUsedAt.IsZero() {
		return "never"
	}
	days := int(now.Sub(*cc.LastUsedAt) / (24 * time.Hour))
	if days < 1 {
		return "today"
	}
	return strconv.Itoa(days) + "d ago"
}

// usedTime is when cc was last used; the zero time for never.
func usedTime(cc client.ClientCredential) time.Time {
	if cc.LastUsedAt == nil {
		return time.Time{}
	}
	return *cc.LastUsedAt
}

// Status is a credential's state at a moment.
type Status int

// The states, in the order they are checked.
const (
	StatusActive Status = iota
	StatusProtected
	StatusNotYetValid
	StatusExpired
	StatusExpiringSoon
)

// statusOf classifies cc at now. The protected key is "protected" whatever
// its dates (its validity is in the detail pane).
func statusOf(cc client.ClientCredential, now time.Time) Status {
	switch {
	case cc.Protected:
		return StatusProtected
	case now.Before(cc.ValidFrom):
		return StatusNotYetValid
	case !now.Before(cc.ValidTill):
		return StatusExpired
	case cc.ValidTill.Sub(now) <= soonWindow:
		return StatusExpiringSoon
	}
	return StatusActive
}

// statusText is the Status cell.
func statusText(cc client.ClientCredential, now time.Time) string {
	switch statusOf(cc, now) {
	case StatusProtected:
		return "protected"
	case StatusNotYetValid:
		return "not yet valid"
	case StatusExpired:
		return "expired"
	case StatusExpiringSoon:
		return "expires in " + shortDuration(cc.ValidTill.Sub(now))
	}
	return "active"
}

// shortDuration is "5d" (rounded up) or "7h" under a day.
func shortDuration(d time.Duration) string {
	if d < 24*time.Hour {
		return strconv.Itoa(max(int(math.Ceil(d.Hours())), 1)) + "h"
	}
	return strconv.Itoa(int(math.Ceil(d.Hours()/24))) + "d"
}

// lockGlyph marks the protected key in front of its name (the Status column
// says "protected"): a lock, or "[locked]" on a terminal without colour
// support (a hint that it may lack emoji too; the ASCII goldens use it).
func lockGlyph(c *ui.Common) string {
	if c.ASCII || c.Renderer != nil && c.Renderer.ColorProfile() == termenv.Ascii {
		return "[locked]"
	}
	return "🔒"
}

// date formats a validity bound as YYYY-MM-DD in UTC: a date-only Valid Till
// means the end of that day in UTC, so UTC shows the date that was typed.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// cells renders one credential's row at now.
func cells(c *ui.Common, cc client.ClientCredential, now time.Time) []string {
	name := cc.Name
	if cc.Protected {
		name = lockGlyph(c) + " " + name
	}
	return []string{
		name,
		date(cc.ValidTill),
		date(cc.ValidFrom),
		c.ShownClientID(cc.ClientID),
		client.MaskedSecret,
		statusText(cc, now),
		lastUsedText(cc, now),
	}
}

func keyOf(id int64) string { return strconv.FormatInt(id, 10) }

// toneOf colours a row by its status.
func toneOf(cc client.ClientCredential, now time.Time) vtable.Tone {
	switch statusOf(cc, now) {
	case StatusExpired, StatusNotYetValid:
		return vtable.ToneDim
	case StatusExpiringSoon:
		return vtable.ToneWarn
	}
	return vtable.ToneNormal
}

// countdown says how long until (or since) the validity bounds, for the
// detail pane.
func countdown(cc client.ClientCredential, now time.Time) string {
	switch {
	case now.Before(cc.ValidFrom):
		return "becomes valid in " + span(now, cc.ValidFrom)
	case !now.Before(cc.ValidTill):
		return "expired " + span(cc.ValidTill, now) + " ago"
	}
	return "expires in " + span(now, cc.ValidTill)
}

// spanCap is where span stops counting: a time.Duration saturates at ~292
// years, so valid_till 9999-12-31 showed "106751d 23h" (issue 17 §5).
const spanCap = 100 // years

// span is longDuration(to - from), or "> 100 years" beyond spanCap.
func span(from, to time.Time) string {
	if to.After(from.AddDate(spanCap, 0, 0)) {
		return fmt.Sprintf("> %d years", spanCap)
	}
	return longDuration(to.Sub(from))
}

// longDuration is "3d 4h", "5h 12m" or "42m".
func longDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	mins := int(d % time.Hour / time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh", days, hours)
	case hours > 0:
		return fmt.Sprintf("%dh %dm", hours, mins)
	}
	return fmt.Sprintf("%dm", mins)
}
