package credentials

import (
	"context"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// Form field keys: the upsert's parameter names (seed 001).
const (
	fieldIdentifier   = "identifier"
	fieldUsername     = "username"
	fieldHostname     = "hostname"
	fieldIP           = "ip"
	fieldPassword     = "content"
	fieldCredType     = "credential_type"
	fieldDomain       = "domain"
	fieldTags         = "tags"
	fieldAdditional   = "additional"
	fieldDeviceType   = "type"
	fieldVendor       = "vendor"
	fieldModel        = "model"
	fieldSite         = "site"
	fieldDeviceDomain = "device_domain"
)

// SavedMsg is the PopMsg result of a successful save: the credential's id
// and whether the server created it (201) rather than updating it.
type SavedMsg struct {
	ID      string
	Created bool
	sent    *client.CredentialUpsert // what the form sent, without the password; nil from other forms
}

// newForm returns the create form, or the edit form prefilled from info
// (nil: create). The password field starts empty: on edit, empty means
// "unchanged".
func newForm(c *ui.Common, a api, info *detailInfo, width int) *form.SaveScreen[upsertResult] {
	f := form.New(c, formFields(info))
	f.SetWidth(width)
	f.CodeFields = codeFields
	spec := form.SaveSpec[upsertResult]{
		Title: "Credentials › New",
		Intro: "Saved by identifier, else by username + hostname + IP.",
		Request: func(v map[string]string) func(context.Context) (upsertResult, error) {
			body := upsertFrom(v)
			return func(ctx context.Context) (upsertResult, error) {
				r, err := a.Upsert(ctx, body)
				if err != nil {
					return upsertResult{}, err
				}
				sent := body
				sent.Content = "" // the password is not kept past the request
				return upsertResult{id: r.Credential.ID.String(), created: r.Created(), message: r.Response.Message, sent: &sent}, nil
			}
		},
		Saved: func(r upsertResult) (any, string) {
			return SavedMsg{ID: r.id, Created: r.created, sent: r.sent}, r.message
		},
		SavedText: "Credential saved",
	}
	if info != nil {
		spec.Title = "Credentials › Edit " + info.Identifier
		spec.Intro = "Saved by identifier; an empty password keeps the current one."
	}
	return form.NewSaveScreen(c, f, spec)
}

func formFields(info *detailInfo) []form.Field {
	v := func(get func(*detailInfo) string) string {
		if info == nil {
			return ""
		}
		return get(info)
	}
	passwordHint := "leave empty for none"
	if info != nil {
		passwordHint = "leave empty to keep the current password"
	}
	return []form.Field{
		{Key: fieldIdentifier, Label: "Identifier", Value: v(func(d *detailInfo) string { return d.Identifier }),
			Placeholder: "empty: the server generates one", CharLimit: 128, Validate: validIdentifier},
		{Key: fieldUsername, Label: "Username", Value: v(func(d *detailInfo) string { return d.Username }),
			CharLimit: 256, Validate: form.Required("Username")},
		{Key: fieldHostname, Label: "Hostname", Value: v(func(d *detailInfo) string { return d.Hostname }),
			CharLimit: 255, Validate: form.Required("Hostname")},
		{Key: fieldIP, Label: "IP", Value: v(func(d *detailInfo) string { return d.IP }),
			CharLimit: 255, Validate: form.All(form.Required("IP"), form.Host("IP"))},
		{Key: fieldPassword, Label: "Password", Masked: true, Placeholder: passwordHint, CharLimit: 1024},
		{Key: fieldCredType, Label: "Credential type", Value: v(func(d *detailInfo) string { return d.CredentialType }),
			Placeholder: "Local User", CharLimit: 64},
		{Key: fieldDomain, Label: "Domain", Value: v(func(d *detailInfo) string { return d.Domain }), CharLimit: 255},
		{Key: fieldTags, Label: "Tags", Value: v(func(d *detailInfo) string { return d.Tags }), CharLimit: 255},
		{Key: fieldAdditional, Label: "Additional", Value: v(func(d *detailInfo) string { return d.Additional }), CharLimit: 1024},
		{Key: fieldDeviceType, Label: "Device type", Value: v(func(d *detailInfo) string { return d.DeviceType }), CharLimit: 64},
		{Key: fieldVendor, Label: "Vendor", Value: v(func(d *detailInfo) string { return d.Vendor }), CharLimit: 64},
		{Key: fieldModel, Label: "Model", Value: v(func(d *detailInfo) string { return d.Model }), CharLimit: 64},
		{Key: fieldSite, Label: "Site", Value: v(func(d *detailInfo) string { return d.Site }), CharLimit: 64},
		{Key: fieldDeviceDomain, Label: "Device domain", Placeholder: "registered domains only, comma separated", CharLimit: 255},
	}
}

// validIdentifier accepts an empty identifier (the server generates a
// UUIDv7) or one of [A-Za-z0-9_.-] only (seed 001, else error 1053).
func validIdentifier(v string) string {
	for _, r := range v {
		ok := r == '_' || r == '.' || r == '-' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
		if !ok {
			return "use only letters, digits, _ . and - (no spaces)"
		}
	}
	return ""
}

// upsertFrom builds the request body from the form's values. An empty
// password is omitted (on edit: unchanged).
func upsertFrom(v map[string]string) client.CredentialUpsert {
	t := func(k string) string { return strings.TrimSpace(v[k]) }
	username := t(fieldUsername)
	return client.CredentialUpsert{
		Identifier:     t(fieldIdentifier),
		Username:       &username,
		Hostname:       t(fieldHostname),
		IP:             t(fieldIP),
		Content:        v[fieldPassword], // passwords are taken exactly as typed
		CredentialType: t(fieldCredType),
		Domain:         t(fieldDomain),
		Tags:           t(fieldTags),
		Additional:     t(fieldAdditional),
		Type:           t(fieldDeviceType),
		Vendor:         t(fieldVendor),
		Model:          t(fieldModel),
		Site:           t(fieldSite),
		DeviceDomain:   t(fieldDeviceDomain),
	}
}

type upsertResult struct {
	id      string
	created bool
	message string
	sent    *client.CredentialUpsert // credential form only: the body without the password
}
