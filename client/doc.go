// Package client is pamconsole's typed API client: the only way the console
// talks to a PAM server (our reference server or a real senhasegura PAM Core).
//
// Shape (go-github style: one service per resource, one file per service):
//
//	c, err := client.New(baseURL, clientID, clientSecret, opts...)
//	  options: WithHTTPClient(*http.Client), WithTimeout(time.Duration),
//	  WithCustomer(string) (default "10001"), WithHeader(key, value) (e.g.
//	  ActorKeyHeader for SSH sessions), WithClock(func() time.Time),
//	  WithPAMPrefix(string) (default "/iso/pam"), WithTokenPath(string)
//	  (default "/iso/oauth2/token"), WithUserAgent(string).
//	c.BaseURL() string
//	c.Token(ctx) (string, error)        cached; refreshed at 80 % of its life
//	c.Identity(ctx) (Identity, error)   claims of the current token (name, scopes)
//
//	c.Scopes.Catalogue(ctx) (*ScopeCatalogue, error)
//
//	c.ClientCredentials.List(ctx, ClientCredentialListOptions{Page, PageSize, Search, Ordering}) (*ClientCredentialPage, error)
//	c.ClientCredentials.ListAll(ctx, search string) ([]ClientCredential, error)   follows pages
//	c.ClientCredentials.Get(ctx, id int64) (*ClientCredential, error)
//	c.ClientCredentials.Create(ctx, ClientCredentialInput) (*ClientCredential, error)   plain secret once
//	c.ClientCredentials.Update(ctx, id int64, ClientCredentialInput) (*ClientCredential, error)
//	c.ClientCredentials.SetScopes(ctx, id int64, ScopesInput) (*ClientCredential, error)
//	c.ClientCredentials.RevealSecret(ctx, id int64) (string, error)
//	c.ClientCredentials.RotateSecret(ctx, id int64, grace time.Duration) (*ClientCredential, error) plain secret once
//	c.ClientCredentials.Delete(ctx, id int64) error
//	c.ClientCredentials.BulkDelete(ctx, ids []int64) ([]BulkDeleteResult, error)
//
//	c.Audit.List(ctx, AuditListOptions{Page, PageSize, Search}) (*AuditPage, error)
//
//	c.Credentials.List(ctx, CredentialListOptions{Limit, Offset, Search}) (*CredentialList, error)
//	c.Credentials.Stream(ctx, CredentialListOptions) (*CredentialStream, error)
//	    stream.Next(max int) ([]Credential, error)  — decodes the "credentials" array
//	    token by token; returns io.EOF after the last batch; stream.Total() (int, bool)
//	    when the server sent "total" before the array; stream.Close() error
//	c.Credentials.Get(ctx, ref string) (*CredentialDetail, error)   ref = id, identifier or username@hostname
//	c.Credentials.Upsert(ctx, CredentialUpsert) (*CredentialUpsertReply, error)   Created() reports 201
//	c.Credentials.Deactivate(ctx, ref string) (*PAMReply, error)
//	c.Credentials.Activate(ctx, id string) (*PAMReply, error)
//	c.Credentials.ReleaseCustody(ctx, id string) (*PAMReply, error)
//
//	c.Devices.List(ctx) (*DeviceList, error)
//	c.Devices.Get(ctx, ref string) (*Device, error)                   ref = id or hostname
//	c.Devices.Upsert(ctx, DeviceUpsert) (*DeviceUpsertReply, error)
//	c.Devices.Deactivate(ctx, ref string) (*PAMReply, error)
//	c.Devices.Activate(ctx, id string) (*PAMReply, error)
//
//	c.Resources.List(ctx, path string) (json.RawMessage, error)     the seed-000 read-only resources
//
// Every error from the server is an *APIError carrying the HTTP status, the
// PAM Core code (client/pamcode; read from exception.code, error_code or the
// message, wherever the server put it), the message, DRF field errors for
// 400s (Fields["name"]), the RFC 6749 error for token failures, and the
// response. Methods: Code, Summary (the one-line user text), IsNotFound,
// IsConflict, IsForbidden, IsUnauthorized, Field(name); the package
// functions of the same names take any error.
// Errors never contain the client secret, a token or a password.
package client
