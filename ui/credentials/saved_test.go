package credentials

import (
	"context"
	"slices"

	"testing"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/uitest"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// detailOf is the GET credential/{id} answer for list credential c.
func detailOf(c client.Credential) *client.CredentialDetail {
	return &client.CredentialDetail{
		ID: c.ID, Identifier: c.Identifier, Username: c.Username, Password: "pw-" + string(c.ID),
		Content: "pw-" + string(c.ID), Hostname: c.Hostname, IP: c.ManagementIP, CredentialType: c.Type,
		DeviceType: c.DeviceType, Vendor: c.DeviceVendor, Model: c.DeviceModel,
		ExpirationTime: c.Expiration, Change: c.Change, View: c.View, Active: c.Active, InCustody: c.InCustody,
	}
}

// editUsername opens the edit form of the focused row, replaces the
// username and the additional text, and saves.
func editUsername(t *testing.T, h *harness, username string) {
	t.Helper()
	h.key("e")
	f, ok := h.top().(*form.SaveScreen[upsertResult])
	if !ok {
		t.Fatalf("e did not open the form: %T (%s)", h.top(), h.lastToast())
	}
	f.Form.FocusField(fieldUsername)
	h.key("ctrl+u")
	h.typeText(username)
	f.Form.FocusField(fieldAdditional)
	h.key("ctrl+u")
	h.typeText("edited")
	h.key("ctrl+s")
}

// An edit saved from the list updates its one row in place and the cursor
// stays on it: no reload (at a million rows a reload took ~20 s and put the
// cursor on row 1).
func TestEditSaveKeepsCursorWithoutReload(t *testing.T) {
	for _, tc := range []struct {
		name     string
		known    bool // our server: rows say whether they are active
		wantGets int  // reveals (GET with the password)
	}{
		{"our server", true, 0},
		{"senhasegura", false, 1}, // the form's own GET; the row is not read back (a reveal)
	} {
		t.Run(tc.name, func(t *testing.T) {
			creds := fakeCreds(300)
			if !tc.known {
				for i := range creds {
					creds[i].Active, creds[i].InCustody = nil, nil
				}
			}
			// A second load, if any, answers the same rows (as a reload would).
			fa := sourcesOf(&fakeSource{creds: creds, total: len(creds)}, &fakeSource{creds: creds, total: len(creds)})
			for _, c := range creds {
				fa.details[string(c.ID)] = detailOf(c)
			}
			c := uitest.NewCommon(nil)
			m := newModel(c, fa)
			h := newHarness(t, c, m, 120, 30)
			h.key("G", "k", "k")
			before := m.cursor()
			if before == nil || before[colID] != "298" {
				t.Fatalf("cursor before the edit: %v", before)
			}
			editUsername(t, h, "deploy")
			if h.top() != ui.Screen(m) {
				t.Fatalf("the form did not close: %s", h.lastToast())
			}
			if n := len(fa.upserts); n != 1 || fa.upserts[0].Additional != "edited" {
				t.Fatalf("upserts %+v", fa.upserts)
			}
			got := m.cursor()
			if got == nil || got[colID] != "298" || got[colUsername] != "deploy" || got[colIdentifier] != before[colIdentifier] {
				t.Errorf("cursor after the save on %v, want id 298 with username deploy", got)
			}
			for _, col := range []int{colFlag, colHostname, colIP, colType, colDevice, colChange, colView, colExpiration, colAuto, colCustody} {
				if got != nil && got[col] != before[col] {
					t.Errorf("column %d changed from %q to %q", col, before[col], got[col])
				}
			}
			if m.list.Len() < 298 {
				t.Fatalf("%d rows after the save", m.list.Len())
			}
			if r := m.list.Items()[297].cells(); r[colID] != "298" || r[colUsername] != "deploy" {
				t.Errorf("row 298 shows %v", r)
			}
			if n := fa.streams(); n != 1 {
				t.Errorf("%d list loads, want 1: the save reloaded the list", n)
			}
			if n := fa.getCount(); n != tc.wantGets {
				t.Errorf("%d reveals, want %d", n, tc.wantGets)
			}
			if m.list.Len() != 300 {
				t.Errorf("%d rows after the save", m.list.Len())
			}
		})
	}
}

// A new credential still reloads, with the cursor on it once it arrives.
func TestNewCredentialSaveReloads(t *testing.T) {
	creds := fakeCreds(30)
	fa := sourcesOf(&fakeSource{creds: creds[:29], total: 29}, &fakeSource{creds: creds, total: 30})
	fa.newID = "30"
	c := uitest.NewCommon(nil)
	m := newModel(c, fa)
	h := newHarness(t, c, m, 120, 30)
	h.key("n", "y")
	for _, v := range []string{"new-one", "root", "h.example", "10.0.0.30"} {
		h.typeText(v)
		h.key("tab")
	}
	h.key("ctrl+s")
	if fa.streams() != 2 || m.list.Len() != 30 {
		t.Fatalf("streams %d rows %d (toast %q)", fa.streams(), m.list.Len(), h.lastToast())
	}
	if r := m.cursor(); r == nil || r[colID] != "30" {
		t.Errorf("cursor on %v, want the new row 30", r)
	}
}

// The edit of an SSH key row, against our server, updates the row in place
// and keeps the cursor on it: a credential added on the server meanwhile
// does not appear (the list was not reloaded).
func TestSSHKeyEditSaveKeepsCursorWithoutReload(t *testing.T) {
	k, env, keyID := startWithKey(t)
	user := "root"
	for _, id := range []string{"other-1", "other-2"} {
		if _, err := env.Client.Credentials.Upsert(context.Background(), client.CredentialUpsert{Identifier: id, Username: &user,
			Hostname: id, IP: "10.0.0.2", Content: "pw"}); err != nil {
			t.Fatal(err)
		}
	}
	k.Press("ctrl+r")
	k.MustShow("other-1", "other-2", "deploy-key")
	m := k.Top().(*Model)
	at := slices.IndexFunc(m.list.Items(), func(r row) bool { return r.id() == keyID })
	if at < 0 || m.list.Len() != 3 {
		t.Fatalf("key row %d of %d", at, m.list.Len())
	}
	k.Press("G")
	for range m.list.Len() - 1 - at {
		k.Press("k")
	}
	if r := m.cursor(); r == nil || r[colID] != keyID {
		t.Fatalf("cursor on %v, want the key %s", r, keyID)
	}
	if _, err := env.Client.Credentials.Upsert(context.Background(), client.CredentialUpsert{Identifier: "added-meanwhile",
		Username: &user, Hostname: "h3", IP: "10.0.0.3", Content: "pw"}); err != nil {
		t.Fatal(err)
	}
	k.Press("e")
	k.MustShow("Edit SSH key deploy-key")
	f := k.Top().(*form.SaveScreen[upsertResult])
	f.Form.FocusField(fieldUsername)
	k.Press("ctrl+u")
	k.Type("ops")
	k.Press("ctrl+s")
	if k.Top() != ui.Screen(m) {
		t.Fatalf("the form did not close: %s", k.LastToast())
	}
	if r := m.cursor(); r == nil || r[colID] != keyID || r[colUsername] != "ops" || r[colType] != client.SSHKeyType {
		t.Errorf("cursor on %v, want the key %s with username ops", r, keyID)
	}
	if m.list.Len() != 3 || k.Shows("added-meanwhile") {
		t.Errorf("%d rows: the save reloaded the list", m.list.Len())
	}
}
