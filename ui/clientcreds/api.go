package clientcreds

import (
	"context"
	"time"

	"github.com/pamconsole/pamconsole/client"
)

// api is the part of the API client this screen uses. The screen reaches the
// server only through it, inside tea.Cmds; unit tests put a fake in its place.
type api interface {
	Catalogue(ctx context.Context) (*client.ScopeCatalogue, error)
	ListAll(ctx context.Context) ([]client.ClientCredential, error)
	Create(ctx context.Context, in client.ClientCredentialInput) (*client.ClientCredential, error)
	Update(ctx context.Context, id int64, in client.ClientCredentialInput) (*client.ClientCredential, error)
	SetScopes(ctx context.Context, id int64, in client.ScopesInput) (*client.ClientCredential, error)
	RevealSecret(ctx context.Context, id int64) (string, error)
	RotateSecret(ctx context.Context, id int64, grace time.Duration) (*client.ClientCredential, error)
	Delete(ctx context.Context, id int64) error
	BulkDelete(ctx context.Context, ids []int64) ([]client.BulkDeleteResult, error)
	BulkUpdate(ctx context.Context, items []client.BulkUpdateItem) ([]client.BulkUpdateResult, error)
}

// clientAPI is api over the real client.
type clientAPI struct{ c *client.Client }

func (a clientAPI) Catalogue(ctx context.Context) (*client.ScopeCatalogue, error) {
	return a.c.Scopes.Catalogue(ctx)
}

func (a clientAPI) ListAll(ctx context.Context) ([]client.ClientCredential, error) {
	return a.c.ClientCredentials.ListAll(ctx, "")
}

func (a clientAPI) Create(ctx context.Context, in client.ClientCredentialInput) (*client.ClientCredential, error) {
	return a.c.ClientCredentials.Create(ctx, in)
}

func (a clientAPI) Update(ctx context.Context, id int64, in client.ClientCredentialInput) (*client.ClientCredential, error) {
	return a.c.ClientCredentials.Update(ctx, id, in)
}

func (a clientAPI) SetScopes(ctx context.Context, id int64, in client.ScopesInput) (*client.ClientCredential, error) {
	return a.c.ClientCredentials.SetScopes(ctx, id, in)
}

func (a clientAPI) RevealSecret(ctx context.Context, id int64) (string, error) {
	return a.c.ClientCredentials.RevealSecret(ctx, id)
}

func (a clientAPI) RotateSecret(ctx context.Context, id int64, grace time.Duration) (*client.ClientCredential, error) {
	return a.c.ClientCredentials.RotateSecret(ctx, id, grace)
}

func (a clientAPI) Delete(ctx context.Context, id int64) error {
	return a.c.ClientCredentials.Delete(ctx, id)
}

func (a clientAPI) BulkDelete(ctx context.Context, ids []int64) ([]client.BulkDeleteResult, error) {
	return a.c.ClientCredentials.BulkDelete(ctx, ids)
}

func (a clientAPI) BulkUpdate(ctx context.Context, items []client.BulkUpdateItem) ([]client.BulkUpdateResult, error) {
	return a.c.ClientCredentials.BulkUpdate(ctx, items)
}
