package credentials

import (
	"context"
	"regexp"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/confirm"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// Key form field keys: POST key's parameter names (PAMCORE-VENDOR.md §4.2).
const (
	fieldKeyName    = "key_name"
	fieldPublicKey  = "public_key"
	fieldPrivateKey = "private_key"
	fieldPassphrase = "password"
)

// askNewKind asks whether n creates a password credential (y) or an SSH key (k).
func (m *Model) askNewKind() tea.Cmd {
	return m.list.Confirm("New", "Create a password credential (y) or an SSH key (k)?", func(option string) tea.Cmd {
		if option == "k" {
			return ui.Push(m.c, newKeyForm(m.c, m.api, nil, m.list.Width()))
		}
		return ui.Push(m.c, newForm(m.c, m.api, nil, m.list.Width()))
	}, confirm.Option{Key: "y", Help: "password credential"}, confirm.Option{Key: "k", Help: "SSH key"})
}

// newKeyForm is the create form of an SSH key, or the edit form of k
// (keys and passphrase empty: unchanged; the identifier names the key).
func newKeyForm(c *ui.Common, a api, k *client.SSHKey, width int) *form.SaveScreen[upsertResult] {
	val := func(get func(*client.SSHKey) string) string {
		if k == nil {
			return ""
		}
		return get(k)
	}
	keyHint, required := "paste the OpenSSH private key", form.Required("Private key")
	if k != nil {
		keyHint, required = "leave empty to keep the current key", nil
	}
	f := form.New(c, []form.Field{
		{Key: fieldIdentifier, Label: "Identifier", Value: val(func(k *client.SSHKey) string { return k.Identifier }),
			Placeholder: "empty: the server generates one", CharLimit: 128, Validate: validIdentifier},
		{Key: fieldUsername, Label: "Username", Value: val(func(k *client.SSHKey) string { return k.Username }), Placeholder: "usr", CharLimit: 256},
		{Key: fieldHostname, Label: "Hostname", Value: val(func(k *client.SSHKey) string { return k.Hostname }), CharLimit: 255, Validate: form.Required("Hostname")},
		{Key: fieldIP, Label: "IP", Value: val(func(k *client.SSHKey) string { return k.IP }), CharLimit: 255, Validate: form.Required("IP")},
		{Key: fieldKeyName, Label: "Key name", Value: val(func(k *client.SSHKey) string { return k.KeyName }), CharLimit: 255},
		{Key: fieldPublicKey, Label: "Public key", Value: val(func(k *client.SSHKey) string { return k.PublicKey }),
			Placeholder: "ssh-ed25519 AAAA… comment", CharLimit: 16 << 10, Validate: publicKeyCheck(k == nil)},
		{Key: fieldPrivateKey, Label: "Private key", Masked: true, Placeholder: keyHint, CharLimit: 16 << 10, Validate: required},
		{Key: fieldPassphrase, Label: "Passphrase", Masked: true, Placeholder: "of the private key; empty for none", CharLimit: 1024},
	})
	f.SetWidth(width)
	f.CodeFields = codeFields
	spec := form.SaveSpec[upsertResult]{
		Title: "Credentials › New SSH key",
		Intro: "An existing identifier updates that key.",
		Request: func(v map[string]string) func(context.Context) (upsertResult, error) {
			body := keyUpsertFrom(v)
			return func(ctx context.Context) (upsertResult, error) {
				r, err := a.UpsertKey(ctx, body)
				if err != nil {
					return upsertResult{}, err
				}
				return upsertResult{id: r.Key.ID.String(), created: r.Created(), message: r.Response.Message}, nil
			}
		},
		Saved:     func(r upsertResult) (any, string) { return SavedMsg{ID: r.id, Created: r.created}, r.message },
		SavedText: "SSH key saved",
	}
	if k != nil {
		spec.Title = "Credentials › Edit SSH key " + k.Identifier
		spec.Intro = "Saved by identifier; empty keys and passphrase stay as they are."
	}
	return form.NewSaveScreen(c, f, spec)
}

// publicKeyCheck wants one authorized_keys line (required on create).
func publicKeyCheck(required bool) func(string) string {
	return func(v string) string {
		v = strings.TrimSpace(v)
		switch {
		case v == "" && required:
			return "Public key is required"
		case v != "" && len(strings.Fields(v)) < 2:
			return "want an authorized_keys line: type, key, optional comment"
		}
		return ""
	}
}

func keyUpsertFrom(v map[string]string) client.SSHKeyUpsert {
	t := func(k string) string { return strings.TrimSpace(v[k]) }
	return client.SSHKeyUpsert{
		Identifier: t(fieldIdentifier), Username: t(fieldUsername), Hostname: t(fieldHostname), IP: t(fieldIP),
		KeyName: t(fieldKeyName), PublicKey: t(fieldPublicKey), PrivateKey: normalizePEM(v[fieldPrivateKey]),
		Password: v[fieldPassphrase],
	}
}

var pemBlock = regexp.MustCompile(`^\s*(-----BEGIN [A-Z0-9 ]+-----)\s*(.*?)\s*(-----END [A-Z0-9 ]+-----)\s*$`)

// normalizePEM restores the line breaks of a PEM key pasted into a
// one-line field (the terminal turns them into spaces or drops them):
// header, the base64 body in 70-column lines, footer. Anything else is
// sent as typed.
func normalizePEM(s string) string {
	m := pemBlock.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	body := strings.Join(strings.Fields(m[2]), "")
	var b strings.Builder
	b.WriteString(m[1] + "\n")
	for len(body) > 70 {
		b.WriteString(body[:70] + "\n")
		body = body[70:]
	}
	if body != "" {
		b.WriteString(body + "\n")
	}
	b.WriteString(m[3] + "\n")
	return b.String()
}
