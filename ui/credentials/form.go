package credentials

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

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
}

// formScreen creates or edits a credential through the seed-001 upsert.
type formScreen struct {
	c      *ui.Common
	api    api
	form   form.Model
	keys   formKeys
	edit   bool
	title  string
	saveID uint64 // id of the save in flight; 0 when none
	width  int
	help   help.Model
}

type formKeys struct {
	form.KeyMap
	Save   key.Binding
	Cancel key.Binding
}

func (k formKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Cancel, k.Next, k.Prev}
}

func (k formKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel}, {k.Next, k.Prev, k.Submit}}
}

// newForm returns the create form, or the edit form prefilled from info
// (nil: create). The password field starts empty: on edit, empty means
// "unchanged".
func newForm(c *ui.Common, a api, info *detailInfo, width int) *formScreen {
	f := form.New(c, formFields(info))
	f.SetWidth(width)
	s := &formScreen{c: c, api: a, form: f, edit: info != nil, width: width, help: help.New()}
	s.keys = formKeys{
		KeyMap: f.KeyMap,
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	s.title = "Credentials › New"
	if info != nil {
		s.title = "Credentials › Edit " + info.Identifier
	}
	return s
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
			CharLimit: 255, Validate: form.Required("IP")},
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
}

func (s *formScreen) Init() tea.Cmd { return s.form.Focus() }

func (s *formScreen) Title() string { return s.title }

func (s *formScreen) KeyMap() help.KeyMap { return s.keys }

// CapturesInput: the form always has a focused field.
func (s *formScreen) CapturesInput() bool { return true }

func (s *formScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width = msg.Width
		s.form.SetWidth(msg.Width)
		return s, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, s.keys.Cancel):
			return s, ui.Pop(s.c, nil)
		case key.Matches(msg, s.keys.Save):
			var cmd tea.Cmd
			s.form, cmd = s.form.Submit()
			return s, cmd
		}
	case form.SubmitMsg:
		if msg.Form == s.form.ID() {
			return s, s.save()
		}
		return s, nil
	case ui.Reply[upsertResult]:
		return s, s.saved(msg)
	}
	var cmd tea.Cmd
	s.form, cmd = s.form.Update(msg)
	return s, cmd
}

// save sends the upsert; a second save while one is in flight is ignored.
func (s *formScreen) save() tea.Cmd {
	if err := s.c.Guard(); err != nil {
		s.form.SetError(err.Error())
		return nil
	}
	if s.saveID != 0 {
		return nil
	}
	s.form.ClearErrors()
	s.saveID = s.c.NextID()
	body := upsertFrom(s.form.Values())
	cl := s.api
	return ui.Request(s.c, s.saveID, func(ctx context.Context) (upsertResult, error) {
		r, err := cl.Upsert(ctx, body)
		if err != nil {
			return upsertResult{}, err
		}
		return upsertResult{id: r.Credential.ID.String(), created: r.Created(), message: r.Response.Message}, nil
	})
}

// saved pops with the result, or shows the server's errors next to their
// fields keeping every typed value.
func (s *formScreen) saved(r ui.Reply[upsertResult]) tea.Cmd {
	if r.ID != s.saveID {
		return nil
	}
	s.saveID = 0
	if r.Err != nil {
		fields, general := formErrors(r.Err)
		s.form.SetErrors(fields)
		s.form.SetError(general)
		for _, k := range []string{fieldIdentifier, fieldUsername, fieldHostname, fieldIP, fieldDeviceDomain} {
			if fields[k] != "" {
				return tea.Batch(s.form.FocusField(k), ui.Toast(ui.ToastError, "Not saved: "+firstLine(fields[k])))
			}
		}
		return ui.Toast(ui.ToastError, "Not saved: "+firstLine(general))
	}
	text := r.Value.message
	if text == "" {
		text = "Credential saved"
	}
	return tea.Batch(ui.Pop(s.c, SavedMsg{ID: r.Value.id, Created: r.Value.created}), ui.Toast(ui.ToastSuccess, text))
}

func (s *formScreen) View() string {
	st := s.c.Styles
	var b strings.Builder
	if s.edit {
		b.WriteString(st.Muted.Render("Saved by identifier; an empty password keeps the current one."))
	} else {
		b.WriteString(st.Muted.Render("Saved by identifier, else by username + hostname + IP."))
	}
	b.WriteString("\n\n")
	b.WriteString(s.form.View())
	b.WriteString("\n\n")
	if s.saveID != 0 {
		b.WriteString(st.Muted.Render("saving…"))
	} else {
		b.WriteString(st.Help.Render("ctrl+s save · esc cancel · tab next field"))
	}
	return b.String()
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
