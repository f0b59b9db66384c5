package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"strconv"
	"strings"
	"time"
)

// Protected information (PAMCORE-VENDOR.md §5): named secrets with a type,
// service and URL. The content is sealed at rest and decrypted only by a
// reveal, which is audited. The vendor has get, create and disable; the
// list is our extension.

// maxInfoContent bounds the content (text only: the vendor has no file upload).
const maxInfoContent = 64 << 10

// Info is one protected-information item; Content is filled only by a reveal.
type Info struct {
	ID           int64
	Identifier   string // "" = none (the vendor's "tag": null)
	Name         string
	Type         string
	Service      string
	URL          string
	UsersAllowed string
	Content      string
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Label is how audit rows name the item.
func (i *Info) Label() string { return fmt.Sprintf("info:%d (%s)", i.ID, i.Name) }

// InfoInput is the body of POST info.
type InfoInput struct {
	Identifier, Name, Type, Service, URL, UsersAllowed, Content string
}

// InfoFilter selects items for the list; Limit 0 means all.
type InfoFilter struct {
	Search string // substring of name, identifier, type or service
	Limit  int
	Offset int
}

func infoContentAD(id int64) string { return "info_content:" + strconv.FormatInt(id, 10) }

func (in *InfoInput) validate() error {
	in.Identifier = strings.TrimSpace(in.Identifier)
	if strings.TrimSpace(in.Content) == "" {
		return Invalid("content", "The information content was not informed").WithCode(pamcode.InfoContentMissing)
	}
	if len(in.Content) > maxInfoContent || strings.ContainsRune(in.Content, 0) {
		return Invalid("content", "must be at most 64 KiB of text")
	}
	if in.Identifier != "" && !ValidIdentifier(in.Identifier) {
		return Invalid("identifier", `The identifier can only contain letters, numbers, "_" and "-".`).WithCode(pamcode.BadIdentifier)
	}
	in.Name, in.Type, in.Service = strings.TrimSpace(in.Name), strings.TrimSpace(in.Type), strings.TrimSpace(in.Service)
	for _, f := range []struct{ name, v string }{{"name", in.Name}, {"type", in.Type}, {"service", in.Service}} {
		if err := checkKey(f.name, f.v); err != nil {
			return err
		}
	}
	for _, f := range []struct{ name, v string }{{"url", in.URL}, {"users_allowed", in.UsersAllowed}} {
		if err := checkText(f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

// CreateInfo is POST info: content is required (1026); an identifier in use
// is refused. The creation is audited in the same transaction.
func (s *Store) CreateInfo(ctx context.Context, a Actor, in InfoInput) (Info, error) {
	if err := in.validate(); err != nil {
		return Info{}, err
	}
	now := s.Now()
	it := Info{Identifier: in.Identifier, Name: in.Name, Type: in.Type, Service: in.Service, URL: in.URL,
		UsersAllowed: in.UsersAllowed, Content: in.Content, Active: true, CreatedAt: now, UpdatedAt: now}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if it.Identifier != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pam_info WHERE identifier = ?`, it.Identifier).Scan(&n); err != nil {
				return wrapScan(err, "info")
			}
			if n > 0 {
				return Invalid("identifier", "The identifier is already in use")
			}
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO pam_info(identifier, name, type, service, url, users_allowed, content,
			active, created_at, updated_at) VALUES(?,?,?,?,?,?,x'',1,?,?)`,
			nullString(it.Identifier), it.Name, it.Type, it.Service, it.URL, it.UsersAllowed, now.Unix(), now.Unix())
		if err != nil {
			return fmt.Errorf("store: insert info: %w", err)
		}
		if it.ID, err = r.LastInsertId(); err != nil {
			return fmt.Errorf("store: insert info: %w", err)
		}
		box, err := s.sealer.seal(it.Content, infoContentAD(it.ID))
		if err != nil {
			return fmt.Errorf("store: seal info content: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pam_info SET content=? WHERE id=?`, box, it.ID); err != nil {
			return fmt.Errorf("store: insert info: %w", err)
		}
		return s.audit(ctx, tx, a, "info.create", it.Label(), "")
	})
	return it, err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const infoColumns = `id, COALESCE(identifier, ''), name, type, service, url, users_allowed, active, created_at, updated_at`

func scanInfo(sc scanner) (Info, error) {
	var it Info
	var created, updated int64
	err := sc.Scan(&it.ID, &it.Identifier, &it.Name, &it.Type, &it.Service, &it.URL, &it.UsersAllowed, &it.Active, &created, &updated)
	it.CreatedAt, it.UpdatedAt = unixTime(created), unixTime(updated)
	return it, err
}

// findInfo resolves ref (numeric id, else identifier); 1023 when unknown.
func findInfo(ctx context.Context, q querier, ref string) (Info, error) {
	notFound := NotFound("Information not found").WithCode(pamcode.InfoNotFound)
	if ref == "" || len(ref) > maxRefLen {
		return Info{}, notFound
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		it, err := scanInfo(q.QueryRowContext(ctx, `SELECT `+infoColumns+` FROM pam_info WHERE id = ?`, id))
		if !errors.Is(err, sql.ErrNoRows) {
			return it, wrapScan(err, "info")
		}
	}
	it, err := scanInfo(q.QueryRowContext(ctx, `SELECT `+infoColumns+` FROM pam_info WHERE identifier = ?`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return Info{}, notFound
	}
	return it, wrapScan(err, "info")
}

// GetInfo is GET info/{id}: 1023 when unknown, 1024 when disabled. With
// reveal the content is decrypted and the read audited (info.reveal) in the
// same transaction; without it nothing secret is read or written.
func (s *Store) GetInfo(ctx context.Context, a Actor, ref string, reveal bool) (Info, error) {
	var it Info
	read := func(q querier) error {
		var err error
		if it, err = findInfo(ctx, q, ref); err != nil {
			return err
		}
		if !it.Active {
			return Invalid("", "Inactive information").WithCode(pamcode.InfoInactive)
		}
		return nil
	}
	if !reveal {
		return it, read(s.read())
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := read(tx); err != nil {
			return err
		}
		var box []byte
		if err := tx.QueryRowContext(ctx, `SELECT content FROM pam_info WHERE id=?`, it.ID).Scan(&box); err != nil {
			return wrapScan(err, "info content")
		}
		var err error
		if it.Content, err = s.sealer.open(box, infoContentAD(it.ID)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "info.reveal", it.Label(), "")
	})
	return it, err
}

// DisableInfo is DELETE info/{id}: 1023 when unknown, 1024 when already disabled.
func (s *Store) DisableInfo(ctx context.Context, a Actor, ref string) (Info, error) {
	var it Info
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		if it, err = findInfo(ctx, tx, ref); err != nil {
			return err
		}
		if !it.Active {
			return Invalid("", "Inactive information").WithCode(pamcode.InfoInactive)
		}
		it.Active, it.UpdatedAt = false, s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE pam_info SET active=0, updated_at=? WHERE id=?`, it.UpdatedAt.Unix(), it.ID); err != nil {
			return fmt.Errorf("store: disable info: %w", err)
		}
		return s.audit(ctx, tx, a, "info.disable", it.Label(), "")
	})
	return it, err
}

// ListInfo returns the items matching f (never their content), ordered by
// id, and the count before Limit/Offset. Our extension: the vendor has no list.
func (s *Store) ListInfo(ctx context.Context, f InfoFilter) ([]Info, int, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, 0, Invalid("limit", "limit and offset must not be negative")
	}
	where, args := "", []any{}
	if f.Search != "" {
		var cond string
		cond, args = searchCond(f.Search, "name", "identifier", "type", "service")
		where = " WHERE " + cond
	}
	tx, err := s.read().BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list info: %w", err)
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM pam_info`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count info: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+infoColumns+` FROM pam_info`+where+` ORDER BY id LIMIT ? OFFSET ?`,
		append(args, sqlLimit(f.Limit), f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list info: %w", err)
	}
	defer rows.Close()
	out := []Info{}
	for rows.Next() {
		it, err := scanInfo(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: scan info: %w", err)
		}
		out = append(out, it)
	}
	return out, total, rows.Err()
}
