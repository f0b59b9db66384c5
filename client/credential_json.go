package client

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendJSON appends c as encoding/json marshals it (json.Marshal(c),
// byte for byte: the same field order, omitempty, time forms and string
// escaping), without reflection or allocation. The server writes a list
// of a million credentials with it; TestCredentialAppendJSONMatchesMarshal
// and FuzzCredentialAppendJSON hold it to json.Marshal.
func (c *Credential) AppendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, string(c.ID))
	b = appendJSONField(b, "identifier", c.Identifier)
	b = appendJSONField(b, "username", c.Username)
	b = append(b, `,"expiration":`...)
	b = c.Expiration.appendJSON(b)
	b = append(b, `,"change":`...)
	b = c.Change.appendJSON(b)
	b = append(b, `,"view":`...)
	b = c.View.appendJSON(b)
	b = appendJSONField(b, "hostname", c.Hostname)
	b = appendJSONField(b, "management_ip", c.ManagementIP)
	b = appendJSONField(b, "type", c.Type)
	b = appendJSONField(b, "type_code", string(c.TypeCode))
	b = appendJSONField(b, "device_model", c.DeviceModel)
	b = appendJSONField(b, "device_type", c.DeviceType)
	b = appendJSONField(b, "device_vendor", c.DeviceVendor)
	b = append(b, `,"automatic_change":`...)
	b = strconv.AppendBool(b, bool(c.AutomaticChange))
	b = appendJSONField(b, "connectivity", c.Connectivity)
	b = appendJSONField(b, "connectivity_code", string(c.ConnectivityCode))
	if c.Active != nil {
		b = strconv.AppendBool(append(b, `,"active":`...), *c.Active)
	}
	if c.InCustody != nil {
		b = strconv.AppendBool(append(b, `,"in_custody":`...), *c.InCustody)
	}
	return append(b, '}')
}

// appendJSON is MarshalJSON appended to b.
func (d ISOTime) appendJSON(b []byte) []byte {
	if d.IsZero() {
		return append(b, "null"...)
	}
	if d.Location() == time.UTC {
		if out, ok := appendDateTime(append(b, '"'), d.Time, 'T'); ok {
			return append(out, 'Z', '"')
		}
	}
	return append(d.AppendFormat(append(b, '"'), time.RFC3339), '"')
}

// appendJSON is MarshalJSON appended to b.
func (d DateTime) appendJSON(b []byte) []byte {
	if d.IsZero() {
		return append(b, "null"...)
	}
	if out, ok := appendDateTime(append(b, '"'), d.UTC(), ' '); ok {
		return append(out, '"')
	}
	return append(d.UTC().AppendFormat(append(b, '"'), "2006-01-02 15:04:05"), '"')
}

// appendDateTime appends "YYYY-MM-DD hh:mm:ss" with sep between date and
// time, as AppendFormat writes it for a year of four digits (false for
// any other year, left to AppendFormat): three times per row of a
// million, and AppendFormat is several times slower.
func appendDateTime(b []byte, t time.Time, sep byte) ([]byte, bool) {
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return b, false
	}
	hour, minute, sec := t.Clock()
	b = append(b, byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-')
	b = append(b, byte('0'+int(month)/10), byte('0'+int(month)%10), '-', byte('0'+day/10), byte('0'+day%10), sep)
	b = append(b, byte('0'+hour/10), byte('0'+hour%10), ':', byte('0'+minute/10), byte('0'+minute%10), ':')
	return append(b, byte('0'+sec/10), byte('0'+sec%10)), true
}

// appendJSONField appends ,"name":"value".
func appendJSONField(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendJSONString(b, value)
}

// appendJSONString appends s as a JSON string the way encoding/json
// writes it with HTML escaping on (its default): <, > and & as \u003c,
// \u003e and \u0026; control characters as \b \f \n \r \t or \u00XX;
// invalid UTF-8 as \ufffd; U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
