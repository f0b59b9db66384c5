package store

import (
	"context"
	"database/sql"
	"fmt"
)

// CredentialFilter selects credentials for GET credential. Limit 0 means
// all (the unpaginated list of a real senhasegura).
type CredentialFilter struct {
	Search string // substring of identifier, username, hostname, ip, credential or device type, vendor, model
	Active *bool  // nil = both
	Limit  int
	Offset int
}

func (f CredentialFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.Search != "" {
		like := "%" + escapeLike(f.Search) + "%"
		cols := []string{"c.identifier", "c.username", "d.hostname", "d.ip", "c.credential_type", "d.type", "d.vendor", "d.model"}
		cond := ""
		for i, col := range cols {
			if i > 0 {
				cond += " OR "
			}
			cond += col + ` LIKE ? ESCAPE '\'`
			args = append(args, like)
		}
		conds = append(conds, "("+cond+")")
	}
	if f.Active != nil {
		conds = append(conds, "c.active = ?")
		args = append(args, *f.Active)
	}
	if len(conds) == 0 {
		return "", nil
	}
	w := " WHERE " + conds[0]
	for _, c := range conds[1:] {
		w += " AND " + c
	}
	return w, args
}

const credentialListColumns = `c.id, c.identifier, c.username, c.credential_type, c.expiration, c.changed_at,
	c.viewed_at, c.automatic_change, c.active, c.in_custody, d.id, d.hostname, d.ip, d.type, d.vendor, d.model,
	d.site, d.connectivities`

// StreamCredentials runs f in one read snapshot. head receives the count
// matching f before Limit/Offset (total) and the number of rows that follow
// (n), before the first row; then each receives every row in id order. The
// *Credential passed to each is reused: copy what must outlive the call.
// Nothing is buffered, so 100,000 rows cost the memory of one.
func (s *Store) StreamCredentials(ctx context.Context, f CredentialFilter,
	head func(total, n int) error, each func(*Credential) error) error {
	if f.Limit < 0 || f.Offset < 0 {
		return Invalid("limit", "limit and offset must not be negative")
	}
	tx, err := s.read().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: list credentials: %w", err)
	}
	defer tx.Rollback()
	total, err := countCredentials(ctx, tx, f)
	if err != nil {
		return err
	}
	n := max(total-f.Offset, 0)
	if f.Limit > 0 {
		n = min(n, f.Limit)
	}
	rows, err := queryCredentialPage(ctx, tx, f)
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := head(total, n); err != nil {
		return err
	}
	var c Credential
	var exp, changed, viewed sql.NullInt64
	for rows.Next() {
		err := rows.Scan(&c.ID, &c.Identifier, &c.Username, &c.CredentialType, &exp, &changed, &viewed,
			&c.AutomaticChange, &c.Active, &c.InCustody, &c.DeviceID, &c.Hostname, &c.IP, &c.DeviceType,
			&c.DeviceVendor, &c.DeviceModel, &c.DeviceSite, &c.Connectivities)
		if err != nil {
			return fmt.Errorf("store: scan credential: %w", err)
		}
		c.Expiration, c.Changed, c.Viewed = nullUnix(exp), nullUnix(changed), nullUnix(viewed)
		if err := each(&c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: list credentials: %w", err)
	}
	return nil
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

func countCredentials(ctx context.Context, q querier, f CredentialFilter) (int, error) {
	where, args := f.where()
	query := `SELECT COUNT(*) FROM pam_credentials c`
	if f.Search != "" {
		query += ` JOIN pam_devices d ON d.id = c.device_id`
	}
	var total int
	if err := q.QueryRowContext(ctx, query+where, args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("store: count credentials: %w", err)
	}
	return total, nil
}

// queryCredentialPage selects the rows of f in id order.
func queryCredentialPage(ctx context.Context, q querier, f CredentialFilter) (*sql.Rows, error) {
	where, args := f.where()
	from := ` FROM pam_credentials c JOIN pam_devices d ON d.id = c.device_id`
	var query string
	if where == "" && f.Offset > 0 {
		// Skip rows on the rowid b-tree alone: a plain OFFSET would join
		// every skipped row with its device first.
		query = `SELECT ` + credentialListColumns + ` FROM (SELECT id FROM pam_credentials ORDER BY id LIMIT ? OFFSET ?) page
			JOIN pam_credentials c ON c.id = page.id JOIN pam_devices d ON d.id = c.device_id ORDER BY c.id`
	} else {
		query = `SELECT ` + credentialListColumns + from + where + ` ORDER BY c.id LIMIT ? OFFSET ?`
	}
	rows, err := q.QueryContext(ctx, query, append(args, sqlLimit(f.Limit), f.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list credentials: %w", err)
	}
	return rows, nil
}
