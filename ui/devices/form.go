package devices

import (
	"context"
	"fmt"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// SavedMsg is the PopMsg result of a successful save.
type SavedMsg struct {
	Hostname string
	Created  bool
	device   *client.Device // the upsert reply's device (PAMCORE-VENDOR.md §2.1); nil when it has no id
}

// Field keys: the POST device parameter names.
const (
	fieldHostname = "hostname"
	fieldIP       = "ip"
	fieldType     = "type"
	fieldVendor   = "vendor"
	fieldModel    = "model"
	fieldSite     = "site"
	fieldDomain   = "domain"
	fieldTags     = "tags"
)

// codeFields maps a PAM Core error code to the field it concerns.
var codeFields = map[pamcode.Code]string{pamcode.HostnameMissing: fieldHostname, pamcode.IPMissing: fieldIP, pamcode.DomainUnknown: fieldDomain}

// newForm is the create form (d nil) or the edit form of d. loaded finds
// a loaded device by hostname: saving a hostname that names another
// device asks first, as the upsert would overwrite it.
func newForm(c *ui.Common, d *client.Device, width int, loaded func(hostname string) (client.Device, bool)) *form.SaveScreen[upsertResult] {
	val := func(get func(client.Device) string) string {
		if d == nil {
			return ""
		}
		return get(*d)
	}
	fields := []form.Field{
		{Key: fieldHostname, Label: "Hostname", Value: val(func(d client.Device) string { return d.Hostname }), CharLimit: 255, Validate: form.Required("Hostname")},
		{Key: fieldIP, Label: "IP", Value: val(func(d client.Device) string { return d.IP }), CharLimit: 255, Validate: form.All(form.Required("IP"), form.Host("IP"))},
		{Key: fieldType, Label: "Type", Value: val(func(d client.Device) string { return d.Type }), Placeholder: "Server", CharLimit: 64, Validate: form.Required("Type")},
		{Key: fieldVendor, Label: "Vendor", Value: val(func(d client.Device) string { return d.Vendor }), CharLimit: 64, Validate: form.Required("Vendor")},
		{Key: fieldModel, Label: "Model", Value: val(func(d client.Device) string { return d.Model }), CharLimit: 64, Validate: form.Required("Model")},
		{Key: fieldSite, Label: "Site", Value: val(func(d client.Device) string { return d.Site }), CharLimit: 64, Validate: form.Required("Site")},
		{Key: fieldDomain, Label: "Domain", Value: val(func(d client.Device) string { return d.DeviceDomain }), Placeholder: "optional", CharLimit: 255},
		{Key: fieldTags, Label: "Tags", Value: val(func(d client.Device) string { return d.TagList() }), Placeholder: "optional", CharLimit: 255},
	}
	f := form.New(c, fields)
	f.SetWidth(width)
	f.CodeFields = codeFields
	spec := form.SaveSpec[upsertResult]{
		Title: "Devices › New",
		Intro: "Saved by hostname: an existing hostname is updated.",
		Request: func(v map[string]string) func(context.Context) (upsertResult, error) {
			return upsertDevice(c.Client, v)
		},
		Saved: func(r upsertResult) (any, string) {
			return SavedMsg{Hostname: r.hostname, Created: r.created, device: r.device}, r.message
		},
		SavedText: "Device saved",
		Ask: func(v map[string]string) string {
			return askOverwrite(d, loaded, strings.TrimSpace(v[fieldHostname]))
		},
	}
	if d != nil {
		spec.Title = "Devices › Edit " + d.Hostname
		spec.Intro = "Saved by hostname: a new hostname creates a new device."
	}
	return form.NewSaveScreen(c, f, spec)
}

type upsertResult struct {
	hostname string
	created  bool
	message  string
	device   *client.Device
}

// upsertDevice is the save of the device form: the upsert by hostname.
func upsertDevice(cl *client.Client, v map[string]string) func(context.Context) (upsertResult, error) {
	t := func(k string) string { return strings.TrimSpace(v[k]) }
	body := client.DeviceUpsert{Hostname: t(fieldHostname), IP: t(fieldIP), Type: t(fieldType), Vendor: t(fieldVendor),
		Model: t(fieldModel), Site: t(fieldSite), DeviceDomain: t(fieldDomain), DeviceTags: t(fieldTags)}
	return func(ctx context.Context) (upsertResult, error) {
		r, err := cl.Devices.Upsert(ctx, body)
		if err != nil {
			return upsertResult{}, err
		}
		out := upsertResult{hostname: body.Hostname, created: r.Created(), message: savedText(body.Hostname, r.Created(), r.Response.Message)}
		if r.Device.ID != "" {
			out.device = &r.Device
		}
		return out, nil
	}
}

// askOverwrite is the question before saving hostname when a loaded device
// other than the one edited (d) has it, case-insensitively; "" otherwise.
func askOverwrite(d *client.Device, loaded func(string) (client.Device, bool), hostname string) string {
	if loaded == nil || hostname == "" {
		return ""
	}
	other, ok := loaded(hostname)
	if !ok || (d != nil && other.ID == d.ID) {
		return ""
	}
	return fmt.Sprintf("A device “%s” exists (ID %s, %s) — update it?", other.Hostname, other.ID, other.IP)
}

// savedText names the saved device in the toast, with the server's message.
func savedText(hostname string, created bool, message string) string {
	text := "Updated device " + hostname
	if created {
		text = "Created device " + hostname
	}
	if message != "" {
		text += " — " + message
	}
	return text
}
