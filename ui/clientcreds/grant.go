package clientcreds

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
)

// The console mirrors the server's rule (issue 13 §2b): no credential
// grants more than it holds. The server decides; refusing here first keeps
// the page as it was and names the scopes without a round trip.

// notHeld returns the scopes of sets the signed-in credential does not
// hold, in order; none when its scopes are unknown (the server decides).
func notHeld(c *ui.Common, sets ...[]string) []string {
	if len(c.Identity.Scopes) == 0 {
		return nil
	}
	var out []string
	for _, set := range sets {
		for _, sc := range set {
			if !c.Identity.HasScope(sc) && !slices.Contains(out, sc) {
				out = append(out, sc)
			}
		}
	}
	return out
}

// grantRefusal says why the console's credential may not leave a credential
// holding target (its scopes were before); nil when it may.
func grantRefusal(c *ui.Common, before, target []string) error {
	m := notHeld(c, target, before)
	if len(m) == 0 {
		return nil
	}
	if len(m) > 3 {
		m = append(m[:3:3], fmt.Sprintf("%d more", len(m)-3))
	}
	return fmt.Errorf("missing scope %s: the credential this console is signed in with does not hold it, "+
		"and no credential can grant (or change a credential holding) a scope it does not hold", strings.Join(m, ", "))
}

// ownScopesRefusal refuses, before any request, to take a scope away from
// the credential this console is signed in with: the console would lose
// what it needs to load its tabs, and the server never lets a credential
// raise its own scopes back, so only another credential could repair it.
func ownScopesRefusal(c *ui.Common, cc client.ClientCredential, target []string) error {
	if !signedIn(c, cc) {
		return nil
	}
	var removed []string
	for _, sc := range cc.Scopes {
		if !slices.Contains(target, sc) {
			removed = append(removed, sc)
		}
	}
	if len(removed) == 0 {
		return nil
	}
	if len(removed) > 3 {
		removed = append(removed[:3:3], fmt.Sprintf("%d more", len(removed)-3))
	}
	return fmt.Errorf("removing scopes would lock this console out: it signs in with “%s” — change it from another credential "+
		"(would remove %s)", cc.Name, strings.Join(removed, ", "))
}
