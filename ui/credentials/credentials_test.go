package credentials

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/filter"
)

func loadedHarness(t *testing.T, n int) (*harness, *Model) {
	t.Helper()
	m := newModel(newTestCommon(nil), sourcesOf(newFake(n)))
	h := newHarness(t, m, 120, 30)
	if got := len(m.rows); got != n {
		t.Fatalf("loaded %d rows, want %d", got, n)
	}
	return h, m
}

func TestStreamShowsFirstRowsWithProgress(t *testing.T) {
	src := newFake(5000)
	m := newModel(newTestCommon(nil), sourcesOf(src))
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	msg := m.Init()()
	_, next := m.Update(msg)
	if len(m.rows) != firstBatch {
		t.Fatalf("after the first batch: %d rows, want %d", len(m.rows), firstBatch)
	}
	v := m.View()
	for _, want := range []string{"loading 500 / 5,000", "cred-00001"} {
		if !strings.Contains(v, want) {
			t.Errorf("first frame lacks %q:\n%s", want, v)
		}
	}
	if next == nil {
		t.Fatal("no command for the next batch")
	}
	for next != nil {
		_, next = m.Update(next())
	}
	if len(m.rows) != 5000 || m.loading {
		t.Fatalf("after the stream: %d rows, loading=%v", len(m.rows), m.loading)
	}
	if !src.isClosed() {
		t.Error("stream not closed at the end")
	}
	if strings.Contains(m.View(), "loading") {
		t.Error("progress still shown after the load")
	}
}

func TestReloadDropsLateBatchesOfTheOldLoad(t *testing.T) {
	old, fresh := newFake(3000), newFake(10)
	for i := range fresh.creds {
		fresh.creds[i].Identifier = "new-" + fresh.creds[i].Identifier
	}
	m := newModel(newTestCommon(nil), sourcesOf(old, fresh))
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	_, oldNext := m.Update(m.Init()()) // first batch of the old load shown
	oldLoad := m.load

	reload := m.Reload()
	if !errors.Is(contextCause(oldLoad), errAbandoned) {
		t.Fatalf("the old load was not cancelled: %v", contextCause(oldLoad))
	}
	late := oldNext() // the old load's next batch arrives after the reload
	_, closeCmd := m.Update(late)
	if len(m.rows) != firstBatch || m.rows[0][colIdentifier] != "cred-00001" {
		t.Fatalf("a late batch of the old load changed the rows: %d rows", len(m.rows))
	}
	if closeCmd != nil {
		closeCmd()
	}
	if !old.isClosed() {
		t.Error("the old stream was not closed")
	}
	_, next := m.Update(reload())
	for next != nil {
		_, next = m.Update(next())
	}
	if len(m.rows) != 10 || m.rows[0][colIdentifier] != "new-cred-00001" {
		t.Fatalf("rows after reload: %d, first %q", len(m.rows), m.rows[0][colIdentifier])
	}
}

func contextCause(l *load) error {
	<-l.ctx.Done()
	return context.Cause(l.ctx)
}

func TestLoadErrorIsShownAndKeepsRows(t *testing.T) {
	src := newFake(700)
	src.err = errors.New("connection reset")
	m := newModel(newTestCommon(nil), sourcesOf(src))
	h := newHarness(t, m, 120, 30)
	if len(m.rows) != 700 {
		t.Fatalf("rows: %d", len(m.rows))
	}
	if !strings.Contains(h.lastToast(), "connection reset") {
		t.Errorf("toast: %q", h.lastToast())
	}
	if !strings.Contains(m.View(), "load failed") {
		t.Errorf("no error on screen:\n%s", m.View())
	}
}

func TestFlagsShowExpiryAndInactive(t *testing.T) {
	_, m := loadedHarness(t, 40)
	byID := map[string][]string{}
	for _, r := range m.rows {
		byID[r[colID]] = r
	}
	// fakeCreds: i%13==6 inactive, i%7==3 expired, i%11==5 soon (ids are i+1).
	cases := map[string]string{"7": flagInactive, "4": flagExpired, "6": flagSoon, "1": " "}
	for id, want := range cases {
		if got := byID[id][colFlag]; got != want {
			t.Errorf("row %s flag %q, want %q", id, got, want)
		}
	}
	if got := byID["4"][colExpiration]; got != "2026-03-08" {
		t.Errorf("expiration cell %q", got)
	}
}

func TestSortCyclesAndFlips(t *testing.T) {
	h, m := loadedHarness(t, 300)
	h.key("o") // ID ascending
	if m.sort.col != colID || m.table.Cursor() != 0 {
		t.Fatalf("after o: col %d", m.sort.col)
	}
	h.key("O") // ID descending
	if got := m.rows[m.table.Cursor()][colID]; got != "1" {
		t.Fatalf("cursor should stay on row 1 after a flip, got %s", got)
	}
	h.key("g")
	if got := m.rows[m.table.Cursor()][colID]; got != "300" {
		t.Fatalf("top row after O = %s, want 300", got)
	}
	h.key("o") // Identifier ascending
	h.key("g")
	if got := m.rows[m.table.Cursor()][colIdentifier]; got != "cred-00001" {
		t.Fatalf("top identifier %s", got)
	}
	if !strings.Contains(m.View(), "sort: Identifier ↑") {
		t.Errorf("sort not named in the info line:\n%s", m.View())
	}
}

func TestSortPermExpirationPutsNeverLast(t *testing.T) {
	_, m := loadedHarness(t, 50)
	perm := sortPerm(m.recs, m.rows, sortSpec{col: colExpiration})
	seenNever := false
	for _, r := range perm {
		never := m.recs[r].expiration == 0
		if seenNever && !never {
			t.Fatal("a dated row after a never-expiring one")
		}
		seenNever = seenNever || never
	}
	host := sortPerm(m.recs, m.rows, sortSpec{col: colHostname, desc: true})
	for i := 1; i < len(host); i++ {
		if foldCompare(m.rows[host[i-1]][colHostname], m.rows[host[i]][colHostname]) < 0 {
			t.Fatal("hostname not descending")
		}
	}
}

func TestFilterNarrowsAndHighlights(t *testing.T) {
	h, m := loadedHarness(t, 2000)
	h.key("/")
	if !m.CapturesInput() {
		t.Fatal("filter input should capture keys")
	}
	h.typeText("cred-0150")
	if got := m.table.ViewLen(); got == 0 || got == 2000 {
		t.Fatalf("filtered view has %d rows", got)
	}
	top := m.rows[m.table.Cursor()][colIdentifier]
	if !strings.HasPrefix(top, "cred-0150") {
		t.Errorf("best match %q", top)
	}
	h.key("enter")
	if m.CapturesInput() || !m.filterShown() {
		t.Fatal("enter should keep the filter and leave the input")
	}
	h.key("esc")
	if m.filterShown() || m.table.ViewLen() != 2000 {
		t.Fatalf("esc should clear the filter: %d rows", m.table.ViewLen())
	}
}

func TestFilterDropsAnOlderResult(t *testing.T) {
	_, m := loadedHarness(t, 3000)
	m.Update(keyMsg("/"))
	_, older := m.Update(keyMsg("h"))
	_, newer := m.Update(keyMsg("o"))
	newRes := findResult(newer)
	oldRes := findResult(older)
	m.Update(newRes)
	shown := m.table.ViewLen()
	m.Update(oldRes) // arrives late
	if m.shown.Query != "ho" || m.table.ViewLen() != shown {
		t.Fatalf("an older result replaced the newer one: query %q, %d rows", m.shown.Query, m.table.ViewLen())
	}
}

// findResult runs cmd (possibly a batch) and returns its filter.Result.
func findResult(cmd tea.Cmd) filter.Result {
	if cmd == nil {
		return filter.Result{}
	}
	switch msg := cmd().(type) {
	case filter.Result:
		return msg
	case tea.BatchMsg:
		for _, c := range msg {
			if r := findResult(c); r.Seq != 0 {
				return r
			}
		}
	}
	return filter.Result{}
}

func TestReadOnlyHidesAndRefusesWrites(t *testing.T) {
	c := newTestCommon(nil)
	c.ReadOnly = true
	m := newModel(c, sourcesOf(newFake(20)))
	h := newHarness(t, m, 120, 30)
	for _, b := range []struct {
		name    string
		enabled bool
	}{
		{"n", m.keys.New.Enabled()}, {"e", m.keys.Edit.Enabled()}, {"d", m.keys.Deactivate.Enabled()},
		{"a", m.keys.Activate.Enabled()}, {"x", m.keys.Release.Enabled()},
	} {
		if b.enabled {
			t.Errorf("%s enabled in a read-only session", b.name)
		}
	}
	h.key("n", "e", "d", "a", "x")
	if len(h.stack) != 1 || m.Busy() {
		t.Fatal("a write key acted in a read-only session")
	}
	for _, cmd := range []func() tea.Cmd{m.newCredential, m.editCredential, func() tea.Cmd { return m.ask(actDeactivate) }} {
		msg := cmd()()
		if tm, ok := msg.(ui.ToastMsg); !ok || !strings.Contains(tm.Text, "read-only") {
			t.Errorf("write path not guarded: %#v", msg)
		}
	}
}

func TestPresentationModeRefusesReveal(t *testing.T) {
	c := newTestCommon(nil)
	c.Presentation = true
	m := newModel(c, sourcesOf(newFake(5)))
	newHarness(t, m, 120, 30)
	if m.keys.Reveal.Enabled() || m.keys.Copy.Enabled() {
		t.Fatal("reveal/copy enabled in presentation mode")
	}
	if msg, ok := m.copyPassword()().(ui.ToastMsg); !ok || !strings.Contains(strings.ToLower(msg.Text), "presentation") {
		t.Errorf("copy not refused: %#v", msg)
	}
}

func TestRowKeysFollowRowState(t *testing.T) {
	h, m := loadedHarness(t, 20)
	h.key("down", "down", "down", "down", "down", "down") // id 7: inactive
	if m.keys.Deactivate.Enabled() || !m.keys.Activate.Enabled() {
		t.Fatalf("inactive row: d=%v a=%v", m.keys.Deactivate.Enabled(), m.keys.Activate.Enabled())
	}
	h.key("up")
	if !m.keys.Deactivate.Enabled() || m.keys.Activate.Enabled() {
		t.Fatal("active row: d should be enabled, a disabled")
	}
}
