package list

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
)

// SafeCSVCell makes an outside string safe for a terminal or a
// spreadsheet: control characters become U+FFFD (an escape sequence in a
// name must not drive the terminal that shows the file), and a cell a
// spreadsheet would run as a formula (=, +, -, @ first, not a number) gets
// a leading '. The console's E and `pamconsole export` both use it.
func SafeCSVCell(v string) string {
	if strings.ContainsFunc(v, unicode.IsControl) {
		v = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return '\uFFFD'
			}
			return r
		}, v)
	}
	if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			v = "'" + v
		}
	}
	return v
}

// exportCSV writes the rows the view shows (filter, sort and preset
// applied), as the table shows them, to a new CSV file in the session's
// ExportDir and toasts where. The cells are what is on screen: secrets
// are masked there, so they are masked in the file.
func (l *Model[T]) exportCSV() tea.Cmd {
	dir := l.c.ExportDir
	if dir == "" {
		return ui.Toast(ui.ToastInfo, "Export to a file is only offered in a local console")
	}
	cols := l.spec.Columns(l.width)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Title
	}
	items := make([]T, 0, l.table.ViewLen())
	for p := range l.table.ViewLen() {
		if r := l.table.RowAt(p); r >= 0 && r < len(l.items) {
			items = append(items, l.items[r])
		}
	}
	name := "pamconsole-" + strings.ReplaceAll(l.spec.Nouns, " ", "-") + "-" + l.c.Clock().Format("20060102-150405") + ".csv"
	path, nouns := filepath.Join(dir, name), Count(len(items), l.spec.Noun, l.spec.Nouns)
	cells := l.spec.Cells
	return func() tea.Msg {
		rows := make([][]string, len(items))
		for i, it := range items {
			rows[i] = cells(it)
		}
		if err := writeCSV(path, header, rows); err != nil {
			return ui.ToastMsg{Kind: ui.ToastError, Text: "Export failed: " + err.Error()}
		}
		return ui.ToastMsg{Kind: ui.ToastSuccess, Text: "Wrote " + nouns + " to " + path}
	}
}

// writeCSV creates path (never over an existing file; 0600: it may hold
// what only this admin should read) and writes header and rows.
func writeCSV(path string, header []string, rows [][]string) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists", path)
	}
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := csv.NewWriter(f)
	w.Write(header)
	for _, r := range rows {
		safe := make([]string, len(r))
		for i, v := range r {
			safe[i] = SafeCSVCell(v)
		}
		w.Write(safe)
	}
	w.Flush()
	return w.Error()
}
