package credentials

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/client"
)

// detailInfo is every non-secret field of GET credential/{id} (seed 004 and
// our extensions). It is what the screen keeps of a detail reply: the
// password and content are never copied here.
type detailInfo struct {
	ID               string
	Identifier       string
	Tag              string
	Username         string
	Hostname         string
	IP               string
	Port             string
	Domain           string
	CredentialType   string
	Tags             string
	Additional       string
	DeviceType       string
	Vendor           string
	Model            string
	Site             string
	ParentCredential string
	Expiration       time.Time
	Change           time.Time
	View             time.Time
	Active           *bool
	InCustody        *bool
	// Settings lists, per settings object, the names of its keys only:
	// their values (e.g. a TOTP seed) are never shown.
	Settings []settingKeys
}

type settingKeys struct {
	Name string
	Keys []string
}

// infoFrom copies the non-secret fields of d.
func infoFrom(d *client.CredentialDetail) detailInfo {
	info := detailInfo{
		ID:             d.ID.String(),
		Identifier:     d.Identifier,
		Tag:            d.Tag,
		Username:       d.Username,
		Hostname:       d.Hostname,
		IP:             d.IP,
		Port:           d.Port.String(),
		Domain:         d.Domain,
		CredentialType: d.CredentialType,
		Tags:           d.Tags,
		Additional:     d.Additional,
		DeviceType:     d.DeviceType,
		Vendor:         d.Vendor,
		Model:          d.Model,
		Site:           d.Site,
		Expiration:     d.ExpirationTime.Time,
		Change:         d.Change.Time,
		View:           d.View.Time,
		Active:         d.Active,
		InCustody:      d.InCustody,
	}
	if info.Identifier == "" {
		info.Identifier = d.Tag // a real senhasegura calls it "tag" in seed 004
	}
	info.ParentCredential = parentLabel(d)
	for _, s := range []struct {
		name string
		raw  json.RawMessage
	}{
		{"execution", d.ExecutionSettings},
		{"session", d.SessionSettings},
		{"additional", d.AdditionalSettings},
		{"jit", d.JITSettings},
	} {
		if keys := objectKeys(s.raw); len(keys) > 0 {
			info.Settings = append(info.Settings, settingKeys{Name: s.name, Keys: keys})
		}
	}
	return info
}

func parentLabel(d *client.CredentialDetail) string {
	var parts []string
	if d.ParentCredential != nil && *d.ParentCredential != "" {
		parts = append(parts, *d.ParentCredential)
	}
	if d.ParentCredentialCod != nil && d.ParentCredentialCod.String() != "" {
		parts = append(parts, "#"+d.ParentCredentialCod.String())
	}
	return strings.Join(parts, " ")
}

// objectKeys returns the sorted keys of a JSON object (nil for anything else).
func objectKeys(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return nil
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// password returns the secret of a detail reply: content when password is
// empty (some servers fill only one of the two).
func password(d *client.CredentialDetail) string {
	if d.Password != "" {
		return d.Password
	}
	return d.Content
}

// infoFromRow is the detail of a server that cannot answer one without
// the password (a real senhasegura): the list row's fields, nothing more.
// Dates are the row's days (local midnight).
func infoFromRow(row []string) detailInfo {
	day := func(s string) time.Time {
		t, _ := time.ParseInLocation(dateLayout, s, time.Local)
		return t
	}
	return detailInfo{
		ID: row[colID], Identifier: row[colIdentifier], Username: row[colUsername], Hostname: row[colHostname],
		IP: row[colIP], CredentialType: row[colType], Vendor: row[colDevice],
		Change: day(row[colChange]), View: day(row[colView]), Expiration: day(row[colExpiration]),
	}
}
