package store

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// SQLite's NOCASE and LIKE fold ASCII only, so "école-srv" and "ÉCOLE-SRV"
// were two devices and a search for "ärger" missed "ÄRGER". These SQL
// functions run the Go rules of internal/unitext inside queries, so the
// uniqueness keys (written by triggers, see 0007_unicode_keys.sql) and
// search agree with each other and with the server's validation:
//
//	pam_key(x)                 unitext.Key: confusable skeleton of the folded form
//	pam_contains(folded, a, …) 1 when Fold(a) or Fold(…) contains folded
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("pam_key", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, ok := args[0].(string)
		if !ok {
			return args[0], nil
		}
		return unitext.Key(s), nil
	})
	sqlite.MustRegisterDeterministicScalarFunction("pam_contains", -1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		pat, _ := args[0].(string)
		for _, a := range args[1:] {
			if s, ok := a.(string); ok && unitext.ContainsFold(s, pat) {
				return int64(1), nil
			}
		}
		return int64(0), nil
	})
}

// searchCond is the one WHERE condition of every search= (audit, client
// credentials, credentials, devices): cols (SQL expressions) of which one
// contains search, Unicode case-insensitively (unitext.Fold). A faster
// index (FTS5) must match the same rows: index unitext.Fold of the columns.
func searchCond(search string, cols ...string) (string, []any) {
	return "pam_contains(?, " + strings.Join(cols, ", ") + ")", []any{unitext.Fold(search)}
}
