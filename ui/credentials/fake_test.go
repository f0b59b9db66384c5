package credentials

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/pamconsole/pamconsole/client"
)

// fakeCreds returns n deterministic credentials: every 7th expired, every
// 11th expiring within the week, every 13th inactive.
func fakeCreds(n int) []client.Credential {
	vendors := []string{"Debian", "Microsoft", "Cisco", "Oracle", "Google"}
	models := []string{"Debian 12", "Windows Server 2022", "ASA 5516-X", "Oracle 19c", "Gmail"}
	types := []string{"Server", "Server", "Network Device", "Database", "Web Application"}
	users := []string{"root", "administrator", "admin", "oracle", "ops@corp.example"}
	out := make([]client.Credential, n)
	for i := range out {
		k := i % len(vendors)
		c := client.Credential{
			ID:           client.FlexString(fmt.Sprint(i + 1)),
			Identifier:   fmt.Sprintf("cred-%05d", i+1),
			Username:     users[(i/3)%len(users)],
			Hostname:     fmt.Sprintf("host-%03d.corp.example", i%997),
			ManagementIP: fmt.Sprintf("10.%d.%d.%d", i/65536%256, i/256%256, i%256),
			Type:         []string{"Local User", "SSH Key", "Domain User"}[i%3],
			DeviceVendor: vendors[k],
			DeviceModel:  models[k],
			DeviceType:   types[k],
		}
		c.Change.Time = testNow.Add(-time.Duration(i%400) * 24 * time.Hour)
		if i%5 != 0 {
			c.View.Time = testNow.Add(-time.Duration(i%90) * time.Hour)
		}
		switch {
		case i%7 == 3:
			c.Expiration.Time = testNow.Add(-48 * time.Hour)
		case i%11 == 5:
			c.Expiration.Time = testNow.Add(72 * time.Hour)
		case i%4 == 0:
			c.Expiration.Time = testNow.Add(200 * 24 * time.Hour)
		}
		c.AutomaticChange = client.FlexBool(i%2 == 0)
		active := i%13 != 6
		c.Active = &active
		custody := i%17 == 2
		c.InCustody = &custody
		out[i] = c
	}
	return out
}

// fakeSource streams creds in the batch sizes asked for. gate, when set,
// blocks each Next until a value arrives (to interleave loads in tests).
type fakeSource struct {
	mu     sync.Mutex
	creds  []client.Credential
	pos    int
	total  int
	closed bool
	gate   chan struct{}
	err    error    // returned once the rows run out instead of io.EOF
	read   chan int // when set, each Next sends how many rows have been read
}

func (f *fakeSource) Next(max int) ([]client.Credential, error) {
	if f.gate != nil {
		<-f.gate
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pos >= len(f.creds) {
		if f.err != nil {
			return nil, f.err
		}
		return nil, io.EOF
	}
	end := min(f.pos+max, len(f.creds))
	b := f.creds[f.pos:end]
	f.pos = end
	if f.read != nil {
		f.read <- end
	}
	return b, nil
}

func (f *fakeSource) Total() (int, bool) { return f.total, f.total >= 0 }

func (f *fakeSource) Close() error {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	return nil
}

func (f *fakeSource) isClosed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed
}

// fakeAPI is the screen's api without a server: streams hand out srcs in
// order, Get answers from details (password included), writes are recorded.
type fakeAPI struct {
	mu        sync.Mutex
	srcs      []*fakeSource
	opened    int
	details   map[string]*client.CredentialDetail
	gets      int // reveals: GETs with the password
	infos     int // GETs without the password
	upserts   []client.CredentialUpsert
	upsertErr error
	newID     string // the id a created credential gets
	actions   []string
	actionErr error
}

// sourcesOf returns a fake API whose streams are srcs, in order (the last
// one repeats).
func sourcesOf(srcs ...*fakeSource) *fakeAPI {
	return &fakeAPI{srcs: srcs, details: map[string]*client.CredentialDetail{}, newID: "1"}
}

func (f *fakeAPI) Stream(context.Context) (source, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.srcs[min(f.opened, len(f.srcs)-1)]
	f.opened++
	return s, nil
}

func (f *fakeAPI) Get(_ context.Context, ref string) (*client.CredentialDetail, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gets++
	d, ok := f.details[ref]
	if !ok {
		return nil, &client.APIError{StatusCode: 400, PAMCode: 1007, Message: "1007: Credential not found"}
	}
	cp := *d
	return &cp, nil
}

func (f *fakeAPI) GetWithoutPassword(_ context.Context, ref string) (*client.CredentialDetail, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.infos++
	d, ok := f.details[ref]
	if !ok {
		return nil, &client.APIError{StatusCode: 400, PAMCode: 1007, Message: "1007: Credential not found"}
	}
	cp := *d
	cp.Password, cp.Content = "", ""
	return &cp, nil
}

func (f *fakeAPI) infoCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.infos
}

func (f *fakeAPI) getCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.gets
}

func (f *fakeAPI) Upsert(_ context.Context, in client.CredentialUpsert) (*client.CredentialUpsertReply, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.upserts = append(f.upserts, in)
	if f.upsertErr != nil {
		return nil, f.upsertErr
	}
	r := &client.CredentialUpsertReply{Credential: client.UpsertRef{ID: client.FlexString(f.newID), Identifier: in.Identifier}}
	r.Code, r.Response.Message = 201, "Credential successfully registered!"
	if d := f.byIdentifier(in.Identifier); d != nil { // an update: the stored detail takes the sent fields
		r.Credential.ID = d.ID
		r.Response.Message = "Credential updated successfully!" // still 201 (PAMCORE-VENDOR.md §3.4)
		d.Username, d.Hostname, d.IP, d.Additional = *in.Username, in.Hostname, in.IP, in.Additional
	}
	return r, nil
}

// byIdentifier is the stored detail with this identifier (nil: none).
func (f *fakeAPI) byIdentifier(identifier string) *client.CredentialDetail {
	for _, d := range f.details {
		if identifier != "" && d.Identifier == identifier {
			return d
		}
	}
	return nil
}

// streams is how many list loads the screen started.
func (f *fakeAPI) streams() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.opened
}

func (f *fakeAPI) act(name, ref string) (*client.PAMReply, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.actions = append(f.actions, name+" "+ref)
	if f.actionErr != nil {
		return nil, f.actionErr
	}
	return &client.PAMReply{Code: 200, Response: client.Envelope{Status: 200, Message: "done"}}, nil
}

func (f *fakeAPI) Deactivate(_ context.Context, ref string) (*client.PAMReply, error) {
	return f.act("deactivate", ref)
}
func (f *fakeAPI) Activate(_ context.Context, id string) (*client.PAMReply, error) {
	return f.act("activate", id)
}
func (f *fakeAPI) ReleaseCustody(_ context.Context, id string) (*client.PAMReply, error) {
	return f.act("release", id)
}

// seed004Detail is seed 004's example credential, with our extensions.
func seed004Detail() *client.CredentialDetail {
	active, custody := true, false
	d := &client.CredentialDetail{
		ID: "5", Tag: "robot-test-5", Identifier: "robot-test-5", Username: "credential_5",
		Password: "secret@2504", Content: "secret@2504", Hostname: "destktop-91.com",
		Additional: "CREDADD01", IP: "172.10.10.90", Port: "22", Model: "Ubuntu",
		CredentialType: "Local User", DeviceType: "Server", Vendor: "Canonical", Site: "Lab", Tags: "robot",
		Active: &active, InCustody: &custody,
		ExecutionSettings: []byte(`{"automatic_change":true,"change_plugin":"SSH"}`),
	}
	d.ExpirationTime.Time = testNow.Add(5*24*time.Hour + 3*time.Hour)
	d.Change.Time = testNow.Add(-40 * 24 * time.Hour)
	d.View.Time = testNow.Add(-2 * time.Hour)
	return d
}

func newFake(n int) *fakeSource { return &fakeSource{creds: fakeCreds(n), total: n} }

func (f *fakeAPI) GetKey(context.Context, string, bool) (*client.SSHKey, error) {
	return nil, errors.New("fake: no SSH keys")
}

func (f *fakeAPI) UpsertKey(context.Context, client.SSHKeyUpsert) (*client.SSHKeyUpsertReply, error) {
	return nil, errors.New("fake: no SSH keys")
}

func (f *fakeAPI) DeactivateKey(_ context.Context, ref string) (*client.PAMReply, error) {
	return f.act("deactivate-key", ref)
}

func (f *fakeAPI) ActivateKey(_ context.Context, ref string) (*client.PAMReply, error) {
	return f.act("activate-key", ref)
}
