package sshserver

import (
	"bytes"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

type ptyPayload struct {
	Term                             string
	Columns, Rows, WidthPx, HeightPx uint32
	Modes                            string
}

type envPayload struct{ Name, Value string }

// FuzzSessionRequest: whatever a client sends as pty-req, window-change or
// env, the checks never panic, every size they let through is within
// [1, Max] (zero: the default), every terminal type is plausible, every
// env variable is within its bounds, and a checked pty-req checks again
// to itself.
func FuzzSessionRequest(f *testing.F) {
	f.Add(uint8(0), gossh.Marshal(struct{ C, R, W, H uint32 }{65535, 65535, 0, 0}))
	f.Add(uint8(0), gossh.Marshal(struct{ C, R, W, H uint32 }{80, 24, 640, 480}))
	f.Add(uint8(1), gossh.Marshal(ptyPayload{"xterm-256color", 6000, 6000, 0, 0, "\x00"}))
	f.Add(uint8(1), gossh.Marshal(ptyPayload{"xterm\x1b]0;t\x07", 0, 0, 0, 0, ""}))
	f.Add(uint8(2), gossh.Marshal(envPayload{"LANG", "C.UTF-8"}))
	f.Add(uint8(2), gossh.Marshal(envPayload{"BAD NAME", "\x1b[2J"}))
	f.Fuzz(func(t *testing.T, kind uint8, payload []byte) {
		switch kind % 3 {
		case 0:
			asked, applied, err := parseWindowChange(payload)
			if err == nil {
				checkWindow(t, asked, applied)
			}
		case 1:
			checkPty(t, payload)
		case 2:
			tally := envTally{vars: int(kind) % (MaxEnvVars + 2), bytes: int(kind) * 40}
			before := tally
			name, value, err := checkEnvRequest(payload, &tally)
			if err != nil {
				if tally != before {
					t.Fatalf("a refused env request was counted: %+v -> %+v", before, tally)
				}
				return
			}
			if !validEnvName(name) || len(value) > MaxEnvValueLength || hasControl(value) ||
				tally.vars > MaxEnvVars || tally.bytes > MaxEnvBytes {
				t.Fatalf("env %q=%q accepted with tally %+v", name, value, tally)
			}
		}
	})
}

func checkWindow(t *testing.T, asked, applied Window) {
	t.Helper()
	if applied.Width < 1 || applied.Width > MaxWindowWidth || applied.Height < 1 || applied.Height > MaxWindowHeight ||
		applied.WidthPixels < 0 || applied.WidthPixels > maxPixels || applied.HeightPixels < 0 || applied.HeightPixels > maxPixels {
		t.Fatalf("%+v applied as %+v", asked, applied)
	}
	if asked.Width >= 1 && asked.Width <= MaxWindowWidth && applied.Width != asked.Width {
		t.Fatalf("a width within bounds was changed: %+v -> %+v", asked, applied)
	}
}

func checkPty(t *testing.T, payload []byte) {
	t.Helper()
	pr, err := checkPtyRequest(payload)
	if err != nil {
		return
	}
	checkWindow(t, pr.asked, pr.applied)
	var got ptyPayload
	if err := gossh.Unmarshal(pr.payload, &got); err != nil {
		t.Fatalf("checked payload does not decode: %v", err)
	}
	if term, ok := checkTerm(got.Term); !ok || term != pr.term || len(got.Modes) > maxTermModes {
		t.Fatalf("checked pty-req carries term %q, %d bytes of modes", got.Term, len(got.Modes))
	}
	if int(got.Columns) != pr.applied.Width || int(got.Rows) != pr.applied.Height {
		t.Fatalf("checked pty-req says %dx%d, applied %+v", got.Columns, got.Rows, pr.applied)
	}
	again, err := checkPtyRequest(pr.payload)
	if err != nil || !bytes.Equal(again.payload, pr.payload) || again.termReplaced {
		t.Fatalf("a checked pty-req does not check to itself: %v", err)
	}
}

// FuzzPasteLimiter: input without a paste passes unchanged; no paste in
// the output is longer than the limit; and how the input is split into
// reads does not change the output.
func FuzzPasteLimiter(f *testing.F) {
	f.Add([]byte("hello \x1b[A world"), uint16(3))
	f.Add([]byte("\x1b[200~"+strings.Repeat("x", 40)+"\x1b[201~after"), uint16(17))
	f.Add([]byte("\x1b[200~"+strings.Repeat("y", 40)+"\x1b[20\x1b[201~\x1b[200~zz\x1b[201~"), uint16(9))
	f.Fuzz(func(t *testing.T, in []byte, split uint16) {
		const limit = 16
		whole := (&pasteLimiter{max: limit}).filter(nil, in)
		at := int(split) % (len(in) + 1)
		l := &pasteLimiter{max: limit}
		parts := l.filter(l.filter(nil, in[:at]), in[at:])
		if !bytes.Equal(whole, parts) {
			t.Fatalf("split at %d changes the output:\n%q\n%q", at, whole, parts)
		}
		if !bytes.Contains(in, []byte(pasteStart)) && !bytes.Equal(whole, in) {
			t.Fatalf("input without a paste changed:\n%q\n%q", in, whole)
		}
		for rest := whole; ; {
			i := bytes.Index(rest, []byte(pasteStart))
			if i < 0 {
				break
			}
			rest = rest[i+len(pasteStart):]
			end := bytes.Index(rest, []byte(pasteEnd))
			if end < 0 {
				end = len(rest)
			}
			if end > limit {
				t.Fatalf("a paste of %d bytes passed (limit %d): %q", end, limit, whole)
			}
		}
	})
}
