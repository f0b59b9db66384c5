package sshserver

import (
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

func TestHostKeyCreatedPrivateAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "ssh_host_ed25519")
	first, err := loadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if first.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Fatalf("host key type %s", first.PublicKey().Type())
	}
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Fatalf("%s mode %04o, want %04o", p, got, want)
		}
	}
	again, err := loadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if gossh.FingerprintSHA256(again.PublicKey()) != gossh.FingerprintSHA256(first.PublicKey()) {
		t.Fatal("host key changed on restart")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".hostkey-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

func TestHostKeyReadableByOthersRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	if _, err := loadOrCreateHostKey(path); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o620} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		_, err := loadOrCreateHostKey(path)
		if err == nil || !strings.Contains(err.Error(), "chmod 600 "+path) {
			t.Fatalf("mode %04o: err %v", mode, err)
		}
	}
}

func TestHostKeyGarbageRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadOrCreateHostKey(path); err == nil {
		t.Fatal("garbage host key accepted")
	}
}

func TestIPLimiterPerAddress(t *testing.T) {
	l := newIPLimiter(1, 3) // 1/s after a burst of 3
	a, b := netip.MustParseAddr("192.0.2.1"), netip.MustParseAddr("192.0.2.2")
	t0 := time.Unix(1000, 0)
	allow := func(ip netip.Addr, at time.Time) bool { ok, _ := l.Allow(ip, at); return ok }
	for i := range 3 {
		if !allow(a, t0) {
			t.Fatalf("connection %d of the burst refused", i+1)
		}
	}
	if allow(a, t0) {
		t.Fatal("4th connection in the same instant allowed")
	}
	if !allow(b, t0) {
		t.Fatal("another address was locked out")
	}
	if !allow(a, t0.Add(1100*time.Millisecond)) {
		t.Fatal("no token after a second")
	}
	if allow(a, t0.Add(1200*time.Millisecond)) {
		t.Fatal("refill faster than the rate")
	}
	off := newIPLimiter(-1, 0)
	if ok, _ := off.Allow(a, t0); off != nil || !ok {
		t.Fatal("a negative rate should disable the limiter")
	}
}

func TestRemoteIP(t *testing.T) {
	for addr, want := range map[net.Addr]string{
		&net.TCPAddr{IP: net.ParseIP("::ffff:10.1.2.3"), Port: 5}: "10.1.2.3",
		&net.TCPAddr{IP: net.ParseIP("2001:db8::1"), Port: 5}:     "2001:db8::1",
	} {
		if got := remoteIP(addr).String(); got != want {
			t.Errorf("remoteIP(%v) = %s, want %s", addr, got, want)
		}
	}
}

func TestGuardWrapsCommandsInsideBatchAndSequence(t *testing.T) {
	boom := func() tea.Msg { panic("boom") }
	quiet := func() tea.Msg { return nil }
	for name, cmd := range map[string]tea.Cmd{
		"plain":    boom,
		"batch":    tea.Batch(boom, quiet),
		"sequence": tea.Sequence(quiet, boom),
		"nested":   tea.Batch(tea.Sequence(boom), quiet),
	} {
		reports := 0
		g := &panicGuard{onPanic: func(any) { reports++ }}
		runAll(g.wrap(cmd)) // a panic escaping here fails the test
		if reports != 1 || !g.hasTripped() {
			t.Fatalf("%s: %d reports, tripped %v", name, reports, g.hasTripped())
		}
	}
}

// runAll runs cmd and every command carried by its message, as Bubble Tea would.
func runAll(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	v := reflect.ValueOf(msg)
	if msg == nil || v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return
	}
	for i := range v.Len() {
		c, _ := v.Index(i).Interface().(tea.Cmd)
		runAll(c)
	}
}

func TestDarkBackgroundAndHint(t *testing.T) {
	for v, dark := range map[string]bool{"": true, "15;0": true, "0;15": false, "0;default;7": false} {
		if darkBackground(v) != dark {
			t.Errorf("darkBackground(%q) != %v", v, dark)
		}
	}
	if h := sshHint(&net.TCPAddr{IP: net.ParseIP("192.0.2.5"), Port: 2222}); h != "ssh -t -p 2222 192.0.2.5" {
		t.Errorf("hint %q", h)
	}
}

func TestNewRequiresModel(t *testing.T) {
	if _, err := New(Config{}); err == nil || !strings.Contains(err.Error(), "NewModel") {
		t.Fatalf("err = %v", err)
	}
}
