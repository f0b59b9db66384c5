package store

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// No client credential can grant more than it holds (issue 13 §2b): a
// limited actor cannot create a credential, grant it scopes, rotate its
// secret or reveal it when the credential would hold, or already holds, a
// scope the actor lacks — otherwise holding .add, .edit or .edit_scopes
// alone would be worth every scope. The checks run inside the write's
// transaction, on the row as it is then.

// lacking returns the scopes of want that a does not hold, in want's order
// (none for an unlimited actor).
func (a Actor) lacking(want ...[]string) []string {
	if !a.Limited {
		return nil
	}
	var out []string
	for _, set := range want {
		for _, sc := range set {
			if !slices.Contains(a.Scopes, sc) && !slices.Contains(out, sc) {
				out = append(out, sc)
			}
		}
	}
	return out
}

// maxNamed bounds how many missing scopes a refusal lists by name.
const maxNamed = 5

// missingScopes is the 403 naming the scopes the actor lacks (the first
// maxNamed of them, then how many more).
func missingScopes(missing []string, why string) *Error {
	noun := "scope "
	if len(missing) > 1 {
		noun = "scopes "
	}
	names := strings.Join(missing[:min(len(missing), maxNamed)], ", ")
	if len(missing) > maxNamed {
		names += fmt.Sprintf(" and %d more", len(missing)-maxNamed)
	}
	return Forbidden("scopes", "missing "+noun+names+": "+why)
}

// mayCreate refuses a credential with scopes a does not hold.
func (a Actor) mayCreate(in ClientCredentialInput) error {
	if m := a.lacking(in.Scopes); len(m) > 0 {
		return missingScopes(m, "a client credential cannot be created with a scope you do not hold")
	}
	return nil
}

// maySetScopes refuses raising the actor's own scopes, stripping the
// protected key's, and any change to a credential that holds or would
// hold a scope the actor lacks.
func (a Actor) maySetScopes(c ClientCredential, scopes []string) error {
	var added, removed []string
	for _, sc := range scopes {
		if !slices.Contains(c.Scopes, sc) {
			added = append(added, sc)
		}
	}
	for _, sc := range c.Scopes {
		if !slices.Contains(scopes, sc) {
			removed = append(removed, sc)
		}
	}
	switch {
	case a.Limited && a.CredentialID == c.ID && len(added) > 0:
		return Forbidden("scopes", "cannot add "+strings.Join(added, ", ")+" to "+c.Name+
			": it is the client credential making this request, and no credential raises its own scopes")
	case c.Protected && len(removed) > 0:
		return Protected(c.Name + " is protected and its scopes cannot be removed (" + strings.Join(removed, ", ") + ")")
	}
	if m := a.lacking(added); len(m) > 0 {
		return missingScopes(m, "you cannot grant a scope you do not hold")
	}
	if m := a.lacking(c.Scopes); len(m) > 0 {
		return missingScopes(m, "cannot change the scopes of "+c.Name+", which holds scopes you do not hold")
	}
	return nil
}

// mayHaveSecret refuses handing a's caller the secret of c (a rotation or
// a reveal, verb) when c holds a scope a lacks; the protected key's secret
// is never rotated through the API.
func (a Actor) mayHaveSecret(c ClientCredential, verb string) error {
	if c.Protected && verb == "rotate" {
		return Protected(c.Name + " is protected and its secret cannot be rotated")
	}
	if m := a.lacking(c.Scopes); len(m) > 0 {
		return missingScopes(m, "cannot "+verb+" the secret of "+c.Name+", which holds scopes you do not hold")
	}
	return nil
}

// protectedValidity refuses an update that would leave the protected key
// outside its validity window at now (it must keep working).
func protectedValidity(c ClientCredential, in ClientCredentialInput, now time.Time) error {
	switch {
	case !c.Protected:
		return nil
	case in.ValidTill.Before(now):
		return Protected(c.Name + " is protected and its validity cannot end in the past")
	case in.ValidFrom.After(now):
		return Protected(c.Name + " is protected and its validity cannot start in the future")
	}
	return nil
}
