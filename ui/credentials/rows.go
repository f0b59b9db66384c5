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
// strings live in the row's text; a record never holds a password (the
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

// Text fields of a row, in the order row.text holds them. The match
// columns (fIdentifier..fDevice, the order of matchCols) are joined by
// vtable.MatchSep, as the table's highlight offsets count them.
const (
	fID = iota
	fIdentifier
	fUsername
	fHostname
	fIP
	fType
	fDevice
	fChange
	fView
	fExpiration
	numText
)

// textCol is the column each text field is shown in.
var textCol = [numText]int{colID, colIdentifier, colUsername, colHostname, colIP, colType, colDevice,
	colChange, colView, colExpiration}

// colText is the text field of each column; -1: the cell comes from the
// record (flag, auto, custody).
var colText = func() (ct [numCols]int) {
	for c := range ct {
		ct[c] = -1
	}
	for f, c := range textCol {
		ct[c] = f
	}
	return ct
}()

// row is one credential of the list, kept compact for a million of them:
// its record and its text — every string the row shows, in one string
// (shared by the rows of one batch) that the cells are slices of. Cells are
// made for the rows on screen only (and once per row in the load's command,
// to measure and index it).
type row struct {
	rec  record
	text string
	ends [numText]uint32 // end of each field in text
}

// field returns text field f.
func (r row) field(f int) string {
	start := uint32(0)
	if f > 0 {
		start = r.ends[f-1]
		if f > fIdentifier && f <= fDevice {
			start += uint32(len(vtable.MatchSep))
		}
	}
	return r.text[start:r.ends[f]]
}

// id is the credential's id, the list's key.
func (r row) id() string { return r.field(fID) }

// cell returns the cell of column col.
func (r row) cell(col int) string {
	if col < 0 || col >= numCols {
		return ""
	}
	if f := colText[col]; f >= 0 {
		return r.field(f)
	}
	switch col {
	case colFlag:
		return flagFor(r.rec.state)
	case colAuto:
		return yesNo(r.rec.auto)
	}
	return custodyText(r.rec.custody)
}

// cells returns the row's cells, one per column (a new slice).
func (r row) cells() []string {
	out := make([]string, numCols)
	for c := range out {
		out[c] = r.cell(c)
	}
	return out
}

// converter turns wire credentials into rows, off the UI thread, one
// batch after the other (its cache of dates is not for concurrent use).
// now and loc are fixed per load so every row of a load agrees on what
// "expired" means.
type converter struct {
	now  time.Time
	loc  *time.Location
	cl   *client.Client   // places the server's zoneless times (profile server_time_zone)
	days map[int64]string // the dates written so far, by day (a million rows share a few hundred)
}

func newConverter(now time.Time, cl *client.Client) converter {
	loc := now.Location()
	if loc == nil {
		loc = time.Local
	}
	return converter{now: now, loc: loc, cl: cl, days: map[int64]string{}}
}

// rows appends one row per credential to out. The text of the whole batch
// is built in one string: one allocation per batch instead of a dozen per
// row, and nothing of the wire structs is kept.
func (cv converter) rows(in []client.Credential, out []row) []row {
	size := 0
	for i := range in {
		size += textSize(&in[i])
	}
	var b strings.Builder
	b.Grow(size)
	first := len(out)
	starts := make([]int, len(in))
	for i := range in {
		starts[i] = b.Len()
		out = append(out, cv.write(&b, &in[i]))
	}
	all := b.String()
	for i := range in {
		r := &out[first+i]
		r.text = all[starts[i] : starts[i]+int(r.ends[numText-1])]
	}
	return out
}

// row converts one credential (a batch of one).
func (cv converter) row(c *client.Credential) row {
	return cv.rows([]client.Credential{*c}, nil)[0]
}

// textSize is an upper bound of the text write adds for c.
func textSize(c *client.Credential) int {
	return len(c.ID) + len(c.Identifier) + len(c.Username) + len(c.Hostname) + len(c.ManagementIP) +
		len(c.Type) + len(c.DeviceVendor) + len(c.DeviceModel) + len(c.DeviceType) + 3*len(dateLayout) + 16
}

// write writes c's text fields to b and returns its row (text not set yet:
// ends are relative to the row's start in b).
func (cv converter) write(b *strings.Builder, c *client.Credential) row {
	rec := record{
		idNum:      parseID(string(c.ID)),
		change:     unix(c.Change.Time),
		view:       unix(c.View.Time),
		expiration: unix(c.Expiration.Time),
		auto:       bool(c.AutomaticChange),
		active:     c.IsActive(),
		known:      c.Active != nil,
		custody:    custodyOf(c.InCustody),
	}
	rec.state = cv.state(rec, c.Expiration.Time)
	r := row{rec: rec}
	start := b.Len()
	end := func(f int) { r.ends[f] = uint32(b.Len() - start) }
	sep := func() { b.WriteString(vtable.MatchSep) }
	b.WriteString(string(c.ID))
	end(fID)
	for f, s := range [...]string{c.Identifier, c.Username, c.Hostname, c.ManagementIP, c.Type} {
		if f > 0 {
			sep()
		}
		b.WriteString(s)
		end(fIdentifier + f)
	}
	sep()
	writeDeviceLabel(b, c.DeviceVendor, c.DeviceModel, c.DeviceType)
	end(fDevice)
	for f, t := range [...]time.Time{c.Change.Time, c.View.Time, c.Expiration.Time} {
		cv.writeDate(b, t)
		end(fChange + f)
	}
	return r
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

// writeDate writes t's day as the detail shows it; nothing for no date.
func (cv converter) writeDate(b *strings.Builder, t time.Time) {
	if t.IsZero() {
		return
	}
	shown, _ := cv.cl.DisplayTime(t, cv.loc) // zoneless: the server's date, as the detail shows it
	_, offset := shown.Zone()
	day := shown.Unix() + int64(offset) // seconds of the wall clock Format shows
	day = (day - (day%86400+86400)%86400) / 86400
	text, ok := cv.days[day]
	if !ok {
		text = shown.Format(dateLayout)
		if len(cv.days) < maxDays {
			cv.days[day] = text
		}
	}
	b.WriteString(text)
}

// maxDays bounds a converter's cache of dates (a load runs one converter).
const maxDays = 1 << 14

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
	var b strings.Builder
	writeDeviceLabel(&b, vendor, model, typ)
	return b.String()
}

// writeDeviceLabel writes deviceLabel's text to b without building it first.
func writeDeviceLabel(b *strings.Builder, vendor, model, typ string) {
	vendor, model, typ = strings.TrimSpace(vendor), strings.TrimSpace(model), strings.TrimSpace(typ)
	b.WriteString(vendor)
	if vendor != "" && model != "" {
		b.WriteByte(' ')
	}
	b.WriteString(model)
	if (vendor != "" || model != "") && typ != "" {
		b.WriteString(" / ")
	}
	b.WriteString(typ)
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
