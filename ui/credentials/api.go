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
	// GetKey is GET key/{ref}: with the private key and passphrase only
	// for reveal (audited); without, our server leaves them out.
	GetKey(ctx context.Context, ref string, reveal bool) (*client.SSHKey, error)
	UpsertKey(ctx context.Context, in client.SSHKeyUpsert) (*client.SSHKeyUpsertReply, error)
	DeactivateKey(ctx context.Context, ref string) (*client.PAMReply, error)
	ActivateKey(ctx context.Context, ref string) (*client.PAMReply, error)
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

func (a clientAPI) GetKey(ctx context.Context, ref string, reveal bool) (*client.SSHKey, error) {
	if reveal {
		return a.c.Keys.Get(ctx, ref)
	}
	return a.c.Keys.GetPublic(ctx, ref)
}

func (a clientAPI) UpsertKey(ctx context.Context, in client.SSHKeyUpsert) (*client.SSHKeyUpsertReply, error) {
	return a.c.Keys.Upsert(ctx, in)
}

func (a clientAPI) DeactivateKey(ctx context.Context, ref string) (*client.PAMReply, error) {
	return a.c.Keys.Deactivate(ctx, ref)
}

func (a clientAPI) ActivateKey(ctx context.Context, ref string) (*client.PAMReply, error) {
	return a.c.Keys.Activate(ctx, ref)
}
