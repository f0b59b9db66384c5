package clientcreds

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/pamconsole/pamconsole/client"
)

// fakeAPI is an in-memory api. Each err* field, when set, is returned by
// the matching call instead of doing it.
type fakeAPI struct {
	mu        sync.Mutex
	creds     []client.ClientCredential
	cat       *client.ScopeCatalogue
	nextID    int64
	calls     []string
	lastInput client.ClientCredentialInput
	lastScope client.ScopesInput

	errList, errCreate, errUpdate, errScopes, errReveal, errDelete, errBulk error
}

func newFake(creds []client.ClientCredential) *fakeAPI {
	return &fakeAPI{creds: slices.Clone(creds), cat: catalogue(), nextID: 100}
}

func (f *fakeAPI) record(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
}

func (f *fakeAPI) callCount(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if len(c) >= len(prefix) && c[:len(prefix)] == prefix {
			n++
		}
	}
	return n
}

func (f *fakeAPI) find(id int64) int {
	for i, cc := range f.creds {
		if cc.ID == id {
			return i
		}
	}
	return -1
}

func (f *fakeAPI) Catalogue(context.Context) (*client.ScopeCatalogue, error) {
	f.record("catalogue")
	return f.cat, nil
}

func (f *fakeAPI) ListAll(context.Context) ([]client.ClientCredential, error) {
	f.record("list")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.errList != nil {
		return nil, f.errList
	}
	return slices.Clone(f.creds), nil
}

func (f *fakeAPI) Create(_ context.Context, in client.ClientCredentialInput) (*client.ClientCredential, error) {
	f.record("create")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastInput = in
	if f.errCreate != nil {
		return nil, f.errCreate
	}
	f.nextID++
	cc := client.ClientCredential{ID: f.nextID, Name: in.Name, ClientID: fmt.Sprintf("cc_new%d", f.nextID),
		ValidFrom: now, ValidTill: now.AddDate(1, 0, 0), Scopes: in.Scopes, Version: 1}
	f.creds = append(f.creds, cc)
	cc.ClientSecret = "plain-secret-once"
	return &cc, nil
}

func (f *fakeAPI) Update(_ context.Context, id int64, in client.ClientCredentialInput) (*client.ClientCredential, error) {
	f.record("update")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastInput = in
	if f.errUpdate != nil {
		return nil, f.errUpdate
	}
	i := f.find(id)
	f.creds[i].Name = in.Name
	f.creds[i].Version++
	cc := f.creds[i]
	return &cc, nil
}

func (f *fakeAPI) SetScopes(_ context.Context, id int64, in client.ScopesInput) (*client.ClientCredential, error) {
	f.record("scopes")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastScope = in
	if f.errScopes != nil {
		return nil, f.errScopes
	}
	i := f.find(id)
	f.creds[i].Scopes = in.Scopes
	f.creds[i].Version++
	cc := f.creds[i]
	return &cc, nil
}

func (f *fakeAPI) RevealSecret(_ context.Context, id int64) (string, error) {
	f.record("reveal")
	if f.errReveal != nil {
		return "", f.errReveal
	}
	return fmt.Sprintf("secret-of-%d", id), nil
}

func (f *fakeAPI) RotateSecret(_ context.Context, id int64, grace time.Duration) (*client.ClientCredential, error) {
	f.record(fmt.Sprintf("rotate grace=%s", grace))
	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.find(id)
	cc := f.creds[i]
	cc.ClientSecret = "rotated-secret"
	return &cc, nil
}

func (f *fakeAPI) Delete(_ context.Context, id int64) error {
	f.record("delete")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.errDelete != nil {
		return f.errDelete
	}
	f.creds = slices.DeleteFunc(f.creds, func(cc client.ClientCredential) bool { return cc.ID == id })
	return nil
}

func (f *fakeAPI) BulkDelete(_ context.Context, ids []int64) ([]client.BulkDeleteResult, error) {
	f.record("bulk")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.errBulk != nil {
		return nil, f.errBulk
	}
	var out []client.BulkDeleteResult
	for _, id := range ids {
		i := f.find(id)
		switch {
		case i < 0:
			out = append(out, client.BulkDeleteResult{ID: id, Status: client.BulkNotFound})
		case f.creds[i].Protected:
			out = append(out, client.BulkDeleteResult{ID: id, Status: client.BulkRefused, Error: "this client credential is protected and cannot be deleted"})
		default:
			f.creds = slices.Delete(f.creds, i, i+1)
			out = append(out, client.BulkDeleteResult{ID: id, Status: client.BulkDeleted})
		}
	}
	return out, nil
}

func (f *fakeAPI) BulkUpdate(_ context.Context, items []client.BulkUpdateItem) ([]client.BulkUpdateResult, error) {
	f.record("bulk-update")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.errBulk != nil {
		return nil, f.errBulk
	}
	var out []client.BulkUpdateResult
	for _, it := range items {
		i := f.find(it.ID)
		switch {
		case i < 0:
			out = append(out, client.BulkUpdateResult{ID: it.ID, Status: client.BulkNotFound})
		case it.Version != 0 && it.Version != f.creds[i].Version:
			out = append(out, client.BulkUpdateResult{ID: it.ID, Status: client.BulkConflict, Error: f.creds[i].Name + " was changed by someone else"})
		default:
			till, err := time.Parse("2006-01-02", it.ValidTill)
			if err != nil {
				out = append(out, client.BulkUpdateResult{ID: it.ID, Status: client.BulkRefused, Field: "valid_till", Error: "not a date"})
				continue
			}
			f.creds[i].ValidTill = till.Add(24*time.Hour - time.Second)
			f.creds[i].Version++
			cc := f.creds[i]
			out = append(out, client.BulkUpdateResult{ID: it.ID, Status: client.BulkUpdated, ClientCredential: &cc})
		}
	}
	return out, nil
}
