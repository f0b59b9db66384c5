package devices

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// SavedMsg is the PopMsg result of a successful save.
type SavedMsg struct {
	Hostname string
	Created  bool
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
var codeFields = map[int]string{1004: fieldHostname, 1005: fieldIP, 1029: fieldDomain}

type formScreen struct {
	c      *ui.Common
	form   form.Model
	keys   formKeys
	title  string
	edit   bool
	saveID uint64
}

type formKeys struct {
	form.KeyMap
	Save   key.Binding
	Cancel key.Binding
}

func (k formKeys) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.Cancel, k.Next, k.Prev} }
func (k formKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel}, {k.Next, k.Prev, k.Submit}}
}

func newForm(c *ui.Common, d *client.Device, width int) *formScreen {
	val := func(get func(client.Device) string) string {
		if d == nil {
			return ""
		}
		return get(*d)
	}
	fields := []form.Field{
		{Key: fieldHostname, Label: "Hostname", Value: val(func(d client.Device) string { return d.Hostname }), CharLimit: 255, Validate: form.Required("Hostname")},
		{Key: fieldIP, Label: "IP", Value: val(func(d client.Device) string { return d.IP }), CharLimit: 255, Validate: form.Required("IP")},
		{Key: fieldType, Label: "Type", Value: val(func(d client.Device) string { return d.Type }), Placeholder: "Server", CharLimit: 64, Validate: form.Required("Type")},
		{Key: fieldVendor, Label: "Vendor", Value: val(func(d client.Device) string { return d.Vendor }), CharLimit: 64, Validate: form.Required("Vendor")},
		{Key: fieldModel, Label: "Model", Value: val(func(d client.Device) string { return d.Model }), CharLimit: 64, Validate: form.Required("Model")},
		{Key: fieldSite, Label: "Site", Value: val(func(d client.Device) string { return d.Site }), CharLimit: 64, Validate: form.Required("Site")},
		{Key: fieldDomain, Label: "Domain", Value: val(func(d client.Device) string { return d.Domain }), Placeholder: "optional", CharLimit: 255},
		{Key: fieldTags, Label: "Tags", Value: val(func(d client.Device) string { return d.Tags }), Placeholder: "optional", CharLimit: 255},
	}
	f := form.New(c, fields)
	f.SetWidth(width)
	s := &formScreen{c: c, form: f, edit: d != nil, title: "Devices › New"}
	if d != nil {
		s.title = "Devices › Edit " + d.Hostname
	}
	s.keys = formKeys{
		KeyMap: f.KeyMap,
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
	return s
}

func (s *formScreen) Init() tea.Cmd       { return s.form.Focus() }
func (s *formScreen) Title() string       { return s.title }
func (s *formScreen) KeyMap() help.KeyMap { return s.keys }
func (s *formScreen) CapturesInput() bool { return true }

func (s *formScreen) Update(msg tea.Msg) (ui.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
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

type upsertResult struct {
	hostname string
	created  bool
	message  string
}

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
	v := s.form.Values()
	t := func(k string) string { return strings.TrimSpace(v[k]) }
	body := client.DeviceUpsert{Hostname: t(fieldHostname), IP: t(fieldIP), Type: t(fieldType), Vendor: t(fieldVendor),
		Model: t(fieldModel), Site: t(fieldSite), Domain: t(fieldDomain), Tags: t(fieldTags)}
	cl := s.c.Client
	return ui.Request(s.c, s.saveID, func(ctx context.Context) (upsertResult, error) {
		r, err := cl.Devices.Upsert(ctx, body)
		if err != nil {
			return upsertResult{}, err
		}
		return upsertResult{hostname: body.Hostname, created: r.Code == 201, message: r.Response.Message}, nil
	})
}

func (s *formScreen) saved(r ui.Reply[upsertResult]) tea.Cmd {
	if r.ID != s.saveID {
		return nil
	}
	s.saveID = 0
	if r.Err != nil {
		fields, general := formErrors(r.Err)
		s.form.SetErrors(fields)
		s.form.SetError(general)
		for _, k := range []string{fieldHostname, fieldIP, fieldType, fieldVendor, fieldModel, fieldSite, fieldDomain, fieldTags} {
			if fields[k] != "" {
				return tea.Batch(s.form.FocusField(k), ui.Toast(ui.ToastError, "Not saved: "+fields[k]))
			}
		}
		return ui.Toast(ui.ToastError, "Not saved: "+general)
	}
	text := r.Value.message
	if text == "" {
		text = "Device saved"
	}
	return tea.Batch(ui.Pop(s.c, SavedMsg{Hostname: r.Value.hostname, Created: r.Value.created}), ui.Toast(ui.ToastSuccess, text))
}

// formErrors places the server's answer next to the field it names: by
// seed code, by DRF field errors, or by the field named in the message.
func formErrors(err error) (map[string]string, string) {
	fields := map[string]string{}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return fields, ui.ErrorText(err)
	}
	text := ui.ErrorText(err)
	if apiErr.Code != 0 && !strings.HasPrefix(text, strconv.Itoa(apiErr.Code)) {
		text = strconv.Itoa(apiErr.Code) + ": " + text
	}
	if f, ok := codeFields[apiErr.Code]; ok {
		fields[f] = text
		return fields, ""
	}
	for name, msgs := range apiErr.Fields {
		if len(msgs) > 0 {
			fields[name] = strings.Join(msgs, "; ")
		}
	}
	if len(fields) == 0 {
		if f := namedField(apiErr.Message); f != "" {
			fields[f] = text
			return fields, ""
		}
		return fields, text
	}
	return fields, ""
}

// namedField finds the one device field a message names ("vendor is required").
func namedField(msg string) string {
	words := strings.FieldsFunc(strings.ToLower(msg), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '_')
	})
	found := ""
	for _, w := range words {
		switch w {
		case fieldHostname, fieldIP, fieldType, fieldVendor, fieldModel, fieldSite, fieldDomain, fieldTags:
			if found != "" && found != w {
				return ""
			}
			found = w
		}
	}
	return found
}

func (s *formScreen) View() string {
	st := s.c.Styles
	var b strings.Builder
	if s.edit {
		b.WriteString(st.Muted.Render("Saved by hostname: a new hostname creates a new device."))
	} else {
		b.WriteString(st.Muted.Render("Saved by hostname: an existing hostname is updated."))
	}
	b.WriteString("\n\n" + s.form.View() + "\n\n")
	if s.saveID != 0 {
		b.WriteString(st.Muted.Render("saving…"))
	} else {
		b.WriteString(st.Help.Render("ctrl+s save · esc cancel · tab next field"))
	}
	return b.String()
}
