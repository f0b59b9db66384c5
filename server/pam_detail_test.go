package server_test

import (
	"strings"
	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/internal/testserver"
)

// Issue 13 §2: opening a credential's detail must not reveal its password.
// GET credential/{ref}?password=false answers every other field, needs
// only pam.credential.view, and is neither audited as a reveal nor stamps
// "Last view".
func TestCredentialDetailWithoutPassword(t *testing.T) {
	env := testserver.Start(t)
	const password = "Detail-canary-Pw-81"
	user, domain := "svc", "corp"
	if _, err := env.Client.Credentials.Upsert(bg, client.CredentialUpsert{Identifier: "detail-1", Username: &user,
		Hostname: "detail-host", IP: "10.1.2.3", Content: password, Domain: domain}); err != nil {
		t.Fatal(err)
	}
	viewer, _ := newClientWith(t, env, "pam viewer", "pam.credential.view")
	d, err := viewer.Credentials.GetWithoutPassword(bg, "detail-1")
	if err != nil {
		t.Fatal(err)
	}
	if d.Password != "" || d.Content != "" || d.Username != "svc" || d.Hostname != "detail-host" || d.Domain != "corp" || !d.View.Time.IsZero() {
		t.Fatalf("detail without password: %+v", d)
	}
	page, err := env.Client.Audit.List(bg, client.AuditListOptions{Search: "credential.reveal"})
	if err != nil || page.Count != 0 {
		t.Fatalf("the detail was audited as a reveal: %v %+v", err, page)
	}
	if _, err := viewer.Credentials.Get(bg, "detail-1"); !client.IsForbidden(err) || !strings.Contains(err.Error(), "pam.credential.reveal") {
		t.Fatalf("a reveal without pam.credential.reveal: %v", err)
	}
	none, _ := newClientWith(t, env, "no pam scope")
	if _, err := none.Credentials.GetWithoutPassword(bg, "detail-1"); !client.IsForbidden(err) || !strings.Contains(err.Error(), "pam.credential.view") {
		t.Fatalf("the detail without pam.credential.view: %v", err)
	}
	full, err := env.Client.Credentials.Get(bg, "detail-1")
	if err != nil || full.Password != password || full.View.Time.IsZero() {
		t.Fatalf("the reveal still reveals and stamps the view: %v", err)
	}
}
