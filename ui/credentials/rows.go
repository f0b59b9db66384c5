package credentials

import (
	"strconv"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/widgets/vtable"
)

// Column indices of a row's cells. colFlag is a one-cell status column
// (expired, expiring soon, inactive) so the state shows at a glance even
// without colour and even when the narrow terminal hides Expiration.
const (
	colFlag = iota
	colID
	colIdentifier
	colUsername
	colHostname
	colIP
	colType
	colDevice
	colChange
	colView
	colExpiration
	colAuto
	colCustody
	numCols
)

// matchCols are the columns the fuzzy filter searches (UX.md screen 2).
var matchCols = []int{colIdentifier, colUsername, colHostname, colIP, colType, colDevice}

// Status glyphs of colFlag, explained by the legend under the table.
const (
	flagExpired  = "✗"
	flagSoon     = "!"
	flagInactive = "-"
)

// soonWindow is how close an expiration must be to count as "expiring soon".
const soonWindow = 7 * 24 * time.Hour

const dateLayout = "2006-01-02"

// rowState is what a row's tone and flag show.
type rowState uint8

const (
	stateOK rowState = iota
	stateSoon
	stateExpired
	stateInactive
)

// record is the non-secret, sortable part of one credential row. Display
// strings live in the row's cells; a record never holds a password (the
// list API has none, and nothing else writes here).
type record struct {
	idNum      int64 // numeric id for sorting; -1 when the id is not a number
	change     int64 // unix seconds; 0 = never
	view       int64
	expiration int64
	auto       bool
	active     bool
	known      bool // the server said whether it is active (ours does, senhasegura does not)
	custody    custody
	state      rowState
}

// custody is whether a credential is in custody, when the server says.
type custody uint8

const (
	custodyUnknown custody = iota
	custodyHeld
	custodyFree
)

func custodyOf(p *bool) custody {
	switch {
	case p == nil:
		return custodyUnknown
	case *p:
		return custodyHeld
	}
	return custodyFree
}

// facts tells the key map what applies to this row.
func (r record) facts() rowFacts {
	return rowFacts{
		present:     true,
		canActivate: !r.known || !r.active,
		canDeact:    !r.known || r.active,
		canRelease:  r.custody != custodyFree,
	}
}

// columns returns the table's columns. The minimums decide what an 80-column
// terminal keeps: identifier, username and hostname stay readable and the
// columns on the right (last view, expiration, auto) are dropped first; the
// status column still shows expiry at a glance, and the detail pane has it all.
func columns() []vtable.Column {
	return []vtable.Column{
		colFlag:       {Title: " ", Width: 1, Pin: true},
		colID:         {Title: "ID", Min: 3, Max: 7, Pin: true},
		colIdentifier: {Title: "Identifier", Min: 12, Max: 40, Grow: 2, Pin: true},
		colUsername:   {Title: "Username", Min: 8, Max: 28, Grow: 2},
		colHostname:   {Title: "Hostname", Min: 12, Max: 32, Grow: 2},
		colIP:         {Title: "IP", Min: 9, Max: 20},
		colType:       {Title: "Type", Min: 6, Max: 16},
		colDevice:     {Title: "Device", Min: 8, Max: 40, Grow: 2},
		colChange:     {Title: "Last change", Width: 11},
		colView:       {Title: "Last view", Width: 10},
		colExpiration: {Title: "Expiration", Width: 10},
		colAuto:       {Title: "Auto", Width: 4},
		colCustody:    {Title: "Custody", Width: 7},
	}
}

// converter turns wire credentials into records and cells once, off the UI
// thread. now and loc are fixed per load so every row of a load agrees on
// what "expired" means.
type converter struct {
	now time.Time
	loc *time.Location
	cl  *client.Client // places the server's zoneless times (profile server_time_zone)
}

func newConverter(now time.Time, cl *client.Client) converter {
	loc := now.Location()
	if loc == nil {
		loc = time.Local
	}
	return converter{now: now, loc: loc, cl: cl}
}

// convert appends one record and one row of cells per credential.
func (cv converter) convert(in []client.Credential, recs []record, rows [][]string, keys []string) ([]record, [][]string, []string) {
	for i := range in {
		rec, cells := cv.row(&in[i])
		recs = append(recs, rec)
		rows = append(rows, cells)
		keys = append(keys, cells[colID])
	}
	return recs, rows, keys
}

func (cv converter) row(c *client.Credential) (record, []string) {
	id := string(c.ID)
	rec := record{
		idNum:      parseID(id),
		change:     unix(c.Change.Time),
		view:       unix(c.View.Time),
		expiration: unix(c.Expiration.Time),
		auto:       bool(c.AutomaticChange),
		active:     c.IsActive(),
		known:      c.Active != nil,
		custody:    custodyOf(c.InCustody),
	}
	rec.state = cv.state(rec, c.Expiration.Time)
	cells := make([]string, numCols)
	cells[colFlag] = flagFor(rec.state)
	cells[colID] = id
	cells[colIdentifier] = c.Identifier
	cells[colUsername] = c.Username
	cells[colHostname] = c.Hostname
	cells[colIP] = c.ManagementIP
	cells[colType] = c.Type
	cells[colDevice] = deviceLabel(c.DeviceVendor, c.DeviceModel, c.DeviceType)
	cells[colChange] = cv.date(c.Change.Time)
	cells[colView] = cv.date(c.View.Time)
	cells[colExpiration] = cv.date(c.Expiration.Time)
	cells[colAuto] = yesNo(rec.auto)
	cells[colCustody] = custodyText(rec.custody)
	return rec, cells
}

func (cv converter) state(rec record, exp time.Time) rowState {
	switch {
	case !rec.active:
		return stateInactive
	case exp.IsZero():
		return stateOK
	case !exp.After(cv.now):
		return stateExpired
	case exp.Sub(cv.now) <= soonWindow:
		return stateSoon
	}
	return stateOK
}

func (cv converter) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	shown, _ := cv.cl.DisplayTime(t, cv.loc) // zoneless: the server's date, as the detail shows it
	return shown.Format(dateLayout)
}

// custodyText is the Custody cell: "held", "free", or blank when the
// server does not say (x applies only to held ones).
func custodyText(c custody) string {
	switch c {
	case custodyHeld:
		return "held"
	case custodyFree:
		return "free"
	}
	return ""
}

func flagFor(s rowState) string {
	switch s {
	case stateExpired:
		return flagExpired
	case stateSoon:
		return flagSoon
	case stateInactive:
		return flagInactive
	}
	return " "
}

func toneFor(s rowState) vtable.Tone {
	switch s {
	case stateExpired:
		return vtable.ToneDanger
	case stateSoon:
		return vtable.ToneWarn
	case stateInactive:
		return vtable.ToneDim
	}
	return vtable.ToneNormal
}

// deviceLabel is "vendor model / device type", skipping blanks.
func deviceLabel(vendor, model, typ string) string {
	name := strings.TrimSpace(strings.TrimSpace(vendor) + " " + strings.TrimSpace(model))
	typ = strings.TrimSpace(typ)
	switch {
	case name == "":
		return typ
	case typ == "":
		return name
	}
	return name + " / " + typ
}

func parseID(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
