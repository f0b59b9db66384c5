package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Bulk loading of fixture rows (SeedDemo, SeedBulk). A generator goroutine
// builds the rows and seals their passwords while the transaction's
// goroutine writes them, batchRows rows per INSERT: the per-statement cost
// of database/sql and modernc.org/sqlite (context watch, bind, step, reset)
// is paid once per batch instead of once per row, and the two cores share
// the work.

// SeedPhase is what a seed is doing, as its progress line says it.
type SeedPhase string

// The phases of a seed, in order.
const (
	SeedRows    SeedPhase = "writing credentials"
	SeedIndexes SeedPhase = "building indexes"
	SeedSearch  SeedPhase = "building the search index"
	SeedCommit  SeedPhase = "committing"
	SeedDone    SeedPhase = "done"
)

// SeedProgress is one report of a running seed: its phase and how many of
// its Total credentials are written (Done = Total once the rows are in).
type SeedProgress struct {
	Phase       SeedPhase
	Done, Total int
}

// bulkTable is a table a bulk load writes.
type bulkTable int

const (
	tableDevices bulkTable = iota
	tableCredentials
	tableSSHKeys
	bulkTableCount
)

// bulkTables are the columns a bulk load writes, per bulkTable.
var bulkTables = [bulkTableCount]struct {
	name string
	cols []string
}{
	tableDevices: {"pam_devices", []string{"id", "hostname", "ip", "type", "vendor", "model", "site", "domain",
		"tags", "connectivities", "active", "created_at", "updated_at"}},
	tableCredentials: {"pam_credentials", []string{"id", "identifier", "username", "device_id", "password",
		"credential_type", "tags", "notes", "execution_settings", "automatic_change", "expiration", "changed_at",
		"viewed_at", "active", "in_custody", "created_at", "updated_at"}},
	tableSSHKeys: {"pam_ssh_keys", []string{"credential_id", "key_name", "public_key", "fingerprint", "private_key"}},
}

// batchRows is how many rows one INSERT of a bulk load writes (17 columns:
// 2,176 parameters, well under SQLite's 32,766). CPU seconds of
// BenchmarkScaleSeed/100k/rows-only by rows per statement: 1: 3.7–4.1,
// 16: 2.4, 128: 1.9–2.2, 512: 1.9–2.1.
const batchRows = 128

// insertSQL is the INSERT of rows rows into t.
func insertSQL(t bulkTable, rows int) string {
	tb := bulkTables[t]
	one := "(" + strings.Repeat("?,", len(tb.cols)-1) + "?)"
	var b strings.Builder
	b.Grow(40 + len(tb.name) + 16*len(tb.cols) + rows*(len(one)+1))
	b.WriteString("INSERT INTO " + tb.name + "(" + strings.Join(tb.cols, ", ") + ") VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(one)
	}
	return b.String()
}

// bulkBatch is up to batchRows rows of one table, their values in column order.
type bulkBatch struct {
	table bulkTable
	args  []any
}

// bulkSender is the generator's side of a load: it gathers rows into
// batches and hands full ones to the writer.
type bulkSender struct {
	ctx  context.Context
	out  chan<- bulkBatch
	free chan []any // argument slices the writer is done with
	cur  [bulkTableCount][]any
}

// row adds one row of t (its values in bulkTables order).
func (s *bulkSender) row(t bulkTable, vals ...any) error {
	a := s.cur[t]
	if a == nil {
		select {
		case a = <-s.free:
		default:
			a = make([]any, 0, batchRows*len(bulkTables[tableCredentials].cols))
		}
	}
	a = append(a, vals...)
	s.cur[t] = a
	if len(a) == batchRows*len(bulkTables[t].cols) {
		return s.flush(t)
	}
	return nil
}

// flush sends t's gathered rows now: rows that later rows reference (a
// credential's device) must be written first.
func (s *bulkSender) flush(t bulkTable) error {
	a := s.cur[t]
	if len(a) == 0 {
		return nil
	}
	s.cur[t] = nil
	select {
	case s.out <- bulkBatch{table: t, args: a}:
		return nil
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
}

// bulkLoader is the writer's side of a load, in the load's transaction.
type bulkLoader struct {
	tx     *sql.Tx
	full   [bulkTableCount]*sql.Stmt // the INSERT of batchRows rows, prepared once used
	report func(SeedProgress)
	done   int // credentials written
	total  int
	// rowsOnly stops after the rows: no search index, no secondary
	// indexes (a benchmark's baseline; the store is left inconsistent).
	rowsOnly bool
}

// seedProgressEvery is how many credentials a load writes between two
// progress reports.
const seedProgressEvery = 25_000

// load runs gen in its own goroutine and writes the rows it sends, in
// order, on the caller's (the transaction's) goroutine. gen must flush
// what it gathered before returning. An error of either ends both.
func (l *bulkLoader) load(ctx context.Context, gen func(*bulkSender) error) error {
	genCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make(chan bulkBatch, 8)
	snd := &bulkSender{ctx: genCtx, out: out, free: make(chan []any, 16)}
	genErr := make(chan error, 1)
	go func() {
		defer close(out)
		genErr <- gen(snd)
	}()
	var err error
	for b := range out {
		if err == nil {
			if err = l.write(ctx, b); err != nil {
				cancel()
			}
		}
		select {
		case snd.free <- b.args[:0]:
		default:
		}
	}
	if e := <-genErr; err == nil {
		err = e
	}
	return err
}

// write inserts one batch. Its statements run without ctx (a context that
// can end costs modernc.org/sqlite a watcher goroutine per statement);
// ctx is checked once per batch instead.
func (l *bulkLoader) write(ctx context.Context, b bulkBatch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	bg := context.WithoutCancel(ctx)
	rows := len(b.args) / len(bulkTables[b.table].cols)
	var err error
	if rows == batchRows {
		if l.full[b.table] == nil {
			if l.full[b.table], err = l.tx.PrepareContext(bg, insertSQL(b.table, batchRows)); err != nil {
				return fmt.Errorf("store: bulk load: prepare %s: %w", bulkTables[b.table].name, err)
			}
		}
		_, err = l.full[b.table].ExecContext(bg, b.args...)
	} else {
		_, err = l.tx.ExecContext(bg, insertSQL(b.table, rows), b.args...)
	}
	clear(b.args)
	if err != nil {
		return fmt.Errorf("store: bulk load: insert %s: %w", bulkTables[b.table].name, err)
	}
	if b.table == tableCredentials {
		before := l.done
		l.done += rows
		if l.done/seedProgressEvery != before/seedProgressEvery {
			l.report(SeedProgress{Phase: SeedRows, Done: l.done, Total: l.total})
		}
	}
	return nil
}

func (l *bulkLoader) close() {
	for _, st := range l.full {
		if st != nil {
			st.Close()
		}
	}
}

// device adds d.
func (s *bulkSender) device(d *Device) error {
	return s.row(tableDevices, d.ID, d.Hostname, d.IP, d.Type, d.Vendor, d.Model, d.Site, d.Domain, d.Tags,
		d.Connectivities, d.Active, d.CreatedAt.Unix(), d.UpdatedAt.Unix())
}

// credential adds c with box its sealed password (nil: none).
func (s *bulkSender) credential(c *Credential, box []byte) error {
	var pw any
	if box != nil {
		pw = box
	}
	return s.row(tableCredentials, c.ID, c.Identifier, c.Username, c.DeviceID, pw, c.CredentialType, c.Tags,
		c.Notes, nullJSON(c.ExecutionSettings), c.AutomaticChange, unixOrNull(c.Expiration), unixOrNull(c.Changed),
		unixOrNull(c.Viewed), c.Active, c.InCustody, c.Changed.Unix(), c.Changed.Unix())
}

// bulkIndexes are the secondary indexes of pam_credentials a bulk load
// drops and builds again once the rows are in: one sorted build is much
// cheaper than a million random insertions.
var bulkIndexes = []struct{ name, create string }{
	{"pam_credentials_device_username", `CREATE INDEX pam_credentials_device_username ON pam_credentials(device_id, username)`},
	{"pam_credentials_id", `CREATE INDEX pam_credentials_id ON pam_credentials(id)`},
}

// bulkCacheKiB is the page cache of the writer during a bulk load (the
// default 2 MB makes every insertion into the identifier index a read
// once the index outgrows it).
const bulkCacheKiB = 512 << 10

// bulkWrite is write for fixture loads: a large page cache, and the
// secondary indexes, the search index and the credential counts built once
// after fn (bulkSearchIndex), all in fn's transaction, l reporting each phase. (Row by row, FTS5 flushes its index
// at every statement and then merges the thousands of tiny segments: 20
// times slower.)
func (s *Store) bulkWrite(ctx context.Context, l *bulkLoader, fn func(tx *sql.Tx) error) error {
	if l.report == nil {
		l.report = func(SeedProgress) {}
	}
	// Statement journals (each multi-row INSERT has one) and the sorts of
	// the index builds in memory, not in temporary files: the setting
	// cannot change inside a transaction, so it is set on the writer
	// connection (the pool's only one) around it.
	if _, err := s.w.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
		return fmt.Errorf("store: bulk load: %w", err)
	}
	defer s.w.ExecContext(context.WithoutCancel(ctx), `PRAGMA temp_store = DEFAULT`)
	err := s.write(ctx, func(tx *sql.Tx) error {
		l.tx = tx
		defer l.close()
		var cache int
		var before int64
		err := tx.QueryRowContext(ctx, `SELECT (SELECT COALESCE(MAX(id),0) FROM pam_credentials), (PRAGMA_cache_size.cache_size)
			FROM PRAGMA_cache_size`).Scan(&before, &cache)
		if err != nil {
			return fmt.Errorf("store: bulk load: %w", err)
		}
		defer tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
		triggers, err := dropBulkTriggers(ctx, tx)
		if err != nil {
			return err
		}
		stmts := []string{fmt.Sprintf(`PRAGMA cache_size = -%d`, bulkCacheKiB),
			// One large in-memory run and no merging while it is built:
			// the index is written in a few big segments.
			`INSERT INTO pam_credential_search(pam_credential_search, rank) VALUES ('hashsize', 268435456)`,
			`INSERT INTO pam_credential_search(pam_credential_search, rank) VALUES ('automerge', 0)`}
		for _, ix := range bulkIndexes {
			stmts = append(stmts, `DROP INDEX IF EXISTS `+ix.name)
		}
		if err := execAll(ctx, tx, stmts...); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		if l.rowsOnly {
			l.phase(SeedCommit)
			return nil
		}
		l.phase(SeedSearch)
		if err := bulkSearchIndex(ctx, tx, before); err != nil {
			return err
		}
		if err := execAll(ctx, tx, append(triggers,
			`INSERT INTO pam_credential_search(pam_credential_search, rank) VALUES ('hashsize', 1048576)`,
			`INSERT INTO pam_credential_search(pam_credential_search, rank) VALUES ('automerge', 4)`)...); err != nil {
			return err
		}
		l.phase(SeedIndexes)
		for _, ix := range bulkIndexes {
			if err := execAll(ctx, tx, ix.create); err != nil {
				return err
			}
		}
		l.phase(SeedCommit)
		return nil
	})
	if err != nil {
		return err
	}
	l.phase(SeedDone)
	return nil
}

// phase reports that the load entered p.
func (l *bulkLoader) phase(p SeedPhase) {
	l.report(SeedProgress{Phase: p, Done: l.done, Total: l.total})
}

func execAll(ctx context.Context, tx *sql.Tx, stmts ...string) error {
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: bulk load: %s: %w", strings.SplitN(strings.TrimSpace(q), "\n", 2)[0], err)
		}
	}
	return nil
}
