package store

import (
	"fmt"
	"io"

	"github.com/google/uuid"
)

// newUUIDv7 returns an RFC 9562 version 7 UUID (48-bit Unix milliseconds,
// then random bits; google/uuid also keeps them increasing within one
// millisecond) in lowercase hyphenated form. It is the identifier a
// credential gets when the upsert sends a blank one (seed 001); the time
// prefix makes identifiers sort by creation. random nil means crypto/rand.
func newUUIDv7(random io.Reader) (string, error) {
	var u uuid.UUID
	var err error
	if random == nil {
		u, err = uuid.NewV7()
	} else {
		u, err = uuid.NewV7FromReader(random)
	}
	if err != nil {
		return "", fmt.Errorf("store: generate identifier: %w", err)
	}
	return u.String(), nil
}
