package info

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/internal/testserver"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
)

// start runs the screen in the real console against a real in-process
// server with the demo's protected items.
func start(t *testing.T, opts ...uitest.Option) (*uitest.Kit, *testserver.Env) {
	t.Helper()
	env := testserver.Start(t, testserver.WithDemo(7, 20, 5))
	k := uitest.New(t, ui.Tab{Name: "Protected info", New: New}, append([]uitest.Option{uitest.WithClient(env.Client)}, opts...)...)
	return k, env
}

// secretOf reads an item's content straight from the server (the test's
// knowledge of the secret, never through the screen).
func secretOf(t *testing.T, env *testserver.Env, ref string) string {
	t.Helper()
	it, err := env.Client.Info.Get(context.Background(), ref)
	if err != nil || it.Content == nil {
		t.Fatalf("get %s: %v", ref, err)
	}
	return *it.Content
}

func TestListsWhatTheServerLists(t *testing.T) {
	k, _ := start(t)
	k.MustShow("6 protected items", "Office Wi-Fi", "aws-root-mfa", "Break-glass", "Active")
	m := k.Top().(*Model)
	for _, it := range m.list.Items() {
		if it.Content != nil {
			t.Fatalf("the list holds the content of %s", it.Name)
		}
	}
}

func TestRevealIsAuditedAndMasksAgainAfter30s(t *testing.T) {
	k, env := start(t)
	secret := secretOf(t, env, "office-wifi")
	k.RecordFrames()
	k.Press("enter")
	k.MustShow("Office Wi-Fi", "Access credential", "r reveal")
	if k.Shows(secret) {
		t.Fatal("the detail shows the content before r")
	}
	k.Press("r")
	k.MustShow(secret, "visible 30s")
	k.Advance(10 * time.Second)
	k.MustShow(secret, "visible 20s")
	k.Advance(21 * time.Second)
	if k.Shows(secret) {
		t.Fatalf("the content is still shown after 31 s:\n%s", k.View())
	}
	k.MustShow("r reveal")
	reveals := 0
	p, err := env.Client.Audit.List(context.Background(), client.AuditListOptions{Search: "info.reveal"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Results {
		if e.Action == "info.reveal" && strings.Contains(e.Target, "Office Wi-Fi") {
			reveals++
		}
	}
	// the test's own secretOf read is one; the console's r is the other
	if reveals != 2 {
		t.Errorf("audit has %d reveals of the item, want 2: %+v", reveals, p.Results)
	}
}

func TestDisableAsksNamingItThenShowsItDisabled(t *testing.T) {
	k, env := start(t)
	k.Press("d")
	k.MustShow("Disable “Office Wi-Fi” (id 1)?")
	k.Press("y")
	k.MustShow("Disabled “Office Wi-Fi”")
	m := k.Top().(*Model)
	if it, _ := m.list.Focused(); it.IsActive() || it.Name != "Office Wi-Fi" {
		t.Fatalf("focused %q active %v after disabling", it.Name, it.IsActive())
	}
	if m.keys.Disable.Enabled() {
		t.Error("d is offered on a disabled item")
	}
	_, err := env.Client.Info.GetPublic(context.Background(), "office-wifi")
	if e, ok := client.AsAPIError(err); !ok || e.Code() != pamcode.InfoInactive {
		t.Fatalf("the server still has it active: %v", err)
	}
}

func TestNewItemFormCreatesAndSelectsIt(t *testing.T) {
	k, env := start(t)
	k.RecordFrames()
	k.Press("n")
	k.MustShow("Protected information › New", "Content")
	k.Type("Door code")
	k.Press("tab", "tab", "tab", "tab", "tab", "tab")
	k.Type("4711-zebra")
	k.Press("ctrl+s")
	k.MustShow("7 protected items")
	for i, f := range k.Frames {
		if strings.Contains(f, "4711-zebra") {
			t.Fatalf("frame %d shows the content typed:\n%s", i, f)
		}
	}
	m := k.Top().(*Model)
	it, _ := m.list.Focused()
	if it.Name != "Door code" {
		t.Fatalf("cursor on %q, want the new item", it.Name)
	}
	if got := secretOf(t, env, it.ID.String()); got != "4711-zebra" {
		t.Fatalf("server has content %q", got)
	}
}

func TestNewWithoutContentStaysOnTheForm(t *testing.T) {
	k, _ := start(t)
	k.Press("n")
	k.Type("No content")
	k.Press("ctrl+s")
	k.MustShow("Content is required", "No content")
}

// fakeAPI is a server that cannot list (as a senhasegura answers GET
// …/pam/info without an id) and records every call.
type fakeAPI struct {
	mu    sync.Mutex
	items map[string]client.Info
	calls []string
}

func (f *fakeAPI) call(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
}

func (f *fakeAPI) List(context.Context, client.InfoListOptions) (*client.InfoList, error) {
	f.call("list")
	return nil, &client.APIError{StatusCode: 500, Message: "Unexpected error"}
}

func (f *fakeAPI) get(ref string, content bool) (*client.Info, error) {
	it, ok := f.items[ref]
	if !ok {
		return nil, &client.APIError{StatusCode: 404, PAMCode: pamcode.InfoNotFound, Message: "1023: Information not found"}
	}
	if !content { // a real server sends the content anyway
		s := "leaked-" + ref
		it.Content = &s
	}
	return &it, nil
}

func (f *fakeAPI) Get(_ context.Context, ref string) (*client.Info, error) {
	f.call("get " + ref)
	return f.get(ref, true)
}

func (f *fakeAPI) GetPublic(_ context.Context, ref string) (*client.Info, error) {
	f.call("getpublic " + ref)
	return f.get(ref, false)
}

func (f *fakeAPI) Create(context.Context, client.InfoCreate) (*client.InfoReply, error) {
	f.call("create")
	return &client.InfoReply{}, nil
}

func (f *fakeAPI) Disable(_ context.Context, ref string) (*client.PAMReply, error) {
	f.call("disable " + ref)
	return &client.PAMReply{}, nil
}

func newFake() *fakeAPI {
	content := "s3cr3t-content"
	return &fakeAPI{items: map[string]client.Info{
		"28": {ID: "28", Type: "Access credential", Name: "Vault door\x1b]52;c;ZXZpbA==\x07", Content: &content},
	}}
}

func startFake(t *testing.T, f *fakeAPI, opts ...uitest.Option) *uitest.Kit {
	t.Helper()
	c := uitest.NewCommon(nil)
	return uitest.New(t, ui.Tab{Name: "Protected info", New: func(*ui.Common) ui.Screen { return newModel(c, f) }},
		append([]uitest.Option{uitest.WithSession(c)}, opts...)...)
}

func TestAServerThatCannotListOpensByID(t *testing.T) {
	f := newFake()
	k := startFake(t, f)
	k.RecordFrames()
	k.MustShow("No list from this server (a senhasegura has none) — o opens an item by id")
	k.Press("o")
	k.MustShow("ID or identifier")
	k.Type("99")
	k.Press("enter")
	k.MustShow("Information not found", "99") // refused: the prompt keeps what was typed
	k.Press("backspace", "backspace")
	k.Type("28")
	k.Press("enter")
	k.MustShow("Protected information › “Vault door", "Access credential", client.MaskedSecret)
	k.Press("r")
	k.MustShow("s3cr3t-content")
	for i, fr := range k.Frames {
		if strings.Contains(fr, "leaked-") || strings.Contains(fr, "\x1b]52") || strings.Contains(fr, "\x07") {
			t.Fatalf("frame %d shows what it must not:\n%q", i, fr)
		}
	}
	if got := strings.Join(f.calls, ","); got != "list,getpublic 99,getpublic 28,get 28" {
		t.Fatalf("calls %s", got)
	}
}

// A viewer sees no r, n or d (footer and ? help), and pressing them sends
// nothing: refused before any request.
func TestViewerNeverSeesRevealOrWriteKeys(t *testing.T) {
	k, env := start(t, uitest.WithCommon(func(c *ui.Common) { c.ReadOnly = true }))
	secret := secretOf(t, env, "office-wifi")
	k.RecordFrames()
	k.MustShow("6 protected items")
	for _, want := range []string{"n new", "d disable"} {
		if k.Shows(want) {
			t.Fatalf("the viewer's footer offers %q:\n%s", want, k.View())
		}
	}
	k.Press("n", "d")
	if _, ok := k.Top().(*Model); !ok {
		t.Fatalf("a write key opened %T for a viewer", k.Top())
	}
	k.Press("f1")
	for _, h := range []string{"new", "disable", "reveal"} {
		if k.Shows(h) {
			t.Fatalf("? help offers %q to a viewer:\n%s", h, k.View())
		}
	}
	k.Press("esc", "enter")
	k.MustShow("viewers cannot reveal")
	k.Press("r", "d")
	k.Press("f1")
	for _, h := range []string{"disable", "reveal"} {
		if k.Shows(h) {
			t.Fatalf("? help of the detail offers %q to a viewer:\n%s", h, k.View())
		}
	}
	for i, fr := range k.Frames {
		if strings.Contains(fr, secret) {
			t.Fatalf("frame %d shows the content to a viewer", i)
		}
	}

	f := newFake()
	kf := startFake(t, f, uitest.WithCommon(func(c *ui.Common) { c.ReadOnly = true }))
	kf.Press("o")
	kf.Type("28")
	kf.Press("enter", "r", "d", "y", "esc", "n", "d")
	if got := strings.Join(f.calls, ","); got != "list,getpublic 28" {
		t.Fatalf("a viewer's keys sent %s", got)
	}
	d := newDetail(kf.Common, f, f.items["28"])
	kf.Run(d.reveal())
	if !strings.Contains(kf.LastToast(), "viewers cannot reveal") || len(f.calls) != 2 {
		t.Fatalf("reveal not refused before the request: toast %q calls %v", kf.LastToast(), f.calls)
	}
}

func TestFailedListDoesNotOfferToAdd(t *testing.T) {
	f := newFake()
	k := startFake(t, f)
	if k.Shows("press n") {
		t.Fatalf("a failed list offers n:\n%s", k.View())
	}
}

// d in the detail (the way to disable an item opened by id, with no row
// to act on) asks naming the item, then shows it disabled; the list shows
// it disabled too once the detail is closed.
func TestDisableFromTheDetail(t *testing.T) {
	k, env := start(t)
	k.Press("down", "enter")
	k.MustShow("AWS root account recovery codes", "Status         active")
	k.Press("d")
	k.MustShow("Disable “AWS root account recovery codes” (id 2)?")
	k.Press("n")
	if _, err := env.Client.Info.GetPublic(context.Background(), "aws-root-mfa"); err != nil {
		t.Fatalf("n disabled it: %v", err)
	}
	k.Press("d", "y")
	k.MustShow("disabled", "(disabled: the server no longer gives it)")
	if _, err := env.Client.Info.GetPublic(context.Background(), "aws-root-mfa"); err == nil {
		t.Fatal("the server still has it active")
	}
	k.Press("esc")
	m := k.Top().(*Model)
	if it, _ := m.list.Focused(); it.IsActive() || it.Identifier != "aws-root-mfa" {
		t.Fatalf("the list shows %q active=%v", it.Identifier, it.IsActive())
	}
}

// Presentation mode: no r, and a reveal asked for anyway sends nothing.
func TestPresentationRevealsNothing(t *testing.T) {
	f := newFake()
	k := startFake(t, f, uitest.WithCommon(func(c *ui.Common) { c.Presentation = true }))
	k.Press("o")
	k.Type("28")
	k.Press("enter", "r")
	k.MustShow("(presentation mode)")
	if k.Shows("r reveal") || k.Shows("s3cr3t") || strings.Join(f.calls, ",") != "list,getpublic 28" {
		t.Fatalf("calls %v:\n%s", f.calls, k.View())
	}
}
