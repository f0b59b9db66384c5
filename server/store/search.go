package store

import (
	"database/sql/driver"
	"strings"
	"sync"
	"unicode/utf8"

	"modernc.org/sqlite"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// Credential search (issue 18 goal 4). GET credential?search= is a
// Unicode case-insensitive substring of the identifier, username, credential
// type or the device's hostname, ip, type, vendor or model. The FTS5 trigram
// index pam_credentials_search (0008_credential_search.sql) holds those
// fields folded by pam_fold (unitext.Fold), so a search of three characters
// or more is an index lookup finding what searchCond's scan would find;
// shorter ones (which match most rows anyway) scan with searchCond.

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("pam_fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if s, ok := args[0].(string); ok {
			return foldText(s), nil
		}
		return args[0], nil
	})
}

// foldText is the folded form the search index holds and a search is
// matched in: unitext.Fold, as every other search= (searchCond).
func foldText(s string) string { return unitext.Fold(s) }

// minTrigramSearch is the shortest search the trigram index can answer.
const minTrigramSearch = 3

// trigramPhrase is search as an FTS5 phrase of its folded form, when the
// trigram index can answer it (three characters or more).
func trigramPhrase(search string) (string, bool) {
	folded := foldText(search)
	if utf8.RuneCountInString(folded) < minTrigramSearch {
		return "", false
	}
	return `"` + strings.ReplaceAll(folded, `"`, `""`) + `"`, true
}

// countCache remembers list counts until the next write: a page of a
// million credentials must not count them all again (issue 18 goal 4).
type countCache struct {
	mu      sync.Mutex
	gen     uint64 // the store's write generation the entries belong to
	entries map[string]countEntry
}

type countEntry struct {
	total, minID, maxID int64
}

// maxCountEntries bounds the cache; past it, it starts over.
const maxCountEntries = 256

func (c *countCache) get(gen uint64, key string) (countEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return countEntry{}, false
	}
	e, ok := c.entries[key]
	return e, ok
}

func (c *countCache) put(gen uint64, key string, e countEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.entries == nil || len(c.entries) >= maxCountEntries {
		if gen < c.gen {
			return // a newer generation is already cached
		}
		c.gen, c.entries = gen, map[string]countEntry{}
	}
	c.entries[key] = e
}
