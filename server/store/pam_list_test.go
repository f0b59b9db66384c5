package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"testing"
)

// Store tests of the credential list: paging, total, search, the active
// filter and the chunked stream.

func TestListCredentialsPagingSearchAndActive(t *testing.T) {
	st, _ := openTemp(t)
	var ids []int64
	for i := range 6 {
		in := cred("list"+strconv.Itoa(i), "user"+strconv.Itoa(i), "lhost"+strconv.Itoa(i%2))
		if i == 4 {
			in.CredentialType = "Database User"
			in.Username = strp("db_100%")
		}
		ids = append(ids, mustUpsert(t, st, in).ID)
	}
	if _, err := st.SetCredentialActive(ctxBG, tester, "list1", false); err != nil {
		t.Fatal(err)
	}
	page, total, err := st.ListCredentials(ctxBG, CredentialFilter{Limit: 2, Offset: 1})
	if err != nil || total != 6 || len(page) != 2 || page[0].ID != ids[1] || page[1].ID != ids[2] {
		t.Fatalf("page: total %d %v %+v", total, err, page)
	}
	if page[0].Hostname != "lhost1" || page[0].IP != "10.0.0.1" || page[0].Active {
		t.Fatalf("list row lacks its device columns or state: %+v", page[0])
	}
	yes, no := true, false
	for _, c := range []struct {
		f    CredentialFilter
		want int
	}{
		{CredentialFilter{}, 6},
		{CredentialFilter{Search: "lhost0"}, 3},
		{CredentialFilter{Search: "USER3"}, 1},
		{CredentialFilter{Search: "database"}, 1},
		{CredentialFilter{Search: "100%"}, 1},
		{CredentialFilter{Search: "_"}, 1}, // a literal underscore, not LIKE's any-character
		{CredentialFilter{Search: "10.0.0.1"}, 6},
		{CredentialFilter{Active: &no}, 1},
		{CredentialFilter{Active: &yes, Search: "lhost1"}, 2},
		{CredentialFilter{Offset: 10}, 0},
	} {
		rows, n, err := st.ListCredentials(ctxBG, c.f)
		wantTotal := c.want
		if c.f.Offset > 0 {
			wantTotal = 6
		}
		if err != nil || len(rows) != c.want || n != wantTotal {
			t.Errorf("%+v: %d rows, total %d, want %d (%v)", c.f, len(rows), n, c.want, err)
		}
	}
	_, _, err = st.ListCredentials(ctxBG, CredentialFilter{Offset: -1})
	wantKind(t, "negative offset", err, KindInvalid)
}

// The stream crosses its chunk boundary without losing or repeating a row,
// tells head the count first, and stops at the first error of each.
func TestStreamCredentialsAcrossChunks(t *testing.T) {
	st, _ := openTemp(t)
	const n = streamChunk + 37
	if err := st.SeedDemo(ctxBG, rand.New(rand.NewPCG(5, 5)), n, 4); err != nil {
		t.Fatal(err)
	}
	var headTotal, headN int
	var last int64
	seen := 0
	err := st.StreamCredentials(ctxBG, CredentialFilter{Offset: 10},
		func(total, rows int) error { headTotal, headN = total, rows; return nil },
		func(c *Credential) error {
			if c.ID <= last {
				t.Fatalf("row %d after %d: not in id order or repeated", c.ID, last)
			}
			last = c.ID
			seen++
			return nil
		})
	if err != nil || headTotal != n || headN != n-10 || seen != n-10 {
		t.Fatalf("stream: err %v head (%d, %d) saw %d, want (%d, %d) and %d", err, headTotal, headN, seen, n, n-10, n-10)
	}
	stop := errors.New("client went away")
	calls := 0
	err = st.StreamCredentials(ctxBG, CredentialFilter{}, func(int, int) error { return nil },
		func(*Credential) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Fatalf("an each error must stop the stream: %v after %d rows", err, calls)
	}
	page, total, err := st.ListCredentials(ctxBG, CredentialFilter{Offset: streamChunk - 2, Limit: 4})
	if err != nil || total != n || len(page) != 4 || page[3].ID-page[0].ID < 3 {
		t.Fatalf("page across the chunk boundary: %v %d %+v", err, total, page)
	}
}

// A stream whose context ends while its next chunk is read ahead returns
// the context's error, never a short list that looks complete, and the
// device fields of every row are its device's (read once per chunk).
func TestStreamCredentialsContextEndsAndDevices(t *testing.T) {
	st, _ := openTemp(t)
	const n = 3*streamChunk + 5
	if err := st.SeedDemo(ctxBG, rand.New(rand.NewPCG(6, 6)), n, 7); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(ctxBG)
	defer cancel()
	rows := 0
	err := st.StreamCredentials(ctx, CredentialFilter{}, func(int, int) error { return nil },
		func(c *Credential) error {
			if rows++; rows == streamChunk/2 {
				cancel()
			}
			if c.Hostname == "" || c.Connectivities == "" {
				t.Fatalf("row %d has no device fields: %+v", c.ID, c)
			}
			return nil
		})
	if !errors.Is(err, context.Canceled) || rows >= n {
		t.Fatalf("stream after its context ended: %v after %d of %d rows", err, rows, n)
	}
	for _, id := range []int64{1, streamChunk, n} {
		want, err := st.GetCredential(ctxBG, strconv.FormatInt(id, 10))
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := st.ListCredentials(ctxBG, CredentialFilter{Offset: int(id - 1), Limit: 1})
		if err != nil || len(got) != 1 || got[0].ID != id || got[0].Hostname != want.Hostname || got[0].IP != want.IP ||
			got[0].DeviceType != want.DeviceType || got[0].DeviceVendor != want.DeviceVendor || got[0].DeviceModel != want.DeviceModel ||
			got[0].DeviceSite != want.DeviceSite || got[0].Connectivities != want.Connectivities {
			t.Fatalf("row %d: list %+v\nwant the device of %+v (%v)", id, got, want, err)
		}
	}
}
