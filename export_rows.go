package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/list"
)

// rowSource is one exportable list: its columns and a walk over its rows,
// one page (or stream batch) at a time, calling emit for each row in order.
// No column is ever a secret, password or key.
type rowSource struct {
	columns []string
	each    func(ctx context.Context, emit func([]string) error) error
}

// exportPage is the page size of the paged lists (the API's maximum).
const exportPage = 1000

func exportSource(c *client.Client, req exportRequest) rowSource {
	switch req.kind {
	case "client-credentials":
		return clientCredentialRows(c, req.search)
	case "credentials":
		return credentialRows(c, req.search)
	case "devices":
		return deviceRows(c, req.search)
	}
	return auditRows(c, req.search)
}

// clientCredentialRows pages through the client credentials in id order;
// a row that a concurrent change moves onto a later page is not repeated.
func clientCredentialRows(c *client.Client, search string) rowSource {
	cols := []string{"id", "name", "client_id", "valid_from", "valid_till", "scopes", "protected", "created_at", "updated_at",
		"last_token_at", "last_used_at", "tokens_issued"}
	return rowSource{columns: cols, each: func(ctx context.Context, emit func([]string) error) error {
		var last int64
		for page := 1; ; page++ {
			p, err := c.ClientCredentials.List(ctx, client.ClientCredentialListOptions{Page: page, PageSize: exportPage, Search: search, Ordering: "id"})
			if err != nil {
				return err
			}
			for _, cc := range p.Results {
				if cc.ID <= last {
					continue
				}
				last = cc.ID
				row := []string{id64(cc.ID), cc.Name, cc.ClientID, stamp(cc.ValidFrom), stamp(cc.ValidTill), strings.Join(cc.Scopes, " "),
					strconv.FormatBool(cc.Protected), stamp(cc.CreatedAt), stamp(cc.UpdatedAt), stampPtr(cc.LastTokenAt), stampPtr(cc.LastUsedAt),
					id64(cc.TokensIssued)}
				if err := emit(row); err != nil {
					return err
				}
			}
			if p.Next == nil || len(p.Results) == 0 {
				return nil
			}
		}
	}}
}

// credentialRows reads the credential list as a stream (GET credential
// never carries a password), decoding a batch at a time.
func credentialRows(c *client.Client, search string) rowSource {
	cols := []string{"id", "identifier", "username", "hostname", "management_ip", "type", "device_type", "device_vendor", "device_model",
		"expiration", "last_change", "last_view", "automatic_change", "connectivity", "active", "in_custody"}
	return rowSource{columns: cols, each: func(ctx context.Context, emit func([]string) error) error {
		s, err := c.Credentials.Stream(ctx, client.CredentialListOptions{Search: search})
		if err != nil {
			return err
		}
		defer s.Close()
		for {
			batch, err := s.Next(exportPage)
			for _, x := range batch {
				row := []string{x.ID.String(), x.Identifier, x.Username, x.Hostname, x.ManagementIP, x.Type, x.DeviceType, x.DeviceVendor,
					x.DeviceModel, stamp(x.Expiration.Time), stamp(x.Change.Time), stamp(x.View.Time), strconv.FormatBool(bool(x.AutomaticChange)),
					x.Connectivity, strconv.FormatBool(x.IsActive()), optBool(x.InCustody)}
				if err := emit(row); err != nil {
					return err
				}
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
		}
	}}
}

// deviceRows lists the devices (the device API has no paging or search:
// --search keeps the rows with the text in any column, ignoring case).
func deviceRows(c *client.Client, search string) rowSource {
	cols := []string{"id", "hostname", "ip", "type", "vendor", "model", "site", "device_domain", "device_tags", "connectivities", "active"}
	return rowSource{columns: cols, each: func(ctx context.Context, emit func([]string) error) error {
		l, err := c.Devices.List(ctx)
		if err != nil {
			return err
		}
		needle := strings.ToLower(search)
		for _, d := range l.Devices {
			row := []string{d.ID.String(), d.Hostname, d.IP, d.Type, d.Vendor, d.Model, d.Site, d.DeviceDomain, d.TagList(), d.Connectivities,
				strconv.FormatBool(d.IsActive())}
			if needle != "" && !strings.Contains(strings.ToLower(strings.Join(row, "\x00")), needle) {
				continue
			}
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	}}
}

// auditRows pages through the audit log newest first; rows written while
// the export runs push older rows onto later pages, so ids already written
// (and anything newer than the first row) are skipped.
func auditRows(c *client.Client, search string) rowSource {
	cols := []string{"id", "time", "actor", "actor_client_id", "actor_key", "action", "target", "result"}
	return rowSource{columns: cols, each: func(ctx context.Context, emit func([]string) error) error {
		var last int64 // the smallest id written so far; 0 before the first
		for page := 1; ; page++ {
			p, err := c.Audit.List(ctx, client.AuditListOptions{Page: page, PageSize: exportPage, Search: search})
			if err != nil {
				return err
			}
			for _, e := range p.Results {
				if last != 0 && e.ID >= last {
					continue
				}
				last = e.ID
				if err := emit([]string{id64(e.ID), stamp(e.Time), e.Actor, e.ActorID, e.ActorKey, e.Action, e.Target, e.Result}); err != nil {
					return err
				}
			}
			if p.Next == nil || len(p.Results) == 0 {
				return nil
			}
		}
	}}
}

func id64(v int64) string { return strconv.FormatInt(v, 10) }

// stamp is RFC 3339 in UTC, "" for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func stampPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return stamp(*t)
}

func optBool(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

// rowWriter writes rows in one format.
type rowWriter interface {
	row([]string) error
	close() error
}

func newRowWriter(format string, out io.Writer, columns []string) (rowWriter, error) {
	bw := bufio.NewWriterSize(out, 64<<10)
	switch format {
	case "csv":
		w := &csvWriter{bw: bw, w: csv.NewWriter(bw)}
		return w, w.w.Write(columns)
	case "json":
		return &jsonWriter{bw: bw, columns: columns}, nil
	}
	w := &tableWriter{bw: bw, columns: columns}
	w.startBlock()
	return w, nil
}

// isControl is a C0/C1 control character or DEL.
func isControl(r rune) bool { return unicode.IsControl(r) }

// safeCell is the console's one CSV safety rule (list.SafeCSVCell).
func safeCell(v string) string { return list.SafeCSVCell(v) }

type csvWriter struct {
	bw *bufio.Writer
	w  *csv.Writer
}

func (c *csvWriter) row(r []string) error {
	for i := range r {
		r[i] = safeCell(r[i])
	}
	return c.w.Write(r)
}

func (c *csvWriter) close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// jsonWriter writes a JSON array of objects keyed by column, one per line.
// JSON escapes control characters itself, so values are kept as they are.
type jsonWriter struct {
	bw      *bufio.Writer
	columns []string
	n       int
}

func (j *jsonWriter) row(r []string) error {
	sep := ",\n"
	if j.n == 0 {
		sep = "[\n"
	}
	j.n++
	j.bw.WriteString(sep + "{")
	for i, col := range j.columns {
		if i > 0 {
			j.bw.WriteByte(',')
		}
		k, _ := json.Marshal(col)
		v, _ := json.Marshal(r[i])
		j.bw.Write(k)
		j.bw.WriteByte(':')
		j.bw.Write(v)
	}
	_, err := j.bw.WriteString("}")
	return err
}

func (j *jsonWriter) close() error {
	if j.n == 0 {
		j.bw.WriteString("[")
	}
	j.bw.WriteString("\n]\n")
	return j.bw.Flush()
}

// tableWriter aligns columns per block of tableBlock rows (a tabwriter
// holds its rows until flushed; flushing per block keeps memory flat).
type tableWriter struct {
	bw      *bufio.Writer
	tw      *tabwriter.Writer
	columns []string
	n       int
}

const tableBlock = 1000

func (t *tableWriter) startBlock() {
	t.tw = tabwriter.NewWriter(t.bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(t.tw, strings.ToUpper(strings.Join(t.columns, "\t")))
}

func (t *tableWriter) row(r []string) error {
	if t.n > 0 && t.n%tableBlock == 0 {
		if err := t.tw.Flush(); err != nil {
			return err
		}
		t.startBlock()
	}
	t.n++
	for i := range r {
		r[i] = strings.ReplaceAll(safeCell(r[i]), "\t", " ")
	}
	_, err := fmt.Fprintln(t.tw, strings.Join(r, "\t"))
	return err
}

func (t *tableWriter) close() error {
	if err := t.tw.Flush(); err != nil {
		return err
	}
	return t.bw.Flush()
}
