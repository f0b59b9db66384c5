package client

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// fuzzCredential puts s into every string field (varied per field so a
// swapped field shows) and derives the rest from the numbers.
func fuzzCredential(s string, sec int64, offset int, flags uint8) Credential {
	at := func(d int64) time.Time {
		if flags&8 != 0 && d == 0 {
			return time.Time{}
		}
		loc := time.FixedZone("z", offset%(18*3600))
		if flags&64 != 0 { // UTC, as our server's times are
			loc = time.UTC
		}
		return time.Unix(sec+d*3607, int64(offset)*1001).In(loc)
	}
	c := Credential{
		ID: FlexString(s), Identifier: s + "i", Username: "u" + s, Expiration: ISOTime{at(0)}, Change: DateTime{at(1)},
		View: DateTime{at(2)}, Hostname: s + s, ManagementIP: s + "<ip>", Type: "&" + s, TypeCode: FlexString(s + "1"),
		DeviceModel: s + "\u2028", DeviceType: "\u2029" + s, DeviceVendor: s + "\x00\x1f\x7f", AutomaticChange: flags&1 != 0,
		Connectivity: s + "\xff", ConnectivityCode: FlexString("\t" + s),
	}
	if flags&2 != 0 {
		active := flags&4 != 0
		c.Active = &active
	}
	if flags&16 != 0 {
		custody := flags&32 != 0
		c.InCustody = &custody
	}
	return c
}

func checkAppendJSON(t *testing.T, c Credential) {
	t.Helper()
	want, err := json.Marshal(c)
	if err != nil {
		t.Skip("not marshalable:", err) // a time json.Marshal refuses; AppendJSON need not match
	}
	got := c.AppendJSON([]byte("prefix"))
	if !bytes.Equal(got[len("prefix"):], want) {
		t.Fatalf("AppendJSON\n got %s\nwant %s", got[len("prefix"):], want)
	}
}

func TestCredentialAppendJSONMatchesMarshal(t *testing.T) {
	for i, s := range []string{
		"", "plain", `quote" back\slash`, "<script>&amp;</script>", "\b\f\n\r\t\x00\x01\x1f\x7f",
		"São Paulo — 東京 🔑", "\u2028\u2029", "bad \xff\xfe utf8 \xe2\x82", "\xed\xa0\x80 surrogate", "\u00a0\u0085",
	} {
		for flags := range uint8(128) {
			checkAppendJSON(t, fuzzCredential(s, 1_700_000_000+int64(i), i*1800-7200, flags))
		}
	}
	var empty Credential
	checkAppendJSON(t, empty)
}

func FuzzCredentialAppendJSON(f *testing.F) {
	f.Add("db01<&>\u2028", int64(1_700_000_000), 3600, uint8(7))
	f.Add("\xff\x00\"\\", int64(-62135596800), -37800, uint8(0xff))
	f.Fuzz(func(t *testing.T, s string, sec int64, offset int, flags uint8) {
		sec %= 400_000_000_000 // years json.Marshal (via Format) can write
		checkAppendJSON(t, fuzzCredential(s, sec, offset, flags))
	})
}
