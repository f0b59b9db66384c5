package store

import (
	"math/rand/v2"
	"testing"

	"github.com/google/uuid"
)

// Generated identifiers are RFC 9562 v7 UUIDs in the seed's form, sorting
// by creation; the demo's come from its seeded random numbers.
func TestNewUUIDv7(t *testing.T) {
	prev := ""
	for range 100 {
		id, err := newUUIDv7(nil)
		if err != nil {
			t.Fatal(err)
		}
		u, err := uuid.Parse(id)
		if err != nil || u.Version() != 7 || u.Variant() != uuid.RFC4122 || len(id) != 36 || !ValidIdentifier(id) {
			t.Fatalf("%q: not a v7 UUID usable as an identifier (%v)", id, err)
		}
		if id <= prev {
			t.Fatalf("%q after %q: identifiers must sort by creation", id, prev)
		}
		prev = id
	}
	a := demoUUID(rand.New(rand.NewPCG(1, 1)))
	b := demoUUID(rand.New(rand.NewPCG(1, 1)))
	if a[19:] != b[19:] { // rand_b; rand_a holds google/uuid's in-millisecond sequence
		t.Fatalf("demo UUIDs with one seed differ in their random part: %s %s", a, b)
	}
}
