package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/internal/unitext"
)

// ClientCredential is one OAuth client credential (secret not included).
type ClientCredential struct {
	ID        int64
	Name      string
	ClientID  string
	ValidFrom time.Time
	ValidTill time.Time
	Scopes    []string
	Protected bool
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int

	// SecretGen counts the rotations of the secret (0 for the first one).
	SecretGen int
	// PreviousSecretUntil is when the secret before the last rotation stops
	// working; zero when the rotation had no grace period.
	PreviousSecretUntil time.Time

	// LastTokenAt is when it last obtained an access token, LastUsedAt when
	// one of its tokens was last used on the API (to about a minute, see
	// TouchClientCredential); zero = never. TokensIssued counts its tokens.
	LastTokenAt  time.Time
	LastUsedAt   time.Time
	TokensIssued int64
}

// PreviousSecretValid reports whether the previous secret still works at now.
func (c ClientCredential) PreviousSecretValid(now time.Time) bool {
	return !c.PreviousSecretUntil.IsZero() && now.Before(c.PreviousSecretUntil)
}

// MaxRotationGrace bounds a rotation's grace period.
const MaxRotationGrace = 7 * 24 * time.Hour

// InvalidGrace is the error for a grace period out of range or not a whole
// number of seconds (the server's parser and RotateClientSecret share it).
func InvalidGrace() *Error {
	return Invalid("grace_seconds", fmt.Sprintf("must be a whole number of seconds from 0 to %d", int64(MaxRotationGrace/time.Second)))
}

// Target is how audit rows name c.
func (c ClientCredential) Target() string {
	return fmt.Sprintf("client_credential:%d (%s)", c.ID, c.Name)
}

// ClientCredentialInput is validated input for create and update; Version
// (when non-zero) must match the stored version.
type ClientCredentialInput struct {
	Name      string
	ValidFrom time.Time
	ValidTill time.Time
	Scopes    []string
	Version   int
}

// ClientCredentialQuery selects a page of client credentials.
type ClientCredentialQuery struct {
	Search   string // substring of name or client_id
	Ordering string // name, -name, valid_till, -valid_till, id
	Limit    int
	Offset   int
}

const ccColumns = `id,name,client_id,valid_from,valid_till,scopes,protected,created_at,updated_at,version,secret_gen,prev_secret_until,
	last_token_at,last_used_at,tokens_issued`

// orderings maps the API's ordering values to SQL. Ascending last_used_at
// puts never-used credentials first (SQLite sorts NULL first).
var orderings = map[string]string{
	"": "id", "id": "id", "-id": "id DESC", "name": "name_key, id", "-name": "name_key DESC, id DESC",
	"valid_till": "valid_till, id", "-valid_till": "valid_till DESC, id DESC",
	"last_used_at": "last_used_at, id", "-last_used_at": "last_used_at DESC, id DESC",
}

// OrderingHelp names the accepted orderings, for error messages.
const OrderingHelp = "must be one of name, -name, valid_till, -valid_till, last_used_at, -last_used_at, id, -id"

// ValidOrdering reports whether o is an accepted ordering.
func ValidOrdering(o string) bool { _, ok := orderings[o]; return ok }

func scanClientCredential(row scanner) (ClientCredential, error) {
	var c ClientCredential
	var from, till, scopes, created, updated string
	var protected int
	var prevUntil, lastToken, lastUsed sql.NullString
	if err := row.Scan(&c.ID, &c.Name, &c.ClientID, &from, &till, &scopes, &protected, &created, &updated, &c.Version,
		&c.SecretGen, &prevUntil, &lastToken, &lastUsed, &c.TokensIssued); err != nil {
		return c, err
	}
	c.PreviousSecretUntil, c.LastTokenAt, c.LastUsedAt = nullTS(prevUntil), nullTS(lastToken), nullTS(lastUsed)
	c.ValidFrom, c.ValidTill = parseTS(from), parseTS(till)
	c.CreatedAt, c.UpdatedAt = parseTS(created), parseTS(updated)
	c.Protected = protected != 0
	if err := json.Unmarshal([]byte(scopes), &c.Scopes); err != nil {
		return c, fmt.Errorf("store: scopes of client credential %d: %w", c.ID, err)
	}
	return c, nil
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// nameKey is the uniqueness key of a name: no two names may look alike
// (unitext.Key). The server stores names NFKC-normalised (unitext.Normalize).
func nameKey(name string) string { return unitext.Key(name) }

func scopesJSON(scopes []string) string {
	if scopes == nil {
		scopes = []string{}
	}
	b, _ := json.Marshal(scopes)
	return string(b)
}

// newSecret returns 32 random bytes, base64url.
func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// newClientID returns "cc_" and 20 random URL-safe characters.
func newClientID() (string, error) {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "cc_" + base64.RawURLEncoding.EncodeToString(b), nil
}

func secretAD(clientID string) string { return "client_secret:" + clientID }

// prevSecretAD binds the previous secret to its row and column, so it
// cannot be copied into secret_enc (or another row) and still open.
func prevSecretAD(clientID string) string { return "client_secret_prev:" + clientID }

// isNameTaken reports a failure of the UNIQUE constraint on name_key (any
// other constraint failure, however unlikely, stays an internal error).
func isNameTaken(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed: client_credentials.name_key")
}

// nameTaken names the existing client credential that name looks like.
func nameTaken(ctx context.Context, tx *sql.Tx, name string) *Error {
	var other string
	if tx.QueryRowContext(ctx, `SELECT name FROM client_credentials WHERE name_key = ?`, nameKey(name)).Scan(&other) != nil {
		return Invalid("name", "another client credential already has this name")
	}
	if other == strings.TrimSpace(name) {
		return Invalid("name", fmt.Sprintf("another client credential is already named %q", other))
	}
	return Invalid("name", fmt.Sprintf("looks like the existing client credential %q (names must not look alike)", other))
}

// CreateClientCredential adds a client credential and returns it with its
// plain secret (shown once).
func (s *Store) CreateClientCredential(ctx context.Context, a Actor, in ClientCredentialInput) (ClientCredential, string, error) {
	return s.createClientCredential(ctx, a, in, false)
}

func (s *Store) createClientCredential(ctx context.Context, a Actor, in ClientCredentialInput, protected bool) (ClientCredential, string, error) {
	var out ClientCredential
	var secret string
	err := s.write(ctx, func(tx *sql.Tx) (err error) {
		out, secret, err = s.insertClientCredential(ctx, tx, a, in, protected)
		return err
	})
	if err != nil {
		return ClientCredential{}, "", err
	}
	return out, secret, nil
}

// insertClientCredential adds a client credential with a fresh client id
// and secret, and its audit row, inside tx.
func (s *Store) insertClientCredential(ctx context.Context, tx *sql.Tx, a Actor, in ClientCredentialInput, protected bool) (ClientCredential, string, error) {
	if err := a.mayCreate(in); err != nil {
		return ClientCredential{}, "", err
	}
	secret, err := newSecret()
	if err != nil {
		return ClientCredential{}, "", err
	}
	cid, err := newClientID()
	if err != nil {
		return ClientCredential{}, "", err
	}
	box, err := s.sealer.seal(secret, secretAD(cid))
	if err != nil {
		return ClientCredential{}, "", err
	}
	now := s.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO client_credentials(name,name_key,client_id,secret_enc,valid_from,valid_till,scopes,protected,created_at,updated_at)
		VALUES(?,?,?,?,?,?,?,?,?,?)`, strings.TrimSpace(in.Name), nameKey(in.Name), cid, box, ts(in.ValidFrom), ts(in.ValidTill),
		scopesJSON(in.Scopes), protected, ts(now), ts(now))
	if isNameTaken(err) {
		return ClientCredential{}, "", nameTaken(ctx, tx, in.Name)
	}
	if err != nil {
		return ClientCredential{}, "", fmt.Errorf("store: create client credential: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return ClientCredential{}, "", fmt.Errorf("store: create client credential: %w", err)
	}
	out, err := getClientCredential(ctx, tx, id)
	if err != nil {
		return ClientCredential{}, "", err
	}
	if err := s.audit(ctx, tx, a, "client_credential.create", out.Target(), ""); err != nil {
		return ClientCredential{}, "", err
	}
	return out, secret, nil
}

func getClientCredential(ctx context.Context, q querier, id int64) (ClientCredential, error) {
	c, err := scanClientCredential(q.QueryRowContext(ctx, `SELECT `+ccColumns+` FROM client_credentials WHERE id=?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, NotFound(fmt.Sprintf("client credential %d not found", id))
	}
	return c, err
}

// GetClientCredential returns one client credential.
func (s *Store) GetClientCredential(ctx context.Context, id int64) (ClientCredential, error) {
	return getClientCredential(ctx, s.read(), id)
}

// ListClientCredentials returns a page and the total matching the search.
func (s *Store) ListClientCredentials(ctx context.Context, q ClientCredentialQuery) ([]ClientCredential, int, error) {
	order, ok := orderings[q.Ordering]
	if !ok {
		return nil, 0, Invalid("ordering", OrderingHelp)
	}
	where, args := "", []any{}
	if q.Search != "" {
		var cond string
		cond, args = searchCond(q.Search, "name", "client_id")
		where = " WHERE " + cond
	}
	var total int
	if err := s.read().QueryRowContext(ctx, `SELECT COUNT(*) FROM client_credentials`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count client credentials: %w", err)
	}
	out, err := queryClientCredentials(ctx, s.read(), `SELECT `+ccColumns+` FROM client_credentials`+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list client credentials: %w", err)
	}
	return out, total, nil
}

// queryClientCredentials runs a SELECT of ccColumns and scans every row.
func queryClientCredentials(ctx context.Context, q querier, query string, args ...any) ([]ClientCredential, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClientCredential
	for rows.Next() {
		c, err := scanClientCredential(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// checkVersion refuses a stale optimistic-concurrency version.
func checkVersion(c ClientCredential, version int) error {
	if version != 0 && version != c.Version {
		return Conflict("version", fmt.Sprintf("%s was changed by someone else (version %d, you had %d): reload and try again", c.Name, c.Version, version))
	}
	return nil
}

// modify loads id inside a write transaction, lets fn change it, and
// writes the audit row with the same transaction.
func (s *Store) modify(ctx context.Context, a Actor, id int64, action string, fn func(tx *sql.Tx, c ClientCredential) error) (ClientCredential, error) {
	return s.modifyAudited(ctx, a, id, func(ClientCredential) string { return action }, fn)
}

// modifyAudited is modify with an audit action that depends on the row as
// it was before the change (a rotation records the replaced secret's use).
func (s *Store) modifyAudited(ctx context.Context, a Actor, id int64, action func(before ClientCredential) string, fn func(tx *sql.Tx, c ClientCredential) error) (ClientCredential, error) {
	var out ClientCredential
	err := s.write(ctx, func(tx *sql.Tx) error {
		c, err := getClientCredential(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := fn(tx, c); err != nil {
			return err
		}
		if out, err = getClientCredential(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action(c), out.Target(), "")
	})
	return out, err
}

// UpdateClientCredential changes name and validity. The protected key
// keeps its name.
func (s *Store) UpdateClientCredential(ctx context.Context, a Actor, id int64, in ClientCredentialInput) (ClientCredential, error) {
	return s.modify(ctx, a, id, "client_credential.update", func(tx *sql.Tx, c ClientCredential) error {
		if err := checkVersion(c, in.Version); err != nil {
			return err
		}
		if c.Protected && strings.TrimSpace(in.Name) != c.Name {
			return Protected(c.Name + " is protected and cannot be renamed")
		}
		if err := protectedValidity(c, in, s.Now()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE client_credentials SET name=?, name_key=?, valid_from=?, valid_till=?, updated_at=?, version=version+1 WHERE id=?`,
			strings.TrimSpace(in.Name), nameKey(in.Name), ts(in.ValidFrom), ts(in.ValidTill), ts(s.Now()), id)
		if isNameTaken(err) {
			return nameTaken(ctx, tx, in.Name)
		}
		return err
	})
}

// SetClientCredentialScopes replaces the scope set (see Actor.maySetScopes
// for what a limited actor may not do).
func (s *Store) SetClientCredentialScopes(ctx context.Context, a Actor, id int64, scopes []string, version int) (ClientCredential, error) {
	return s.modify(ctx, a, id, "client_credential.scopes", func(tx *sql.Tx, c ClientCredential) error {
		if err := checkVersion(c, version); err != nil {
			return err
		}
		if err := a.maySetScopes(c, scopes); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE client_credentials SET scopes=?, updated_at=?, version=version+1 WHERE id=?`, scopesJSON(scopes), ts(s.Now()), id)
		return err
	})
}

// nullTS reads a nullable ts() column; NULL is the zero time.
func nullTS(v sql.NullString) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return parseTS(v.String)
}

// parseTS reads a ts() column; a malformed one is the zero time.
func parseTS(v string) time.Time {
	t, _ := time.Parse(time.RFC3339, v)
	return t
}
