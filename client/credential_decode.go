package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
	"unsafe"

	"github.com/pamconsole/pamconsole/internal/termsafe"
)

// A list of a million credentials is decoded here rather than by
// encoding/json, whose reflection and per-field allocations made the
// client take twice as long as the transfer. elementReader cuts the
// "credentials" array into elements; credentialDecoder reads the shape
// our server and the vendor send (seed 003: flat, strings without
// escapes) by hand, and hands any other element (escapes, nested values,
// a field name in other case, a wrong type) to encoding/json whole, so
// the result is always what json.Unmarshal gives — TestFastDecodeMatchesUnmarshal
// and FuzzCredentialDecode hold it to that.

// maxElement bounds one credential of the list: a row of seed 003 is a few
// hundred bytes, and a server must not make the client buffer without end.
const maxElement = 1 << 20

// elementReader reads the elements of a JSON array one at a time from r,
// after its opening '['. An element is a slice of its buffer, valid until
// the next call.
type elementReader struct {
	r        io.Reader
	buf      []byte
	off, end int // unread data is buf[off:end]
	err      error
	first    bool
}

func newElementReader(r io.Reader) *elementReader {
	return &elementReader{r: r, buf: make([]byte, 64<<10), first: true}
}

// fill moves the unread data to the front and reads more; the buffer
// grows when an element does not fit, up to maxElement.
func (e *elementReader) fill() error {
	if e.err != nil {
		return e.err
	}
	if e.off > 0 {
		e.end = copy(e.buf, e.buf[e.off:e.end])
		e.off = 0
	}
	if e.end == len(e.buf) {
		if len(e.buf) >= maxElement {
			e.err = fmt.Errorf("a credential is larger than %d bytes", maxElement)
			return e.err
		}
		e.buf = append(e.buf, make([]byte, len(e.buf))...)
	}
	n, err := e.r.Read(e.buf[e.end:])
	e.end += n
	if err == io.EOF {
		err = io.ErrUnexpectedEOF // the array is not closed yet
	}
	if n == 0 && err != nil {
		e.err = err
		return err
	}
	return nil
}

// peek skips white space and returns the next byte, unread.
func (e *elementReader) peek() (byte, error) {
	for {
		for ; e.off < e.end; e.off++ {
			switch c := e.buf[e.off]; c {
			case ' ', '\t', '\n', '\r':
			default:
				return c, nil
			}
		}
		if err := e.fill(); err != nil {
			return 0, err
		}
	}
}

// next decodes the next element into c (zero on entry); false after the
// closing ']'. The usual element is decoded where it lies in the buffer,
// in one pass; any other (or one the buffer cuts) is first cut out whole.
func (e *elementReader) next(d *credentialDecoder, c *Credential) (bool, error) {
	ch, err := e.peek()
	if err != nil {
		return false, err
	}
	if ch == ']' {
		e.off++
		return false, nil
	}
	if !e.first {
		if ch != ',' {
			return false, fmt.Errorf("invalid character %q after array element", ch)
		}
		e.off++
		if _, err := e.peek(); err != nil {
			return false, err
		}
	}
	e.first = false
	if n, err := d.fast(e.buf[e.off:e.end], c); err == nil {
		e.off += n
		return true, nil
	}
	*c = Credential{}
	elem, err := e.value()
	if err != nil {
		return false, err
	}
	if err := d.decode(elem, c); err != nil {
		return false, &badElement{err}
	}
	return true, nil
}

// badElement is an element that does not decode as a credential.
type badElement struct{ err error }

func (b *badElement) Error() string { return b.err.Error() }

// value returns the extent of the JSON value at off: an object or array
// up to its matching bracket, a string up to its closing quote, any other
// value up to the next delimiter. Its validity is checked by whoever
// decodes it.
func (e *elementReader) value() ([]byte, error) {
	i, depth, inString := e.off, 0, false
	scalar := e.buf[i] != '{' && e.buf[i] != '['
	for {
		for ; i < e.end; i++ {
			c := e.buf[i]
			switch {
			case inString:
				if c == '\\' {
					i++
				} else if c == '"' {
					inString = false
					if scalar {
						return e.take(i + 1), nil
					}
				}
			case c == '"':
				inString = true
			case scalar:
				if c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
					return e.take(i), nil
				}
			case c == '{' || c == '[':
				depth++
			case c == '}' || c == ']':
				if depth--; depth == 0 {
					return e.take(i + 1), nil
				}
			}
		}
		rel := i - e.off
		if err := e.fill(); err != nil {
			return nil, err
		}
		i = e.off + rel
	}
}

func (e *elementReader) take(end int) []byte {
	v := e.buf[e.off:end]
	e.off = end
	return v
}

var errNotFast = errors.New("not the usual shape")

// credentialDecoder decodes credentials, sharing its memory among them:
// strings are cut from large blocks, the text of the few-valued fields
// (types, vendors, hosts) is kept once, and *bool fields point into a
// shared slice. Nothing it hands out is ever written again.
type credentialDecoder struct {
	block []byte
	bools []bool
	kept  [keptFields]keptStrings
}

// keptStrings remembers the last values of one field, direct-mapped by a
// hash of the text: a value seen again is handed out once more instead of
// copied (a million rows of a few dozen device types). raw is the text as
// sent, safe its terminal-safe form.
type keptStrings [256]struct{ raw, safe string }

// The fields whose values are kept once (the others are mostly unique).
const (
	keptUsername = iota
	keptHostname
	keptIP
	keptType
	keptTypeCode
	keptModel
	keptDeviceType
	keptVendor
	keptConnectivity
	keptConnectivityCode
	keptFields
	notKept = -1
)

const (
	blockSize = 64 << 10
	keptLen   = 64 // longest value kept once
)

func newCredentialDecoder() *credentialDecoder { return &credentialDecoder{} }

// decode decodes one whole element into c (zero on entry), terminal-safe.
func (d *credentialDecoder) decode(elem []byte, c *Credential) error {
	if n, err := d.fast(elem, c); err == nil && n == len(elem) {
		return nil
	}
	*c = Credential{}
	if err := json.Unmarshal(elem, c); err != nil {
		return err
	}
	termsafe.Value(c)
	return nil
}

// text returns b as a terminal-safe string that does not share b's memory,
// the one handed out before when field (a kept* index) saw b lately.
func (d *credentialDecoder) text(b []byte, field int) string {
	if len(b) == 0 {
		return ""
	}
	var slot *struct{ raw, safe string }
	if field != notKept && len(b) <= keptLen {
		h := uint32(2166136261) // FNV-1a
		for _, c := range b {
			h = (h ^ uint32(c)) * 16777619
		}
		slot = &d.kept[field][h&255]
		if slot.raw == string(b) { // compared in place, no allocation
			return slot.safe
		}
	}
	if len(b) > cap(d.block)-len(d.block) {
		d.block = make([]byte, 0, max(blockSize, len(b)))
	}
	start := len(d.block)
	d.block = append(d.block, b...)
	raw := unsafe.String(&d.block[start], len(b))
	safe := termsafe.String(raw)
	if slot != nil {
		slot.raw, slot.safe = raw, safe
	}
	return safe
}

// boolPtr returns a pointer to v that nobody else writes through.
func (d *credentialDecoder) boolPtr(v bool) *bool {
	if len(d.bools) == cap(d.bools) {
		d.bools = make([]bool, 0, 1024)
	}
	d.bools = append(d.bools, v)
	return &d.bools[len(d.bools)-1]
}

// credentialFields are the JSON names of Credential, for spotting a name
// that encoding/json would match in other case.
var credentialFields = []string{"id", "identifier", "username", "expiration", "change", "view", "hostname",
	"management_ip", "type", "type_code", "device_model", "device_type", "device_vendor", "automatic_change",
	"connectivity", "connectivity_code", "active", "in_custody"}

// fast decodes the element at the start of b when it is a flat object of
// the usual shape and returns its length; else errNotFast (c is then
// partly set). An element cut short by the end of b is errNotFast too:
// every value must be followed by its ',' or '}' within b.
func (d *credentialDecoder) fast(b []byte, c *Credential) (int, error) {
	p := scanner{b: b}
	if !p.eat('{') {
		return 0, errNotFast
	}
	if p.eat('}') {
		return p.i, nil
	}
	for {
		name, ok := p.plainString()
		if !ok || !p.eat(':') {
			return 0, errNotFast
		}
		if err := d.field(&p, name, c); err != nil {
			return 0, err
		}
		if p.eat(',') {
			continue
		}
		if p.eat('}') {
			return p.i, nil
		}
		return 0, errNotFast
	}
}

// field decodes the value of name at p into c.
func (d *credentialDecoder) field(p *scanner, name []byte, c *Credential) error {
	switch string(name) {
	case "id":
		return d.flexString(p, &c.ID, notKept)
	case "identifier":
		return d.str(p, &c.Identifier, notKept)
	case "username":
		return d.str(p, &c.Username, keptUsername)
	case "expiration":
		return p.date(&c.Expiration.Time, &c.Expiration)
	case "change":
		return p.date(&c.Change.Time, &c.Change)
	case "view":
		return p.date(&c.View.Time, &c.View)
	case "hostname":
		return d.str(p, &c.Hostname, keptHostname)
	case "management_ip":
		return d.str(p, &c.ManagementIP, keptIP)
	case "type":
		return d.str(p, &c.Type, keptType)
	case "type_code":
		return d.flexString(p, &c.TypeCode, keptTypeCode)
	case "device_model":
		return d.str(p, &c.DeviceModel, keptModel)
	case "device_type":
		return d.str(p, &c.DeviceType, keptDeviceType)
	case "device_vendor":
		return d.str(p, &c.DeviceVendor, keptVendor)
	case "automatic_change":
		return p.unmarshal(&c.AutomaticChange)
	case "connectivity":
		return d.str(p, &c.Connectivity, keptConnectivity)
	case "connectivity_code":
		return d.flexString(p, &c.ConnectivityCode, keptConnectivityCode)
	case "active":
		return d.optBool(p, &c.Active)
	case "in_custody":
		return d.optBool(p, &c.InCustody)
	}
	for _, f := range credentialFields {
		if bytes.EqualFold(name, []byte(f)) {
			return errNotFast // encoding/json matches names in any case
		}
	}
	_, err := p.scalar() // a field we do not know: skipped
	return err
}

// str decodes a string or null (which leaves dst as it is, as encoding/json does).
func (d *credentialDecoder) str(p *scanner, dst *string, field int) error {
	if p.literal("null") {
		return nil
	}
	b, ok := p.plainString()
	if !ok {
		return errNotFast
	}
	*dst = d.text(b, field)
	return nil
}

// flexString decodes FlexString's string and null; a number keeps its text.
func (d *credentialDecoder) flexString(p *scanner, dst *FlexString, field int) error {
	if p.literal("null") {
		*dst = ""
		return nil
	}
	if b, ok := p.plainString(); ok {
		*dst = FlexString(d.text(b, field))
		return nil
	}
	if b, ok := p.number(); ok {
		*dst = FlexString(d.text(b, notKept))
		return nil
	}
	return errNotFast
}

// optBool decodes a *bool: true, false or null (nil).
func (d *credentialDecoder) optBool(p *scanner, dst **bool) error {
	switch {
	case p.literal("null"):
		*dst = nil
	case p.literal("true"):
		*dst = d.boolPtr(true)
	case p.literal("false"):
		*dst = d.boolPtr(false)
	default:
		return errNotFast
	}
	return nil
}

// scanner reads the tokens of one element. Every method skips the white
// space before its token.
type scanner struct {
	b []byte
	i int
}

func (p *scanner) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// eat consumes c if it comes next.
func (p *scanner) eat(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// literal consumes word (null, true, false) if it comes next.
func (p *scanner) literal(word string) bool {
	p.space()
	if len(p.b)-p.i >= len(word) && string(p.b[p.i:p.i+len(word)]) == word {
		p.i += len(word)
		return true
	}
	return false
}

// plainString consumes a string without escapes or control characters
// and returns its contents.
func (p *scanner) plainString() ([]byte, bool) {
	p.space()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return nil, false
	}
	for j := p.i + 1; j < len(p.b); j++ {
		if c := p.b[j]; stringStop[c] {
			if c != '"' {
				return nil, false // an escape or a control character
			}
			s := p.b[p.i+1 : j]
			p.i = j + 1
			return s, true
		}
	}
	return nil, false
}

// stringStop marks the bytes that end a plain string's contents: the
// quote, the backslash and the control characters.
var stringStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// number consumes a JSON number and returns its text.
func (p *scanner) number() ([]byte, bool) {
	p.space()
	b, j := p.b, p.i
	digits := func() bool {
		k := j
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		return j > k
	}
	if j < len(b) && b[j] == '-' {
		j++
	}
	switch {
	case j < len(b) && b[j] == '0':
		j++
	case !digits():
		return nil, false
	}
	if j < len(b) && b[j] == '.' {
		if j++; !digits() {
			return nil, false
		}
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		if j++; j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if !digits() {
			return nil, false
		}
	}
	n := b[p.i:j]
	p.i = j
	return n, true
}

// scalar consumes a plain string, a number or a literal and returns its text.
func (p *scanner) scalar() ([]byte, error) {
	p.space()
	start := p.i
	if _, ok := p.plainString(); ok {
		return p.b[start:p.i], nil
	}
	if _, ok := p.number(); ok {
		return p.b[start:p.i], nil
	}
	for _, w := range []string{"null", "true", "false"} {
		if p.literal(w) {
			return p.b[start:p.i], nil
		}
	}
	return nil, errNotFast
}

// date reads one of our two date forms straight into t; any other value
// goes to v's UnmarshalJSON.
func (p *scanner) date(t *time.Time, v json.Unmarshaler) error {
	start := p.i
	if b, ok := p.plainString(); ok {
		if d, ok := parseDateFast(b, Zoneless); ok {
			*t = d
			return nil
		}
	}
	p.i = start
	return p.unmarshal(v)
}

// unmarshal hands a scalar to v's UnmarshalJSON, as encoding/json does.
func (p *scanner) unmarshal(v json.Unmarshaler) error {
	b, err := p.scalar()
	if err != nil {
		return err
	}
	if v.UnmarshalJSON(b) != nil {
		return errNotFast // encoding/json reports it, naming the field
	}
	return nil
}
