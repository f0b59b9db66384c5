package client

import "time"

// WithServerTimeZone says in which zone the server writes the times it
// sends without one (a profile's server_time_zone). Without it such times
// are shown as the server gave them.
func WithServerTimeZone(loc *time.Location) Option {
	return func(c *Client) { c.serverLoc = loc }
}

// ServerTime places a time the server sent without a zone in the
// configured server time zone (same wall clock); any other time, or any
// time when no zone is configured, is returned unchanged.
func (c *Client) ServerTime(t time.Time) time.Time {
	if c == nil || c.serverLoc == nil || t.Location() != Zoneless {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), c.serverLoc)
}

// DisplayTime is t as the console shows it in display: a time with a known
// zone (or placed by ServerTime) converted to display, a zoneless one kept
// on the server's wall clock. zoned reports which, so a view can say
// "server time" instead of a zone abbreviation it does not know.
func (c *Client) DisplayTime(t time.Time, display *time.Location) (shown time.Time, zoned bool) {
	t = c.ServerTime(t)
	if t.Location() == Zoneless {
		return t, false
	}
	if display == nil {
		display = time.Local
	}
	return t.In(display), true
}
