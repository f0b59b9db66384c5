package audit

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

var testNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func testCommon(cl *client.Client) *ui.Common {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	c := ui.NewCommon(context.Background(), cl, r)
	c.Now = func() time.Time { return testNow }
	return c
}

func entries(from, n int) []client.AuditEntry {
	actions := []string{"credential.reveal", "credential.create", "client_credential.update", "device.deactivate"}
	out := make([]client.AuditEntry, n)
	for i := range out {
		k := from + i
		out[i] = client.AuditEntry{
			ID: int64(1000 - k), Time: testNow.Add(-time.Duration(k) * time.Minute),
			Actor: "Default Client Credential", Action: actions[k%len(actions)],
			Target: fmt.Sprintf("credential:%d (web-%d)", k, k), Result: "ok",
		}
		if k%5 == 1 {
			out[i].ActorKey = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8"
		}
		if k%9 == 4 {
			out[i].Result = "refused: missing scope pam.credential.reveal"
		}
	}
	return out
}

// pageOf builds the reply fetch's command would produce.
func pageOf(id uint64, search string, page int, es []client.AuditEntry, more bool, total int) ui.Reply[pageReply] {
	r := pageReply{search: search, page: page, more: more, total: total}
	for _, e := range es {
		r.rows = append(r.rows, cells(e, time.UTC))
		r.results = append(r.results, e.Result)
	}
	return ui.Reply[pageReply]{ID: id, Value: r}
}

func loadedModel(t *testing.T) *Model {
	t.Helper()
	m := newModel(testCommon(nil))
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 20})
	m.fetch(1)
	m.Update(pageOf(m.reqID, "", 1, entries(0, pageSize), true, 450))
	return m
}

func press(k string) tea.KeyMsg {
	switch k {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "G":
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func TestFirstPageNewestFirst(t *testing.T) {
	m := loadedModel(t)
	v := m.View()
	for _, want := range []string{"200 of 450 entries, newest first", "2026-03-10 12:00", "credential.reveal", "nThbg6kX…"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	if m.rows[0][colTime] < m.rows[1][colTime] {
		t.Error("not newest first")
	}
}

func TestScrollingFetchesTheNextPage(t *testing.T) {
	m := loadedModel(t)
	before := m.reqID
	_, cmd := m.Update(press("G"))
	if cmd == nil || m.reqID == before || !m.loading {
		t.Fatal("reaching the end did not ask for page 2")
	}
	m.Update(pageOf(before, "", 1, entries(0, 3), true, 450)) // the old reply, late
	if len(m.rows) != pageSize {
		t.Fatal("a stale reply changed the rows")
	}
	m.Update(pageOf(m.reqID, "", 2, entries(pageSize, pageSize), true, 450))
	if len(m.rows) != 2*pageSize || m.page != 2 {
		t.Fatalf("rows %d page %d", len(m.rows), m.page)
	}
}

func TestSearchIsDebouncedAndStaleTicksIgnored(t *testing.T) {
	m := loadedModel(t)
	m.Update(press("/"))
	if !m.CapturesInput() {
		t.Fatal("search input not focused")
	}
	m.Update(press("r"))
	first := m.typedSeq
	m.Update(press("e"))
	req := m.reqID
	if _, cmd := m.Update(typedMsg{seq: first}); cmd != nil || m.reqID != req {
		t.Fatal("a stale debounce tick started a search")
	}
	if _, cmd := m.Update(typedMsg{seq: m.typedSeq}); cmd == nil || m.reqID == req {
		t.Fatal("the latest tick did not search")
	}
	m.Update(pageOf(m.reqID, "re", 1, entries(0, 2), false, 2))
	if !strings.Contains(m.View(), "2 entries") || m.search != "re" {
		t.Errorf("search result not shown:\n%s", m.View())
	}
	_, cmd := m.Update(press("esc"))
	if cmd == nil || m.bar.Value() != "" || m.CapturesInput() {
		t.Fatal("esc should clear the search and reload")
	}
}

func TestReadOnlyScreenHasNoWriteKeys(t *testing.T) {
	m := loadedModel(t)
	for _, group := range m.KeyMap().FullHelp() {
		for _, b := range group {
			switch b.Help().Key {
			case "n", "e", "d", "a", "x", "r", "C":
				t.Errorf("audit screen binds %s", b.Help().Key)
			}
		}
	}
}
