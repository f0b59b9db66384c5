package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"modernc.org/sqlite"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// Credential search (issue 18 goal 4). GET credential?search= is a
// Unicode case-insensitive substring of the identifier, username, credential
// type or the device's hostname, ip, type, vendor or model. Two FTS5 trigram
// indexes hold those fields folded by pam_fold (unitext.Fold), see
// 0009_search_split.sql: pam_device_search the device fields once per
// device, pam_credential_search the credential's own fields and a token
// naming its device. A search of three characters or more is then one FTS5
// query "own fields match OR the device is one of the matching devices",
// answered in id order, which finds what searchCond's scan finds; shorter
// ones (which match most rows anyway) scan with searchCond.

func init() {
	sqlite.MustRegisterDeterministicScalarFunction("pam_fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if s, ok := args[0].(string); ok {
			return foldText(s), nil
		}
		return args[0], nil
	})
	sqlite.MustRegisterDeterministicScalarFunction("pam_device_token", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if id, ok := args[0].(int64); ok {
			return deviceToken(id), nil
		}
		return nil, nil
	})
}

// foldText is the folded form the search index holds and a search is
// matched in: unitext.Fold, as every other search= (searchCond).
func foldText(s string) string { return unitext.Fold(s) }

// deviceTokenBase is the first code point of the Supplementary Private Use
// Area-A: device tokens are three of its characters, 16 bits of the id each.
const deviceTokenBase = 0xF0000

// deviceToken is the one trigram naming device id in the device_token
// column of pam_credential_search (ids below 2^48).
func deviceToken(id int64) string {
	return string([]rune{rune(deviceTokenBase + (id>>32)&0xFFFF), rune(deviceTokenBase + (id>>16)&0xFFFF), rune(deviceTokenBase + id&0xFFFF)})
}

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

// ownColumns limits a phrase to the credential's own fields (never the
// device token column).
const ownColumns = `{identifier username credential_type} : `

// matchingDeviceTokens is an SQL expression: the device tokens of the
// devices whose fields contain the phrase (bound to ?), as an FTS5 OR of
// phrases, NULL when no device matches.
const matchingDeviceTokens = `(SELECT '(' || group_concat('"' || pam_device_token(rowid) || '"', ' OR ') || ')'
	FROM pam_device_search WHERE pam_device_search MATCH ?)`

// credentialMatch is the SQL expression of the FTS5 query on
// pam_credential_search for phrase, and its arguments: own fields match or
// the device matches (op "OR"), or own fields match and the device does not
// (op "NOT", the rows the sum over the matching devices left out).
func credentialMatch(phrase, op string) (string, []any) {
	return `(? || COALESCE(' ` + op + ` device_token : ' || ` + matchingDeviceTokens + `, ''))`,
		[]any{"(" + ownColumns + phrase + ")", phrase}
}

// matchingDevicesSum is the SQL expression summing column (credentials or
// active) of pam_credential_counts over the devices matching phrase (?).
func matchingDevicesSum(column string) string {
	return `(SELECT COALESCE(SUM(` + column + `), 0) FROM pam_credential_counts WHERE device_id IN
		(SELECT rowid FROM pam_device_search WHERE pam_device_search MATCH ?))`
}

// countEntry is a list's total and the lowest and highest id of the
// table, read in one snapshot.
type countEntry struct {
	total, minID, maxID int64
}

// keptTotal is a search's total as of position at (the highest audit id,
// or the last pam_credential_changes seq it covers), while epoch stays.
type keptTotal struct{ total, at, epoch int64 }

// keptTotals keeps the totals of searches across writes, to be brought up
// to date from what changed since (audit rows appended, credential changes
// logged) instead of counted again: counting a broad search at 1M walks
// every matching row (issue 18 goal 4).
type keptTotals struct {
	mu sync.Mutex
	m  map[string]keptTotal
}

// maxKeptTotals bounds keptTotals; past it, it starts over.
const maxKeptTotals = 256

func (t *keptTotals) get(key string) (keptTotal, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e, ok := t.m[key]
	return e, ok
}

// put keeps e unless a newer total of the same epoch is kept already.
func (t *keptTotals) put(key string, e keptTotal) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil || len(t.m) >= maxKeptTotals {
		t.m = map[string]keptTotal{}
	}
	if old, ok := t.m[key]; !ok || old.epoch != e.epoch || old.at <= e.at {
		t.m[key] = e
	}
}

// bulkTriggers are the triggers a bulk load drops while it inserts
// credentials and replaces by bulkSearchIndex once they are in.
var bulkTriggers = []string{"pam_credential_search_insert", "pam_credential_counts_insert", "pam_credential_changes_insert"}

// dropBulkTriggers drops bulkTriggers inside tx and returns the statements
// creating them again.
func dropBulkTriggers(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var creates []string
	for _, name := range bulkTriggers {
		var create string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).Scan(&create); err != nil {
			return nil, fmt.Errorf("store: bulk load: trigger %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+name); err != nil {
			return nil, fmt.Errorf("store: bulk load: %w", err)
		}
		creates = append(creates, create)
	}
	return creates, nil
}

// bulkSearchIndex does for the credentials above id before what the
// dropped bulkTriggers would have done row by row: index them (in id order,
// so FTS5 appends), add them to pam_credential_counts, and have kept search
// totals counted again (one recount entry instead of one per credential).
func bulkSearchIndex(ctx context.Context, tx *sql.Tx, before int64) error {
	return execArgs(ctx, tx, []any{before},
		`INSERT INTO pam_credential_search(rowid, identifier, username, credential_type, device_token)
		SELECT id, pam_fold(identifier), pam_fold(username), pam_fold(credential_type), pam_device_token(device_id)
		FROM pam_credentials WHERE id > ? ORDER BY id`,
		`UPDATE pam_credential_counts SET credentials = pam_credential_counts.credentials + n.added,
			active = pam_credential_counts.active + n.added_active
		FROM (SELECT device_id, COUNT(*) AS added, SUM(active) AS added_active FROM pam_credentials WHERE id > ?1 GROUP BY device_id
			UNION ALL SELECT 0, COUNT(*), COALESCE(SUM(active), 0) FROM pam_credentials WHERE id > ?1) AS n
		WHERE pam_credential_counts.device_id = n.device_id`,
		`INSERT INTO pam_credential_changes(recount) SELECT 1 WHERE ?1 IS NOT NULL`)
}

// execArgs runs each statement with args inside tx.
func execArgs(ctx context.Context, tx *sql.Tx, args []any, stmts ...string) error {
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: bulk load: search index: %w", err)
		}
	}
	return nil
}
