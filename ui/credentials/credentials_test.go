package credentials

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

func loadedHarness(t *testing.T, n int) (*harness, *Model) {
	t.Helper()
	c := uitest.NewCommon(nil)
	m := newModel(c, sourcesOf(newFake(n)))
	h := newHarness(t, c, m, 120, 30)
	if got := len(m.cells()); got != n {
		t.Fatalf("loaded %d rows, want %d", got, n)
	}
	return h, m
}

func TestStreamShowsFirstRowsWithProgress(t *testing.T) {
	src := newFake(5000)
	c := uitest.NewCommon(nil)
	m := newModel(c, sourcesOf(src))
	h := newHarness(t, c, m, 120, 30, uitest.WithHold(list.IsPage))
	h.ReleaseOne()
	if len(m.cells()) != firstBatch {
		t.Fatalf("after the first batch: %d rows, want %d", len(m.cells()), firstBatch)
	}
	h.MustShow("loading 500 / 5,000", "cred-00001")
	h.Release()
	if len(m.cells()) != 5000 || m.Busy() {
		t.Fatalf("after the stream: %d rows, busy=%v", len(m.cells()), m.Busy())
	}
	waitClosed(t, src)
	if h.Shows("loading") {
		t.Error("progress still shown after the load")
	}
}

// Issue 18: a page's command read a batch, converted it, measured and
// indexed it, one after the other, and the next command started only once
// the list had applied the page. The batches are now read and converted
// ahead, in a goroutine of the load: with the second page (already asked
// for) held, the third batch is read.
func TestStreamReadsTheNextBatchWhileTheListApplies(t *testing.T) {
	src := newFake(5000)
	src.read = make(chan int, 8)
	c := uitest.NewCommon(nil)
	m := newModel(c, sourcesOf(src))
	h := newHarness(t, c, m, 120, 30, uitest.WithHold(list.IsPage))
	h.ReleaseOne() // the first page; its command asks for the second
	h.MustShow("loading 500 / 5,000")
	for _, want := range []int{firstBatch, firstBatch + nextBatch, firstBatch + 2*nextBatch} {
		select {
		case got := <-src.read:
			if got != want {
				t.Fatalf("read up to %d rows, want %d", got, want)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("the stream was not read up to %d rows while the second page was held", want)
		}
	}
	h.Release()
	if len(m.cells()) != 5000 || h.Shows("loading") {
		t.Fatalf("after the stream: %d rows", len(m.cells()))
	}
}

// waitClosed waits until the load's end has closed src (it is closed when
// the load's context ends, from another goroutine).
func waitClosed(t *testing.T, src *fakeSource) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !src.isClosed(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the stream was never closed")
		}
	}
}

func TestReloadDropsLateBatchesOfTheOldLoad(t *testing.T) {
	old, fresh := newFake(3000), newFake(10)
	for i := range fresh.creds {
		fresh.creds[i].Identifier = "new-" + fresh.creds[i].Identifier
	}
	c := uitest.NewCommon(nil)
	m := newModel(c, sourcesOf(old, fresh))
	h := newHarness(t, c, m, 120, 30, uitest.WithHold(list.IsPage))
	h.ReleaseOne() // the old load's first batch is shown; its second is on its way
	h.Press("ctrl+r")
	if h.Held() != 2 {
		t.Fatalf("held %d pages, want the old load's second and the new load's first", h.Held())
	}
	h.ReleaseOne() // the old load's late batch
	if got := m.cells(); len(got) != firstBatch || got[0][colIdentifier] != "cred-00001" {
		t.Fatalf("a late batch of the old load changed the rows: %d rows", len(got))
	}
	waitClosed(t, old)
	h.Release()
	if got := m.cells(); len(got) != 10 || got[0][colIdentifier] != "new-cred-00001" {
		t.Fatalf("rows after reload: %d, first %q", len(got), got[0][colIdentifier])
	}
}

func TestLoadErrorIsShownAndKeepsRows(t *testing.T) {
	src := newFake(700)
	src.err = errors.New("connection reset")
	c := uitest.NewCommon(nil)
	m := newModel(c, sourcesOf(src))
	h := newHarness(t, c, m, 120, 30)
	if len(m.cells()) != 700 {
		t.Fatalf("rows: %d", len(m.cells()))
	}
	if !strings.Contains(h.lastToast(), "connection reset") {
		t.Errorf("toast: %q", h.lastToast())
	}
	h.MustShow("load failed")
}

// Drift bug (issue 12): a failed first load showed the error and, in the
// empty table, "No credentials yet — press n to add one".
func TestFailedFirstLoadDoesNotOfferToAdd(t *testing.T) {
	src := newFake(0)
	src.err = errors.New("connection refused")
	c := uitest.NewCommon(nil)
	h := newHarness(t, c, newModel(c, sourcesOf(src)), 80, 24)
	h.MustShow("connection refused", "Could not load the credentials — ctrl+r retries")
	if h.Shows("press n") {
		t.Fatalf("a failed load offers to add a credential:\n%s", h.View())
	}
}

func TestFlagsShowExpiryAndInactive(t *testing.T) {
	_, m := loadedHarness(t, 40)
	byID := map[string][]string{}
	for _, r := range m.cells() {
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
	if !h.Shows("sort: ID ↑") || m.cursor()[colID] != "1" {
		t.Fatalf("after o:\n%s", h.View())
	}
	h.key("O") // ID descending
	if got := m.cursor()[colID]; got != "1" {
		t.Fatalf("cursor should stay on row 1 after a flip, got %s", got)
	}
	h.key("g")
	if got := m.cursor()[colID]; got != "300" {
		t.Fatalf("top row after O = %s, want 300", got)
	}
	h.key("o", "g") // Identifier ascending
	if got := m.cursor()[colIdentifier]; got != "cred-00001" {
		t.Fatalf("top identifier %s", got)
	}
	h.MustShow("sort: Identifier ↑")
}

func TestExpirationSortPutsNeverLast(t *testing.T) {
	_, m := loadedHarness(t, 50)
	rows := m.list.Items()
	less := comparator(colExpiration)
	for i := range rows {
		for j := range rows {
			if rows[i].rec.expiration == 0 && rows[j].rec.expiration != 0 && less(rows[i], rows[j]) < 0 {
				t.Fatal("a never-expiring row sorts before a dated one")
			}
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
	if got := m.list.Shown(); got == 0 || got == 2000 {
		t.Fatalf("filtered view has %d rows", got)
	}
	if top := m.cursor()[colIdentifier]; !strings.HasPrefix(top, "cred-0150") {
		t.Errorf("best match %q", top)
	}
	h.key("enter")
	if m.CapturesInput() || m.list.Query() != "cred-0150" {
		t.Fatal("enter should keep the filter and leave the input")
	}
	h.key("esc")
	if m.list.Query() != "" || m.list.Shown() != 2000 {
		t.Fatalf("esc should clear the filter: %d rows", m.list.Shown())
	}
}

// A filter typed in one burst shows the result of the whole query: the
// results of its prefixes arrive later and are dropped.
func TestFilterDropsOlderResults(t *testing.T) {
	h, m := loadedHarness(t, 3000)
	h.Burst("/", "host-017", "enter")
	if m.list.Query() != "host-017" || !strings.HasPrefix(m.cursor()[colHostname], "host-017") {
		t.Fatalf("query %q, top %v", m.list.Query(), m.cursor())
	}
}

func TestReadOnlyHidesAndRefusesWrites(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.ReadOnly = true
	fa := sourcesOf(newFake(20))
	m := newModel(c, fa)
	h := newHarness(t, c, m, 120, 30)
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
	if h.top() != m || m.Busy() || len(fa.actions) != 0 {
		t.Fatal("a write key acted in a read-only session")
	}
	for _, run := range []func(){func() { h.Run(m.newCredential()) }, func() { h.Run(m.editCredential()) },
		func() { h.Run(m.ask(actDeactivate)) }} {
		run()
		if !strings.Contains(h.lastToast(), "read-only") {
			t.Errorf("write path not guarded: %q", h.lastToast())
		}
	}
}

func TestPresentationModeRefusesReveal(t *testing.T) {
	c := uitest.NewCommon(nil)
	c.Presentation = true
	fa := sourcesOf(newFake(5))
	m := newModel(c, fa)
	h := newHarness(t, c, m, 120, 30)
	if m.keys.Reveal.Enabled() || m.keys.Copy.Enabled() {
		t.Fatal("reveal/copy enabled in presentation mode")
	}
	h.Run(m.copyPassword())
	if !strings.Contains(strings.ToLower(h.lastToast()), "presentation") || fa.getCount() != 0 {
		t.Errorf("copy not refused: %q", h.lastToast())
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

// Issue 17 §5: sorting by IP sorted text ("10.0.0.10" before "10.0.0.9").
func TestIPSortIsNumeric(t *testing.T) {
	ips := []string{"mail.example", "10.0.0.10", "2001:db8::1", "10.0.0.9", "9.1.1.1", "db01"}
	rows := make([]row, len(ips))
	for i, ip := range ips {
		rows[i] = newConverter(testNow, nil).row(&client.Credential{ManagementIP: ip})
	}
	slices.SortFunc(rows, comparator(colIP))
	var got []string
	for _, r := range rows {
		got = append(got, r.cell(colIP))
	}
	want := []string{"9.1.1.1", "10.0.0.9", "10.0.0.10", "2001:db8::1", "db01", "mail.example"}
	if !slices.Equal(got, want) {
		t.Fatalf("IP order %q, want %q", got, want)
	}
}
