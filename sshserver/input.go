package sshserver

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// sessionInput is the program's reader of the client's keystrokes. It
// records activity, ends the session when the client closes its input, and
// keeps Bubble Tea's input buffering bounded. Bubble Tea keeps appending
// input to a buffer while a bracketed paste has no end marker, and while a
// run of runes reaches the end of a full read; so a paste is cut at
// MaxPasteBytes (pasteLimiter) and reads that would fill the caller's
// buffer are returned one byte short, cut before a rune or escape sequence
// that would straddle the cut.
type sessionInput struct {
	r     io.Reader
	ls    *liveSession
	buf   [4096]byte
	out   []byte // filtered input of the last read from r
	pend  []byte // the part of out not yet returned
	err   error  // from r, returned once pend is empty
	paste pasteLimiter
	onCut func() // Config.PasteCut's delivery; nil: log only
}

func newSessionInput(r io.Reader, ls *liveSession) *sessionInput {
	return &sessionInput{r: r, ls: ls}
}

func (in *sessionInput) Read(p []byte) (int, error) {
	for len(in.pend) == 0 && in.err == nil {
		n, err := in.r.Read(in.buf[:])
		if n > 0 {
			in.ls.st.touch()
			in.out = in.paste.filter(in.out[:0], in.buf[:n])
			in.pend = in.out
			if in.paste.takeCut() {
				in.ls.st.logOnce("ssh paste cut", "max_bytes", MaxPasteBytes)
				if in.onCut != nil {
					in.onCut()
				}
			}
		}
		in.err = err
	}
	if len(in.pend) == 0 {
		in.ls.end(endInputClosed)
		return 0, in.err
	}
	n := copy(p, in.pend[:shortCut(in.pend, len(p))])
	in.pend = in.pend[n:]
	return n, nil
}

// shortCut is how many bytes of pend to return into a buffer of size n:
// all of them if they leave room, else fewer than n, not splitting a UTF-8
// sequence and not cutting into an escape sequence that starts in the
// last 32 bytes (so it arrives whole with the next read).
func shortCut(pend []byte, n int) int {
	if len(pend) < n || n < 2 {
		return min(len(pend), n)
	}
	cut := n - 1
	if esc := bytes.LastIndexByte(pend[:cut], 0x1b); esc > 0 && cut-esc < 32 {
		return esc
	}
	for i := cut; i > 0 && cut-i < utf8.UTFMax; i-- {
		if utf8.RuneStart(pend[i]) {
			return i
		}
	}
	return cut
}

const (
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// pasteLimiter passes input through unchanged, except that a bracketed
// paste longer than MaxPasteBytes is ended there (an end marker is sent)
// and the rest of it, up to and including its own end marker, is dropped.
// The state carries over between chunks, so markers may be split anywhere.
type pasteLimiter struct {
	max               int // bytes; 0 means MaxPasteBytes
	inPaste, dropping bool
	size              int  // bytes of the current paste so far
	matched           int  // bytes of the awaited marker seen so far
	cut               bool // a paste was cut since the last takeCut
}

// filter appends what to pass on of chunk to dst.
func (l *pasteLimiter) filter(dst, chunk []byte) []byte {
	for _, c := range chunk {
		marker := pasteStart
		if l.inPaste || l.dropping {
			marker = pasteEnd
		}
		l.matched = advance(marker, l.matched, c)
		done := l.matched == len(marker)
		if done {
			l.matched = 0
		}
		switch {
		case l.dropping:
			l.dropping = !done
			continue
		case !l.inPaste:
			l.inPaste, l.size = done, 0
		case done:
			l.inPaste = false
		case l.size >= l.limit():
			dst = append(dst, pasteEnd...)
			l.inPaste, l.dropping, l.cut = false, true, true
			continue
		default:
			l.size++
		}
		dst = append(dst, c)
	}
	return dst
}

func (l *pasteLimiter) limit() int {
	if l.max > 0 {
		return l.max
	}
	return MaxPasteBytes
}

// advance moves a marker match on by one byte. The markers have a single
// ESC, at their start, so a mismatch restarts at 0 or 1.
func advance(marker string, matched int, c byte) int {
	if c == marker[matched] {
		return matched + 1
	}
	if c == marker[0] {
		return 1
	}
	return 0
}

// takeCut reports whether a paste was cut since the last call.
func (l *pasteLimiter) takeCut() bool {
	c := l.cut
	l.cut = false
	return c
}
