package filter

import "encoding/binary"

// Eight bytes at a time: the loops over a field skip stretches where
// nothing can happen (no byte equal to the ones they wait for).
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasZero is non-zero when some byte of x is zero (exact: no false
// negative, and a false positive only above a true zero byte).
func hasZero(x uint64) uint64 { return (x - ones) &^ x & highs }

// hasByte is non-zero when some byte of x equals c.
func hasByte(x uint64, c byte) uint64 { return hasZero(x ^ ones*uint64(c)) }

// word is the eight bytes of text at i; the caller checks i+8 <= len(text).
func word(text []byte, i int) uint64 { return binary.LittleEndian.Uint64(text[i:]) }
