package ui

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	zone "github.com/lrstanley/bubblezone"

	"github.com/pamconsole/pamconsole/client"
)

// Common is built once per session (local terminal or SSH) and passed by
// pointer to every screen. Screens read it; only the root and the session
// builder write it, before the program starts.
type Common struct {
	Ctx      context.Context // ends with the session; parent of every request
	Client   *client.Client
	Profile  string // profile name shown in the status bar
	URL      string // server URL shown in the status bar
	Identity client.Identity

	Renderer *lipgloss.Renderer // per session: the client terminal's colour profile
	Styles   *Styles

	// ReadOnly hides and disables write keys, and Guard refuses writes
	// before any request is sent (viewer role over SSH).
	ReadOnly bool
	// Presentation masks every secret, password and client id tail and
	// makes them unrevealable (demos and screenshots).
	Presentation bool
	// ASCII draws the console with ASCII stand-ins for its symbols (🔒 … •)
	// for a terminal whose locale is not UTF-8 (LANG=C; see UTF8Locale).
	ASCII bool

	// Zones holds the click zones of the mouse (see Mark); nil when the
	// mouse is off.
	Zones *zone.Manager

	Now            func() time.Time // injectable clock (tests, expiry countdowns)
	RequestTimeout time.Duration    // per HTTP call; default 30 s
	RevealFor      time.Duration    // how long a revealed secret stays visible; default 30 s
	ToastFor       time.Duration    // how long a toast stays; default 5 s
	// Profiles switches the console to another profile of the config file
	// (P); nil hides P (SSH sessions).
	Profiles *Profiles
	// ExportDir is where E writes a list's rows as CSV (the working
	// directory of a local console); "" hides E (SSH sessions: the file
	// would land on the server, not with the person).
	ExportDir string
	// UnusedDays is the "unused" preset's figure: credentials not used for
	// this many days or more (profile unused_days; default 90).
	UnusedDays int

	// Timer schedules fn after d and returns the command that waits for it;
	// nil means tea.Tick. Tests put a fake clock here (ui/uitest), so no test
	// waits on a real timer. Use Tick, never tea.Tick, in screens.
	Timer func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd

	// Clipboard receives OSC 52 sequences (the terminal or SSH session);
	// nil means copying is unavailable and the toast says so.
	Clipboard io.Writer

	reqID atomic.Uint64

	// secretEpoch moves when every revealed secret must be masked at once
	// (the person left the tab it was on); see HideSecrets.
	secretEpoch atomic.Uint64

	// Navigation asked for during the current Update, when an App runs the
	// session (navSync). Only touched on the program's goroutine: screens
	// call Push and Pop from Update, never from a command.
	navSync bool
	nav     []tea.Msg
}

func (c *Common) navigate(msg tea.Msg) tea.Cmd {
	if !c.navSync {
		return func() tea.Msg { return msg }
	}
	c.nav = append(c.nav, msg)
	return nil
}

// Tick returns a command that yields fn's message after d (Common.Timer).
func (c *Common) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	if c.Timer != nil {
		return c.Timer(d, fn)
	}
	return tea.Tick(d, fn)
}

// takeNav returns and clears the pending navigation.
func (c *Common) takeNav() []tea.Msg {
	nav := c.nav
	c.nav = nil
	return nav
}

// NewCommon returns a Common with defaults filled in.
func NewCommon(ctx context.Context, c *client.Client, r *lipgloss.Renderer) *Common {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	return &Common{
		Ctx: ctx, Client: c, Renderer: r, Styles: NewStyles(r),
		Now: time.Now, RequestTimeout: 30 * time.Second, RevealFor: 30 * time.Second, ToastFor: 5 * time.Second,
		UnusedDays: DefaultUnusedDays,
	}
}

// DefaultUnusedDays is Common.UnusedDays unless the profile sets it.
const DefaultUnusedDays = 90

// NextID returns a fresh request id. A screen stores the id of its latest
// request and drops replies carrying any other id.
func (c *Common) NextID() uint64 { return c.reqID.Add(1) }

// Context returns a request context bounded by RequestTimeout.
func (c *Common) Context() (context.Context, context.CancelFunc) {
	parent := c.Ctx
	if parent == nil {
		parent = context.Background()
	}
	d := c.RequestTimeout
	if d <= 0 {
		d = 30 * time.Second
	}
	return context.WithTimeout(parent, d)
}

// HideSecrets masks every secret revealed so far in this session (masked
// widgets compare SecretEpoch with the one they were revealed in). The App
// calls it when the person leaves a tab: a password left on screen must not
// be waiting there, still visible, when someone comes back to the tab.
func (c *Common) HideSecrets() { c.secretEpoch.Add(1) }

// SecretEpoch is the number of HideSecrets calls so far.
func (c *Common) SecretEpoch() uint64 { return c.secretEpoch.Load() }

// ShownClientID is a client id as this session may show it: in
// presentation mode all but its head is hidden ("cc_7_••••"), on every
// screen that shows one (the client credentials, the audit's actor).
func (c *Common) ShownClientID(id string) string {
	if !c.Presentation {
		return id
	}
	const keep = 5
	if len(id) <= keep {
		return strings.Repeat("•", len(id))
	}
	return id[:keep] + "••••"
}

// ErrReadOnly is returned by Guard in a read-only session.
var ErrReadOnly = errors.New("read-only session: this action is not allowed")

// Guard refuses a write in a read-only session, before any request is sent.
func (c *Common) Guard() error {
	if c.ReadOnly {
		return ErrReadOnly
	}
	return nil
}

// CanWrite reports whether write keys should be enabled.
func (c *Common) CanWrite() bool { return !c.ReadOnly }

// The reasons secrets and passwords cannot be revealed or copied.
var (
	ErrViewerSecrets       = errors.New("read-only session: viewers cannot reveal or copy secrets or passwords")
	ErrPresentationSecrets = errors.New("presentation mode: secrets and passwords cannot be revealed or copied")
)

// CanReveal reports whether secrets and passwords may be revealed or
// copied: never in presentation mode, never by a viewer (issue 13 §2).
func (c *Common) CanReveal() bool { return c.RevealRefusal() == nil }

// RevealRefusal says why secrets cannot be revealed or copied; nil when
// they can. Screens refuse with it before any request is sent.
func (c *Common) RevealRefusal() error {
	switch {
	case c.ReadOnly:
		return ErrViewerSecrets
	case c.Presentation:
		return ErrPresentationSecrets
	}
	return nil
}

// Request runs fn in a tea.Cmd with a bounded context and wraps its result
// in a Reply tagged with id. Screens use it for every HTTP call.
func Request[T any](c *Common, id uint64, fn func(ctx context.Context) (T, error)) tea.Cmd {
	epoch := c.SecretEpoch() // on the UI thread, when the request is made
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		v, err := fn(ctx)
		return Reply[T]{ID: id, Value: v, Err: err, Epoch: epoch}
	}
}

// Reply is the message a Request produces.
type Reply[T any] struct {
	ID    uint64
	Value T
	Err   error
	// Epoch is the session's SecretEpoch when the request was made: a
	// secret asked for before the person left the tab is not shown when it
	// arrives after (masked.Model.RevealAsked).
	Epoch uint64
}

// Clock returns Now(), defaulting to time.Now.
func (c *Common) Clock() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}
