package sshserver

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Limits on what an SSH client controls. They are checked when a request
// arrives, before anything reaches the session or its program.
const (
	// MaxWindowWidth and MaxWindowHeight bound the terminal size (columns ×
	// rows) of PTY and window-change requests; larger sizes are clamped.
	// The console draws every cell of its window, so an unbounded size is
	// unbounded memory (65535×65535 is 4.3 G cells).
	MaxWindowWidth  = 500
	MaxWindowHeight = 300

	// DefaultWindowWidth and DefaultWindowHeight replace a zero width or
	// height, which RFC 4254 §6.2 defines as "not given" (OpenSSH sends
	// 0×0 when its input is not a terminal).
	DefaultWindowWidth  = 80
	DefaultWindowHeight = 24

	// MaxTermLength bounds the terminal type of a PTY request (terminfo
	// names are short). A longer one, or one with characters outside
	// [A-Za-z0-9._+-], is replaced by "dumb" (no colours).
	MaxTermLength = 64

	// MaxEnvVars, MaxEnvNameLength, MaxEnvValueLength and MaxEnvBytes bound
	// the "env" requests of a session (count, name and value length in
	// bytes, total). Requests beyond them, or with a name that is not
	// [A-Za-z_][A-Za-z0-9_]* or a value with control characters, are refused.
	MaxEnvVars        = 32
	MaxEnvNameLength  = 64
	MaxEnvValueLength = 1024
	MaxEnvBytes       = 8 << 10

	// MaxSessionsPerConn bounds the session channels open at once on one
	// connection (OpenSSH's MaxSessions); more are rejected.
	MaxSessionsPerConn = 4

	// MaxPasteBytes bounds one bracketed paste delivered to the program;
	// the rest of a longer paste is dropped.
	MaxPasteBytes = 64 << 10

	// maxTermModes bounds the encoded terminal modes kept from a PTY
	// request (OpenSSH sends about 300 bytes); longer ones are dropped. The
	// PTY is emulated, so the modes are not used.
	maxTermModes = 2 << 10
	// maxPixels bounds the pixel sizes of a window (informational only).
	maxPixels = 1 << 15
)

// termDumb replaces a terminal type that fails checkTerm.
const termDumb = "dumb"

// Window is a terminal size as a client asked for it and as applied.
type Window struct {
	Width, Height             int // columns, rows
	WidthPixels, HeightPixels int
}

// clampWindow returns the window with columns and rows within
// [1, MaxWindowWidth] × [1, MaxWindowHeight] (zero: the default) and pixel
// sizes within [0, maxPixels], and whether anything changed.
func clampWindow(w Window) (Window, bool) {
	c := Window{
		Width:        clampDim(w.Width, MaxWindowWidth, DefaultWindowWidth),
		Height:       clampDim(w.Height, MaxWindowHeight, DefaultWindowHeight),
		WidthPixels:  min(max(w.WidthPixels, 0), maxPixels),
		HeightPixels: min(max(w.HeightPixels, 0), maxPixels),
	}
	return c, c != w
}

func clampDim(v, most, unset int) int {
	if v == 0 {
		return unset
	}
	return min(max(v, 1), most)
}

// checkTerm returns term if it is a plausible terminal type, else termDumb
// and false. An empty term is kept (no terminal type: no colours).
func checkTerm(term string) (string, bool) {
	if len(term) > MaxTermLength {
		return termDumb, false
	}
	for i := range len(term) {
		c := term[i]
		if !isAlnum(c) && c != '.' && c != '_' && c != '+' && c != '-' {
			return termDumb, false
		}
	}
	return term, true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// errMalformed is returned for a request payload that does not decode.
var errMalformed = errors.New("malformed request")

// parseWindowChange decodes a window-change payload (RFC 4254 §6.7:
// uint32 columns, rows, width px, height px) and clamps it. asked
// is the size as sent (for the log), applied the clamped one.
func parseWindowChange(payload []byte) (asked, applied Window, err error) {
	if len(payload) != 16 {
		return Window{}, Window{}, errMalformed
	}
	u := func(i int) int { return int(binary.BigEndian.Uint32(payload[i:])) }
	asked = Window{Width: u(0), Height: u(4), WidthPixels: u(8), HeightPixels: u(12)}
	applied, _ = clampWindow(asked)
	return asked, applied, nil
}

// ptyRequest is a checked pty-req: the payload to pass on (terminal type
// and size replaced by the checked ones), the size as asked and as
// applied, and whether the terminal type was replaced.
type ptyRequest struct {
	payload        []byte
	term           string
	asked, applied Window
	termReplaced   bool
	askedTermLen   int
}

// checkPtyRequest decodes a pty-req payload (RFC 4254 §6.2: string TERM,
// uint32 columns, rows, width px, height px, string modes), bounds the
// size, the terminal type and the modes, and re-encodes it.
func checkPtyRequest(payload []byte) (ptyRequest, error) {
	term, rest, ok := readString(payload)
	if !ok || len(rest) < 16 {
		return ptyRequest{}, errMalformed
	}
	asked, applied, err := parseWindowChange(rest[:16])
	if err != nil {
		return ptyRequest{}, err
	}
	modes, tail, ok := readString(rest[16:])
	if !ok || len(tail) != 0 {
		return ptyRequest{}, errMalformed
	}
	if len(modes) > maxTermModes {
		modes = []byte{0} // TTY_OP_END: no modes
	}
	checked, termOK := checkTerm(string(term))
	out := appendString(nil, []byte(checked))
	out = binary.BigEndian.AppendUint32(out, uint32(applied.Width))
	out = binary.BigEndian.AppendUint32(out, uint32(applied.Height))
	out = binary.BigEndian.AppendUint32(out, uint32(applied.WidthPixels))
	out = binary.BigEndian.AppendUint32(out, uint32(applied.HeightPixels))
	out = appendString(out, modes)
	return ptyRequest{payload: out, term: checked, asked: asked, applied: applied, termReplaced: !termOK, askedTermLen: len(term)}, nil
}

// envTally counts what a session's env requests have set so far.
type envTally struct {
	vars, bytes int
}

// checkEnvRequest decodes an env payload (RFC 4254 §6.4: string name,
// string value) and checks it against the limits given what t already
// holds. On success t counts the variable.
func checkEnvRequest(payload []byte, t *envTally) (name, value string, err error) {
	n, rest, ok := readString(payload)
	if !ok {
		return "", "", errMalformed
	}
	v, tail, ok := readString(rest)
	if !ok || len(tail) != 0 {
		return "", "", errMalformed
	}
	name, value = string(n), string(v)
	switch {
	case !validEnvName(name):
		return "", "", fmt.Errorf("env name must be [A-Za-z_][A-Za-z0-9_]* of at most %d bytes", MaxEnvNameLength)
	case len(value) > MaxEnvValueLength:
		return "", "", fmt.Errorf("env %s: value longer than %d bytes", name, MaxEnvValueLength)
	case hasControl(value):
		return "", "", fmt.Errorf("env %s: value has control characters", name)
	case t.vars >= MaxEnvVars:
		return "", "", fmt.Errorf("env %s: more than %d variables", name, MaxEnvVars)
	case t.bytes+len(name)+len(value) > MaxEnvBytes:
		return "", "", fmt.Errorf("env %s: more than %d bytes in all", name, MaxEnvBytes)
	}
	t.vars++
	t.bytes += len(name) + len(value)
	return name, value, nil
}

func validEnvName(s string) bool {
	if s == "" || len(s) > MaxEnvNameLength || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := range len(s) {
		if !isAlnum(s[i]) && s[i] != '_' {
			return false
		}
	}
	return true
}

// hasControl reports C0 controls and DEL (bytes; C1 and other Unicode
// controls are left to the terminal-safety function of the views).
func hasControl(s string) bool {
	for i := range len(s) {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// readString reads an SSH string (uint32 length, bytes).
func readString(b []byte) (s, rest []byte, ok bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, false
	}
	return b[4 : 4+n], b[4+n:], true
}

func appendString(b, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}
