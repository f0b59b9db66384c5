package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// CredentialFilter selects credentials for GET credential. Limit 0 means
// all (the unpaginated list of a real senhasegura).
type CredentialFilter struct {
	Search string // substring of identifier, username, hostname, ip, credential or device type, vendor, model
	Active *bool  // nil = both
	Limit  int
	Offset int
}

// credentialQuery is the FROM and WHERE of a credential list: the search
// index drives it when the search can use it (its rows come in id order,
// so a page stops reading after its last row), the credentials otherwise.
type credentialQuery struct {
	from  string // aliases c (credential) and d (device); s (search index) when id is s.rowid
	id    string // the id column to order and page by
	ids   string // the narrowest FROM that conds need, when they need neither c's row nor d ("" when they do)
	conds []string
	args  []any
}

func (f CredentialFilter) query() credentialQuery {
	q := credentialQuery{from: `pam_credentials c JOIN pam_devices d ON d.id = c.device_id`, id: "c.id", ids: "pam_credentials c"}
	if f.Search != "" {
		if phrase, ok := trigramPhrase(f.Search); ok {
			// CROSS JOIN keeps the index as the outer loop (SQLite never
			// reorders it): its rows come in id order, so a page stops early.
			q.from = `pam_credential_search s CROSS JOIN pam_credentials c ON c.id = s.rowid JOIN pam_devices d ON d.id = c.device_id`
			q.id, q.ids = "s.rowid", "pam_credential_search s"
			match, args := credentialMatch(phrase, "OR")
			q.conds, q.args = append(q.conds, "pam_credential_search MATCH "+match), append(q.args, args...)
		} else {
			cond, a := searchCond(f.Search, "c.identifier", "c.username", "d.hostname", "d.ip", "c.credential_type", "d.type", "d.vendor", "d.model")
			q.conds, q.args, q.ids = append(q.conds, cond), append(q.args, a...), ""
		}
	}
	if f.Active != nil {
		q.conds, q.args, q.ids = append(q.conds, "c.active = ?"), append(q.args, *f.Active), ""
	}
	return q
}

// countQuery is the SQL and arguments counting the credentials of f. The
// credentials of matching devices are summed from pam_credential_counts;
// only those matching by their own fields on other devices are counted
// row by row, in the index alone unless the active filter needs the row.
func (f CredentialFilter) countQuery() (string, []any) {
	column := "credentials"
	if f.Active != nil {
		column = "active"
	}
	phrase, ok := trigramPhrase(f.Search)
	switch {
	case f.Search == "":
		q := `SELECT ` + column + ` FROM pam_credential_counts WHERE device_id = 0`
		if f.Active != nil && !*f.Active {
			q = `SELECT credentials - active FROM pam_credential_counts WHERE device_id = 0`
		}
		return q, nil
	case !ok:
		q := f.query()
		return `SELECT COUNT(*) FROM ` + q.from + q.where(), q.args
	}
	match, args := credentialMatch(phrase, "NOT")
	own := `SELECT COUNT(*) FROM pam_credential_search WHERE pam_credential_search MATCH ` + match
	if f.Active != nil {
		own = `SELECT COUNT(*) FROM pam_credential_search s CROSS JOIN pam_credentials c ON c.id = s.rowid
			WHERE pam_credential_search MATCH ` + match + ` AND c.active = ?`
		args = append(args, *f.Active)
	}
	sum := matchingDevicesSum(column)
	if f.Active != nil && !*f.Active {
		sum = matchingDevicesSum("credentials - active")
	}
	return `SELECT ` + sum + ` + (` + own + `)`, append([]any{phrase}, args...)
}

// where is the WHERE clause with extra conditions appended ("" if none).
func (q credentialQuery) where(extra ...string) string {
	conds := append(q.conds[:len(q.conds):len(q.conds)], extra...)
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// credentialListColumns are a list row's own columns; its device's come
// from fillListDevices, once per device of the chunk.
const credentialListColumns = `c.id, c.identifier, c.username, c.credential_type, c.expiration, c.changed_at,
	c.viewed_at, c.automatic_change, c.active, c.in_custody, c.device_id`

// streamChunk is how many rows StreamCredentials reads per query. Each
// chunk is read whole and its connection returned to the pool before any
// row is handed on, so a client that stops reading holds no connection and
// no read transaction (issue 17 §1b), and memory stays at one chunk.
const streamChunk = 1000

// StreamCredentials reads the credentials of f in id order, a chunk of
// rows per short query. head receives the count matching f before
// Limit/Offset (total) and the number of rows that follow (n), before the
// first row; then each receives every row. Rows created after the call
// started are left out (the stream stops at the highest id it counted);
// a row changed meanwhile is sent as it is when its chunk is read. The
// *Credential passed to each is reused: copy what must outlive the call.
func (s *Store) StreamCredentials(ctx context.Context, f CredentialFilter,
	head func(total, n int) error, each func(*Credential) error) error {
	if f.Limit < 0 || f.Offset < 0 {
		return Invalid("limit", "limit and offset must not be negative")
	}
	cnt, err := s.countCredentials(ctx, f)
	if err != nil {
		return err
	}
	total := int(cnt.total)
	n := max(total-f.Offset, 0)
	if f.Limit > 0 {
		n = min(n, f.Limit)
	}
	if n == 0 {
		return head(total, 0)
	}
	page := chunkQuery{f: f, maxID: cnt.maxID, offset: f.Offset}
	if f.Search == "" && f.Active == nil && cnt.total == cnt.maxID-cnt.minID+1 {
		// Ids without gaps (credentials are never erased): the offset is
		// an id, no index walk needed, so a page costs the same at 1M.
		page.after, page.offset = cnt.minID-1+int64(f.Offset), 0
	}
	ctx, cancel := context.WithCancel(ctx)
	chunks, done := make(chan credentialChunk), make(chan struct{})
	go func() {
		defer close(done)
		s.readAhead(ctx, page, n, chunks)
	}()
	defer func() { cancel(); <-done }()
	for sent := 0; sent < n; {
		c, ok := <-chunks
		if !ok { // after an empty chunk, or ctx ended
			if err := ctx.Err(); err != nil {
				return err
			}
			break
		}
		if c.err != nil {
			return c.err
		}
		if sent == 0 {
			if err := head(total, n); err != nil {
				return err
			}
		}
		for i := range c.rows {
			if err := each(&c.rows[i]); err != nil {
				return err
			}
		}
		sent += len(c.rows)
		c.free <- c.rows
	}
	return nil
}

// credentialChunk is one chunk read ahead; its rows go back to free.
type credentialChunk struct {
	rows []Credential
	err  error
	free chan<- []Credential
}

// readAhead reads the n rows from page on, a chunk at a time, and hands
// each chunk to out while it reads the next one: the SQLite scan of a
// chunk overlaps the encoding and writing of the one before. It holds no
// connection while it waits for out (issue 17 §1b), and two chunks of
// memory. It ends at the last row, an error, an empty chunk or ctx.
func (s *Store) readAhead(ctx context.Context, page chunkQuery, n int, out chan<- credentialChunk) {
	defer close(out)
	free := make(chan []Credential, 2)
	free <- make([]Credential, 0, min(n, streamChunk))
	free <- make([]Credential, 0, min(n, streamChunk))
	for sent := 0; sent < n; {
		var buf []Credential
		select {
		case buf = <-free:
		case <-ctx.Done():
			return
		}
		buf, err := s.readCredentialChunk(ctx, page, min(n-sent, streamChunk), buf[:0])
		select {
		case out <- credentialChunk{rows: buf, err: err, free: free}:
		case <-ctx.Done():
			return
		}
		if err != nil || len(buf) == 0 {
			return
		}
		sent += len(buf)
		page.after, page.offset = buf[len(buf)-1].ID, 0
	}
}

// ListCredentials returns one page of credentials and the total matching f.
// Prefer StreamCredentials for unbounded lists.
func (s *Store) ListCredentials(ctx context.Context, f CredentialFilter) ([]Credential, int, error) {
	var out []Credential
	var total int
	err := s.StreamCredentials(ctx, f, func(t, n int) error {
		total, out = t, make([]Credential, 0, n)
		return nil
	}, func(c *Credential) error {
		out = append(out, *c)
		return nil
	})
	return out, total, err
}

// countCredentials returns how many credentials match f and the lowest
// and highest id of all credentials, from one snapshot. A search's total is
// kept (Store.credentialTotals) and brought up to date from the changes
// logged since (0012_credential_changes.sql) rather than counted again.
func (s *Store) countCredentials(ctx context.Context, f CredentialFilter) (countEntry, error) {
	var e countEntry
	tx, err := s.read().BeginTx(ctx, nil)
	if err != nil {
		return e, fmt.Errorf("store: count credentials: %w", err)
	}
	defer tx.Rollback()
	// Subqueries: SQLite finds a lone MIN or MAX at one end of the b-tree,
	// but MIN and MAX in one SELECT scan every row (135 ms at 1M).
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT MIN(id) FROM pam_credentials), 0),
		COALESCE((SELECT MAX(id) FROM pam_credentials), 0), COALESCE((SELECT MAX(seq) FROM pam_credential_changes), 0)`).Scan(
		&e.minID, &e.maxID, &seq); err != nil {
		return e, fmt.Errorf("store: count credentials: %w", err)
	}
	key := activeKey(f.Active) + "|" + f.Search
	kept, ok := s.credentialTotals.get(key)
	if f.Search != "" && ok && kept.at <= seq {
		if total, ok, err := adjustTotal(ctx, tx, f, kept, seq); err != nil || ok {
			e.total = total
			return e, err
		}
	}
	query, args := f.countQuery()
	if err := tx.QueryRowContext(ctx, query, args...).Scan(&e.total); err != nil {
		return e, fmt.Errorf("store: count credentials: %w", err)
	}
	if f.Search != "" {
		s.credentialTotals.put(key, keptTotal{total: e.total, at: seq})
	}
	return e, nil
}

// maxChangesApplied is how many logged changes adjustTotal applies; past
// it, counting again is about as fast.
const maxChangesApplied = 1024

// adjustTotal brings kept (f's total as of change kept.at) up to change
// seq, matching each changed credential before and after as the index
// does; ok is false when the log cannot (a recount entry, changes dropped
// from the log, too many of them).
func adjustTotal(ctx context.Context, tx *sql.Tx, f CredentialFilter, kept keptTotal, seq int64) (total int64, ok bool, err error) {
	if kept.at == seq {
		return kept.total, true, nil
	}
	if seq-kept.at > maxChangesApplied {
		return 0, false, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT seq, recount, old_fields, old_active, new_fields, new_active
		FROM pam_credential_changes WHERE seq > ? AND seq <= ? ORDER BY seq`, kept.at, seq)
	if err != nil {
		return 0, false, fmt.Errorf("store: count credentials: %w", err)
	}
	defer rows.Close()
	folded, total, next := foldText(f.Search), kept.total, kept.at+1
	for rows.Next() {
		var at, recount int64
		var oldFields, newFields sql.NullString
		var oldActive, newActive sql.NullBool
		if err := rows.Scan(&at, &recount, &oldFields, &oldActive, &newFields, &newActive); err != nil {
			return 0, false, fmt.Errorf("store: count credentials: %w", err)
		}
		if at != next || recount != 0 {
			return 0, false, nil // dropped from the log, or not describable row by row
		}
		next++
		after, okAfter := changeMatches(folded, f.Active, newFields, newActive)
		before, okBefore := changeMatches(folded, f.Active, oldFields, oldActive)
		if !okAfter || !okBefore {
			return 0, false, nil
		}
		total += after - before
	}
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("store: count credentials: %w", err)
	}
	return total, next == seq+1, nil
}

// changeMatches is 1 when the logged fields (a JSON array of folded text;
// NULL: no row) contain folded and active passes the filter, else 0; ok is
// false when the fields do not decode.
func changeMatches(folded string, active *bool, fields sql.NullString, isActive sql.NullBool) (n int64, ok bool) {
	if !fields.Valid || (active != nil && isActive.Bool != *active) {
		return 0, true
	}
	var texts []*string
	if json.Unmarshal([]byte(fields.String), &texts) != nil || len(texts) != 8 {
		return 0, false
	}
	for _, t := range texts {
		if t != nil && strings.Contains(*t, folded) {
			return 1, true
		}
	}
	return 0, true
}

func activeKey(b *bool) string {
	if b == nil {
		return "any"
	}
	return fmt.Sprint(*b)
}

// chunkQuery is where the next chunk of a stream starts: after id after
// (keyset paging), or at offset for the first chunk of a page.
type chunkQuery struct {
	f      CredentialFilter
	maxID  int64
	after  int64
	offset int
}

// readCredentialChunk appends up to limit rows of q to buf, in id order;
// the connection is back in the pool when it returns.
func (s *Store) readCredentialChunk(ctx context.Context, q chunkQuery, limit int, buf []Credential) ([]Credential, error) {
	cq := q.f.query()
	where := cq.where(cq.id+" > ?", cq.id+" <= ?")
	args := append(cq.args, q.after, q.maxID, sqlLimit(limit), q.offset)
	var query string
	if cq.ids != "" && q.offset > 0 {
		// Skip rows on the narrow id index (or the search index) alone: a
		// plain OFFSET would join every skipped row with its device first.
		query = `SELECT ` + credentialListColumns + ` FROM (SELECT ` + cq.id + ` AS id FROM ` + cq.ids + where +
			` ORDER BY ` + cq.id + ` LIMIT ? OFFSET ?) page CROSS JOIN pam_credentials c ON c.id = page.id JOIN pam_devices d ON d.id = c.device_id ORDER BY c.id`
	} else {
		from := cq.from
		if q.f.Search == "" {
			// Nothing to match in the device: its fields come from
			// fillListDevices, so the rows need no join (a device lookup
			// per row).
			from = `pam_credentials c`
		}
		query = `SELECT ` + credentialListColumns + ` FROM ` + from + where + ` ORDER BY ` + cq.id + ` LIMIT ? OFFSET ?`
	}
	// One snapshot for the rows and their devices.
	tx, err := s.read().BeginTx(ctx, nil)
	if err != nil {
		return buf, fmt.Errorf("store: list credentials: %w", err)
	}
	defer tx.Rollback()
	start := len(buf)
	if buf, err = scanCredentialChunk(ctx, tx, query, args, buf); err != nil {
		return buf, err
	}
	return buf, fillListDevices(ctx, tx, buf[start:])
}

func scanCredentialChunk(ctx context.Context, tx *sql.Tx, query string, args []any, buf []Credential) ([]Credential, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return buf, fmt.Errorf("store: list credentials: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		buf = append(buf, Credential{})
		if err := scanListCredential(rows, &buf[len(buf)-1]); err != nil {
			return buf, err
		}
	}
	if err := rows.Err(); err != nil {
		return buf, fmt.Errorf("store: list credentials: %w", err)
	}
	return buf, nil
}

// listDevice is what a list row shows of its device.
type listDevice struct{ hostname, ip, typ, vendor, model, site, connectivities string }

// devicesPerQuery bounds the ids of one IN list.
const devicesPerQuery = 500

// fillListDevices sets the device fields of cs, reading each device once:
// a chunk of 1,000 rows usually holds far fewer devices, and their seven
// columns per row were a third of the list's SQLite time.
func fillListDevices(ctx context.Context, tx *sql.Tx, cs []Credential) error {
	devs := make(map[int64]listDevice)
	var ids []any
	for i := range cs {
		if _, ok := devs[cs[i].DeviceID]; !ok {
			devs[cs[i].DeviceID] = listDevice{}
			ids = append(ids, cs[i].DeviceID)
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), devicesPerQuery)
		rows, err := tx.QueryContext(ctx, `SELECT id, hostname, ip, type, vendor, model, site, connectivities FROM pam_devices WHERE id IN (?`+
			strings.Repeat(",?", n-1)+`)`, ids[:n]...)
		if err != nil {
			return fmt.Errorf("store: list credential devices: %w", err)
		}
		for rows.Next() {
			var id int64
			var d listDevice
			if err := rows.Scan(&id, &d.hostname, &d.ip, &d.typ, &d.vendor, &d.model, &d.site, &d.connectivities); err != nil {
				rows.Close()
				return fmt.Errorf("store: scan credential device: %w", err)
			}
			devs[id] = d
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: list credential devices: %w", err)
		}
		ids = ids[n:]
	}
	for i := range cs {
		d := devs[cs[i].DeviceID]
		c := &cs[i]
		c.Hostname, c.IP, c.DeviceType, c.DeviceVendor = d.hostname, d.ip, d.typ, d.vendor
		c.DeviceModel, c.DeviceSite, c.Connectivities = d.model, d.site, d.connectivities
	}
	return nil
}

// scanListCredential scans one row of credentialListColumns into c (its
// device fields are left to fillListDevices).
func scanListCredential(rows *sql.Rows, c *Credential) error {
	var exp, changed, viewed sql.NullInt64
	err := rows.Scan(&c.ID, &c.Identifier, &c.Username, &c.CredentialType, &exp, &changed, &viewed,
		&c.AutomaticChange, &c.Active, &c.InCustody, &c.DeviceID)
	if err != nil {
		return fmt.Errorf("store: scan credential: %w", err)
	}
	c.Expiration, c.Changed, c.Viewed = nullUnix(exp), nullUnix(changed), nullUnix(viewed)
	return nil
}
