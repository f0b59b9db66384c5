package store

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// newUUIDv7 returns an RFC 9562 version 7 UUID (48-bit Unix milliseconds,
// then random bits) in lowercase hyphenated form. It is the identifier a
// credential gets when the upsert sends a blank one (seed 001); the time
// prefix makes identifiers sort by creation.
func newUUIDv7(now time.Time) string {
	var random [10]byte
	if _, err := rand.Read(random[:]); err != nil {
		panic("store: crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	return formatUUIDv7(now, random)
}

// formatUUIDv7 lays out a v7 UUID from a time and 10 random bytes (of which
// 74 bits are used): unix_ts_ms(48) | ver(4)=7 | rand_a(12) | var(2)=0b10 | rand_b(62).
func formatUUIDv7(now time.Time, random [10]byte) string {
	var u [16]byte
	ms := uint64(now.UnixMilli())
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], ms)
	copy(u[0:6], ts[2:8])
	copy(u[6:], random[:])
	u[6] = 0x70 | (u[6] & 0x0f) // version 7
	u[8] = 0x80 | (u[8] & 0x3f) // variant 10
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], u[10:16])
	return string(out[:])
}
