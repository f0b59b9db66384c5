package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// listStream writes a PAM Core list answer element by element:
//
//	{"code":200,"response":{…},"total":N,"<key>":[elem,elem,…]}
//
// "total" comes before the array so a streaming client learns it first.
// Nothing but the current element is held in memory. A client that stops
// reading is cut once a write has waited stall (issue 17 §1b): the write
// deadline moves forward at every flush, so a slow but steady reader is
// never cut, and a stalled one never holds the connection for long.
type listStream struct {
	w     *bufio.Writer
	rc    *http.ResponseController
	stall time.Duration
	n     int
	err   error
}

// flushEvery is how many elements go out between flushes to the client.
const flushEvery = 512

// startListStream writes the status, headers and the head of the answer.
// stall bounds how long one write may wait for the client.
func startListStream(w http.ResponseWriter, message, key string, total int, stall time.Duration) *listStream {
	head, err := json.Marshal(pamOK(http.StatusOK, message))
	if err != nil { // a PAMReply always marshals
		panic(err)
	}
	head = bytes.TrimSuffix(head, []byte("}"))
	head = append(head, `,"total":`+strconv.Itoa(total)+`,"`+key+`":[`...)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	ls := &listStream{w: bw, rc: http.NewResponseController(w), stall: stall}
	ls.extendDeadline()
	_, ls.err = bw.Write(head)
	return ls
}

// jsonAppender appends its JSON encoding to a buffer, exactly as
// json.Marshal writes it (client.Credential.AppendJSON).
type jsonAppender interface {
	AppendJSON(b []byte) []byte
}

// element appends one array element, encoded in the buffer's free space.
func (ls *listStream) element(v jsonAppender) error {
	if ls.err != nil {
		return ls.err
	}
	if ls.n > 0 {
		if ls.err = ls.w.WriteByte(','); ls.err != nil {
			return ls.err
		}
	}
	if _, ls.err = ls.w.Write(v.AppendJSON(ls.w.AvailableBuffer())); ls.err != nil {
		return ls.err
	}
	ls.n++
	if ls.n%flushEvery == 0 {
		ls.err = ls.w.Flush()
		if err := ls.rc.Flush(); ls.err == nil && err != nil && !errors.Is(err, http.ErrNotSupported) {
			ls.err = err
		}
		ls.extendDeadline()
	}
	return ls.err
}

// extendDeadline gives the next writes stall to reach the client. A
// ResponseWriter that cannot set deadlines (a test recorder) is left as is.
func (ls *listStream) extendDeadline() {
	if err := ls.rc.SetWriteDeadline(time.Now().Add(ls.stall)); err != nil && !errors.Is(err, http.ErrNotSupported) && ls.err == nil {
		ls.err = err
	}
}

// finish closes the array and the object and flushes.
func (ls *listStream) finish() error {
	if ls.err != nil {
		return ls.err
	}
	if _, ls.err = ls.w.WriteString("]}\n"); ls.err == nil {
		ls.err = ls.w.Flush()
	}
	return ls.err
}
