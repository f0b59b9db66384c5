package server

import (
	"context"
	"slices"

	"github.com/pamconsole/pamconsole/server/store"
)

// principal is the authenticated caller of a request.
type principal struct {
	ID       int64  // client credential row id
	ClientID string // client_id
	Name     string
	Scopes   []string // effective: token scopes ∩ current credential scopes
	ActorKey string   // SSH key fingerprint from client.ActorKeyHeader, if any
}

func (p principal) has(scope string) bool { return slices.Contains(p.Scopes, scope) }

// actor is the audit identity of p.
func (p principal) actor() store.Actor {
	return store.Actor{ClientID: p.ClientID, Name: p.Name, Key: p.ActorKey, Limited: true, Scopes: p.Scopes, CredentialID: p.ID}
}

func withPrincipal(ctx context.Context, p principal) context.Context {
	return context.WithValue(ctx, ctxPrincipal, p)
}

// principalFrom returns the caller set by the auth middleware.
func principalFrom(ctx context.Context) principal {
	p, _ := ctx.Value(ctxPrincipal).(principal)
	return p
}
