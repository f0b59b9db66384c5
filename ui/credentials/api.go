package credentials

import (
	"context"

	"github.com/pamconsole/pamconsole/client"
)

// api is the part of the API client this screen uses. Every call runs in a
// tea.Cmd; unit tests put a fake in its place.
type api interface {
	// Stream starts a streaming read of GET credential.
	Stream(ctx context.Context) (source, error)
	// Get is GET credential/{ref}: the detail, password included (audited).
	Get(ctx context.Context, ref string) (*client.CredentialDetail, error)
	// GetWithoutPassword is the detail without the password (our server
	// only: not a reveal, not audited, no "Last view" stamp).
	GetWithoutPassword(ctx context.Context, ref string) (*client.CredentialDetail, error)
	Upsert(ctx context.Context, in client.CredentialUpsert) (*client.CredentialUpsertReply, error)
	Deactivate(ctx context.Context, ref string) (*client.PAMReply, error)
	Activate(ctx context.Context, id string) (*client.PAMReply, error)
	ReleaseCustody(ctx context.Context, id string) (*client.PAMReply, error)
}

// source is the part of *client.CredentialStream the loader uses.
type source interface {
	Next(max int) ([]client.Credential, error)
	Total() (int, bool)
	Close() error
}

// clientAPI is api over the session's client.
type clientAPI struct{ c *client.Client }

func (a clientAPI) Stream(ctx context.Context) (source, error) {
	s, err := a.c.Credentials.Stream(ctx, client.CredentialListOptions{})
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (a clientAPI) Get(ctx context.Context, ref string) (*client.CredentialDetail, error) {
	return a.c.Credentials.Get(ctx, ref)
}

func (a clientAPI) GetWithoutPassword(ctx context.Context, ref string) (*client.CredentialDetail, error) {
	return a.c.Credentials.GetWithoutPassword(ctx, ref)
}

func (a clientAPI) Upsert(ctx context.Context, in client.CredentialUpsert) (*client.CredentialUpsertReply, error) {
	return a.c.Credentials.Upsert(ctx, in)
}

func (a clientAPI) Deactivate(ctx context.Context, ref string) (*client.PAMReply, error) {
	return a.c.Credentials.Deactivate(ctx, ref)
}

func (a clientAPI) Activate(ctx context.Context, id string) (*client.PAMReply, error) {
	return a.c.Credentials.Activate(ctx, id)
}

func (a clientAPI) ReleaseCustody(ctx context.Context, id string) (*client.PAMReply, error) {
	return a.c.Credentials.ReleaseCustody(ctx, id)
}
