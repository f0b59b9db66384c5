//go:build scale

package credentials

// Scale benchmarks of the Credentials screen at 100k and 1M credentials
// (issue 18, goal 2). Run with:
//
//	go test -tags scale -run '^$' -bench 'Scale' -benchmem -timeout 60m ./ui/credentials/
//
// The credentials are of the demo's shape (server/store/demo.go: UUID or
// user-host-n identifiers, ten device families, dates over the last months)
// and are generated per batch as the stream asks for them, with their
// strings cloned as a JSON decode allocates them: no fixture of a million
// wire structs stays in memory to blur the console's own figures.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui/list"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

var scaleSizes = []struct {
	name string
	n    int
}{{"100k", 100_000}, {"1M", 1_000_000}}

// demoPool is scalePoolSize credentials of the demo's shape, made once per
// package run; credential i of a scale stream is pool[i % size] with its own
// id and freshly allocated strings.
var (
	demoPoolOnce sync.Once
	demoPoolCred []client.Credential
)

const scalePoolSize = 20_000

func demoPool() []client.Credential {
	demoPoolOnce.Do(func() {
		kinds := []struct {
			host, typ, vendor, model string
			users                    []string
		}{
			{"web%02d.corp.example", "Server", "Debian", "Debian 12", []string{"root", "deploy", "svc_backup", "www-data"}},
			{"db-prod-%02d", "Database", "Oracle", "Oracle 19c", []string{"oracle", "sys", "app_rw", "root"}},
			{"pg-%02d.lab.example", "Database", "Red Hat", "PostgreSQL 16", []string{"postgres", "replicator", "app_ro"}},
			{"fw-edge-%d", "Network Device", "Cisco", "ASA 5516-X", []string{"admin", "enable", "netops"}},
			{"dc%02d.corp.example", "Server", "Microsoft", "Windows Server 2022", []string{"administrator", "admin@corp.example", "svc_sql"}},
			{"k8s-node-%02d", "Server", "Red Hat", "RHEL 9", []string{"root", "core", "ansible", "svc_monitor"}},
			{"sw-core-%d", "Network Device", "Cisco", "Catalyst 9300", []string{"admin", "netops"}},
			{"workspace-%d.google.com", "Web Application", "Google", "Google Workspace", []string{"admin@corp.example", "ops@corp.example"}},
			{"sql%02d.corp.example", "Database", "Microsoft", "SQL Server 2022", []string{"sa", "svc_sql", "administrator"}},
			{"ora-fin-%02d", "Database", "Oracle", "Oracle 21c", []string{"oracle", "system", "fin_batch"}},
		}
		rnd := rand.New(rand.NewPCG(18, 2026))
		demoPoolCred = make([]client.Credential, scalePoolSize)
		for i := range demoPoolCred {
			dev := rnd.IntN(1000)
			k := kinds[dev%len(kinds)]
			host := fmt.Sprintf(k.host, dev/len(kinds)+1)
			user := k.users[rnd.IntN(len(k.users))]
			c := client.Credential{
				Username: user, Hostname: host, Type: "Local User",
				ManagementIP: fmt.Sprintf("10.%d.%d.%d", 10+dev%5, 1+dev%len(kinds), 10+dev/len(kinds)),
				DeviceVendor: k.vendor, DeviceModel: k.model, DeviceType: k.typ,
				AutomaticChange: client.FlexBool(rnd.IntN(10) < 3),
			}
			if rnd.IntN(10) < 3 {
				c.Identifier = fmt.Sprintf("%s-%s-%d", user, strings.SplitN(host, ".", 2)[0], i+1)
			} else {
				c.Identifier = fmt.Sprintf("%08x-%04x-7%03x-%04x-%012x", rnd.Uint32(), rnd.IntN(1<<16),
					rnd.IntN(1<<12), 0x8000|rnd.IntN(1<<14), rnd.Uint64()&(1<<48-1))
			}
			if k.typ == "Database" {
				c.Type = "Database User"
			}
			c.Change.Time = testNow.Add(-time.Duration(1+rnd.IntN(180*24)) * time.Hour)
			if rnd.IntN(10) < 7 {
				c.View.Time = testNow.Add(-time.Duration(rnd.IntN(90*24*60)) * time.Minute)
			}
			switch p := rnd.IntN(20); {
			case p < 3:
				c.Expiration.Time = testNow.Add(-time.Duration(1+rnd.IntN(60*24)) * time.Hour)
			case p < 5:
				c.Expiration.Time = testNow.Add(time.Duration(1+rnd.IntN(7*24-1)) * time.Hour)
			case p < 14:
				c.Expiration.Time = testNow.Add(time.Duration(30+rnd.IntN(150)) * 24 * time.Hour)
			}
			active, custody := i%29 != 7, i%23 == 5
			c.Active, c.InCustody = &active, &custody
			demoPoolCred[i] = c
		}
	})
	return demoPoolCred
}

// demoCreds returns credentials from..to of a scale stream.
func demoCreds(from, to int) []client.Credential {
	pool := demoPool()
	out := make([]client.Credential, 0, to-from)
	for i := from; i < to; i++ {
		c := pool[i%len(pool)]
		c.ID = client.FlexString(strconv.Itoa(i + 1))
		c.Identifier = strings.Clone(c.Identifier)
		c.Username, c.Hostname = strings.Clone(c.Username), strings.Clone(c.Hostname)
		c.ManagementIP, c.Type = strings.Clone(c.ManagementIP), strings.Clone(c.Type)
		c.DeviceVendor, c.DeviceModel = strings.Clone(c.DeviceVendor), strings.Clone(c.DeviceModel)
		c.DeviceType = strings.Clone(c.DeviceType)
		a, h := *c.Active, *c.InCustody
		c.Active, c.InCustody = &a, &h
		out = append(out, c)
	}
	return out
}

// genSource streams n demo credentials, generating each batch when asked.
type genSource struct{ pos, n int }

func (g *genSource) Next(max int) ([]client.Credential, error) {
	if g.pos >= g.n {
		return nil, io.EOF
	}
	end := min(g.pos+max, g.n)
	b := demoCreds(g.pos, end)
	g.pos = end
	return b, nil
}

func (g *genSource) Total() (int, bool) { return g.n, true }
func (g *genSource) Close() error       { return nil }

type genAPI struct {
	*fakeAPI
	n int
}

func (a genAPI) Stream(ctx context.Context) (source, error) { return &genSource{n: a.n}, nil }

// scaleConsole is the console at 120×35 showing the Credentials screen with
// n demo credentials loaded.
func scaleConsole(tb testing.TB, n int) (*harness, *Model) {
	tb.Helper()
	c := uitest.NewCommon(nil)
	m := newModel(c, genAPI{fakeAPI: sourcesOf(), n: n})
	h := newHarness(tb, c, m, 120, 35)
	if got := len(m.list.Items()); got != n {
		tb.Fatalf("loaded %d of %d credentials", got, n)
	}
	return h, m
}

// BenchmarkScaleKeypress is j (one row down) and G (to the last row, then g
// back to the first) through the whole console, each followed by its frame,
// with the stock bubbles/table on the same cells as the baseline.
func BenchmarkScaleKeypress(b *testing.B) {
	for _, size := range append([]struct {
		name string
		n    int
	}{{"1k", 1_000}}, scaleSizes...) {
		b.Run("pamconsole/j/"+size.name, func(b *testing.B) {
			h, _ := scaleConsole(b, size.n)
			benchKeys(b, h, uitest.Key("j"), uitest.Key("k"))
		})
		b.Run("pamconsole/G/"+size.name, func(b *testing.B) {
			h, _ := scaleConsole(b, size.n)
			benchKeys(b, h, uitest.Key("G"), uitest.Key("g"))
		})
		b.Run("bubbles-table/j/"+size.name, func(b *testing.B) {
			t := stockCredTable(size.n)
			benchStock(b, t, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")})
		})
		b.Run("bubbles-table/G/"+size.name, func(b *testing.B) {
			t := stockCredTable(size.n)
			benchStock(b, t, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
		})
		runtime.GC()
	}
}

// benchKeys alternates a and back (so j does not stop at the end).
func benchKeys(b *testing.B, h *harness, a, back tea.KeyMsg) {
	h.Send(uitest.Key("pgdown"))
	runtime.GC() // the load's garbage is not the keypress's
	b.ReportAllocs()
	i, cpu0 := 0, cpuTime()
	for b.Loop() {
		k := a
		if i%2 == 1 {
			k = back
		}
		i++
		h.App.Update(k)
		if len(h.View()) == 0 {
			b.Fatal("empty frame")
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(i), "cpu-ns/op")
}

func benchStock(b *testing.B, t table.Model, a, back tea.KeyMsg) {
	t.MoveDown(35)
	runtime.GC()
	b.ReportAllocs()
	i, cpu0 := 0, cpuTime()
	for b.Loop() {
		k := a
		if i%2 == 1 {
			k = back
		}
		i++
		t, _ = t.Update(k)
		if len(t.View()) == 0 {
			b.Fatal("empty frame")
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(i), "cpu-ns/op")
}

// stockCredTable is bubbles/table holding the cells of n demo credentials
// (the stock component has no row accessor: every cell is a string).
func stockCredTable(n int) table.Model {
	cv := newConverter(testNow, nil)
	cols := columns()
	tcols := make([]table.Column, len(cols))
	for i, c := range cols {
		tcols[i] = table.Column{Title: c.Title, Width: max(c.Width, c.Min)}
	}
	rows := make([]table.Row, 0, n)
	for from := 0; from < n; from += nextBatch {
		for _, c := range demoCreds(from, min(from+nextBatch, n)) {
			rows = append(rows, stockCells(cv, &c))
		}
	}
	return table.New(table.WithColumns(tcols), table.WithRows(rows), table.WithFocused(true),
		table.WithHeight(34), table.WithWidth(120))
}

// scaleFilters are ten different queries: selective and match-everything,
// one and several words.
var scaleFilters = []string{"db01", "root", "web0", "oracle", "fw-edge", "10.12", "svc", "admin@corp", "7a", "ssh key"}

// BenchmarkScaleConsoleMemory loads n credentials into the console, then
// applies ten different filters (each typed after esc cleared the last).
// Metrics: heap in use per credential after the load and after the ten
// filters (after a GC: what the console keeps), the largest of those after
// each filter, and VmHWM — the process's peak resident memory since the
// start of the sub-benchmark (freed memory returned to the system, then
// the peak reset through /proc/self/clear_refs), less the resident memory
// then — per credential after the load, the first filter and the tenth.
// The baseline is the stock bubbles/table holding the same rows as cells,
// after a GC.
func BenchmarkScaleConsoleMemory(b *testing.B) {
	for _, size := range scaleSizes {
		b.Run("pamconsole/"+size.name, func(b *testing.B) {
			for b.Loop() {
				demoPool()           // the generator's pool is not the console's
				debug.FreeOSMemory() // what earlier benchmarks left is not this one's peak
				resetHWM(b)
				rss0 := vmStatus(b, "VmRSS:")
				base := heapInUse()
				h, _ := scaleConsole(b, size.n)
				loaded := heapInUse() - base
				hwmLoaded := vmStatus(b, "VmHWM:") - rss0
				worst, hwmFirst := loaded, int64(0)
				for i, q := range scaleFilters {
					h.Press("/")
					h.Type(q)
					h.Press("enter", "esc")
					worst = max(worst, heapInUse()-base)
					if i == 0 {
						hwmFirst = vmStatus(b, "VmHWM:") - rss0
					}
				}
				filtered := heapInUse() - base
				n := float64(size.n)
				b.ReportMetric(float64(loaded)/n, "heap-B/cred-loaded")
				b.ReportMetric(float64(filtered)/n, "heap-B/cred-10filters")
				b.ReportMetric(float64(worst)/n, "heap-B/cred-worst")
				b.ReportMetric(float64(hwmLoaded)/n, "HWM-B/cred-loaded")
				b.ReportMetric(float64(hwmFirst)/n, "HWM-B/cred-1filter")
				hwm := vmStatus(b, "VmHWM:")
				b.ReportMetric(float64(hwm-rss0)/n, "HWM-B/cred-10filters")
				b.ReportMetric(float64(hwm)/(1<<20), "HWM-MB")
				b.ReportMetric(float64(rss0)/(1<<20), "RSS-MB-before")
				runtime.KeepAlive(h)
			}
		})
		b.Run("bubbles-table/"+size.name, func(b *testing.B) {
			for b.Loop() {
				runtime.GC()
				base := heapInUse()
				t := stockCredTable(size.n)
				b.ReportMetric(float64(heapInUse()-base)/float64(size.n), "heap-B/cred-loaded")
				runtime.KeepAlive(t)
			}
		})
		runtime.GC()
	}
}

// BenchmarkScaleApply is taking n decoded credentials into the screen (the
// header counting "loading 500 / 1,000,000" after the first page): the
// stream's batches converted to rows, measured, indexed for the filter and
// appended (load-ns/cred wall clock, load-cpu-ns/cred CPU time of the
// process), then a first one-letter query over them (query-ns/cred). The
// generation of the credentials is measured alone (gen-ns/cred) and
// subtracted; the baseline converts them to cells and gives them to the
// stock bubbles/table.
func BenchmarkScaleApply(b *testing.B) {
	for _, size := range scaleSizes {
		n := float64(size.n)
		b.Run("pamconsole/"+size.name, func(b *testing.B) {
			gen, genCPU := genTime(size.n)
			for b.Loop() {
				start, cpu0 := time.Now(), cpuTime()
				c := uitest.NewCommon(nil)
				m := newModel(c, genAPI{fakeAPI: sourcesOf(), n: size.n})
				h := newHarness(b, c, m, 120, 35, uitest.WithHold(list.IsPage))
				h.ReleaseOne() // the first page: the header counts the load
				if progress := fmt.Sprintf("loading %d / %s", firstBatch, list.Thousands(size.n)); !h.Shows(progress) {
					b.Fatalf("no %q in the header:\n%s", progress, h.View())
				}
				h.Release()
				if len(m.list.Items()) != size.n {
					b.Fatalf("loaded %d of %d", len(m.list.Items()), size.n)
				}
				loaded, loadedCPU := time.Since(start), cpuTime()-cpu0
				h.Press("/")
				h.Type("z")
				queried := time.Since(start) - loaded
				b.ReportMetric(float64(loaded-gen)/n, "load-ns/cred")
				b.ReportMetric(float64(loadedCPU-genCPU)/n, "load-cpu-ns/cred")
				b.ReportMetric(float64(queried)/n, "query-ns/cred")
				b.ReportMetric(float64(gen)/n, "gen-ns/cred")
			}
		})
		b.Run("bubbles-table/"+size.name, func(b *testing.B) {
			gen, genCPU := genTime(size.n)
			for b.Loop() {
				start, cpu0 := time.Now(), cpuTime()
				t := stockCredTable(size.n)
				b.ReportMetric(float64(time.Since(start)-gen)/n, "load-ns/cred")
				b.ReportMetric(float64(cpuTime()-cpu0-genCPU)/n, "load-cpu-ns/cred")
				runtime.KeepAlive(t)
			}
		})
		runtime.GC()
	}
}

// genTime is how long generating n credentials in batches takes, wall
// clock and CPU.
func genTime(n int) (wall, cpu time.Duration) {
	start, cpu0 := time.Now(), cpuTime()
	for from := 0; from < n; from += nextBatch {
		_ = demoCreds(from, min(from+nextBatch, n))
	}
	return time.Since(start), cpuTime() - cpu0
}

// cpuTime is the CPU time the process used so far (user and system, every
// thread: the GC's included). On a shared machine it measures the work
// where the wall clock measures the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func heapInUse() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapInuse)
}

// resetHWM resets the process's VmHWM to its current resident size.
func resetHWM(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("VmHWM not reset: %v", err)
	}
}

// vmStatus is a memory line of /proc/self/status (VmHWM:, the peak
// resident memory; VmRSS:, the current one) in bytes.
func vmStatus(b *testing.B, field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb << 10
		}
	}
	b.Fatalf("no %s in /proc/self/status", field)
	return 0
}

// stockCells is one credential's 13 cells, as the screen shows them.
func stockCells(cv converter, c *client.Credential) []string {
	return cv.row(c).cells()
}
