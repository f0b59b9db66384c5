package info

import (
	"context"
	"strings"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// Field keys: the POST info parameter names (PAMCORE-VENDOR.md §5.2).
const (
	fieldName         = "name"
	fieldType         = "type"
	fieldIdentifier   = "identifier"
	fieldService      = "service"
	fieldURL          = "url"
	fieldUsersAllowed = "users_allowed"
	fieldContent      = "content"
)

// maxContent bounds the content typed in the form (text only).
const maxContent = 8192

// newForm is the new-item form: the vendor's fields, the content masked
// as it is typed. The reply echoes the content; it is dropped.
func newForm(c *ui.Common, a api, width int) *form.SaveScreen[string] {
	fields := []form.Field{
		{Key: fieldName, Label: "Name", CharLimit: 255, Placeholder: "optional"},
		{Key: fieldType, Label: "Type", CharLimit: 64, Placeholder: "Access credential"},
		{Key: fieldIdentifier, Label: "Identifier", CharLimit: 255, Placeholder: "optional, unique"},
		{Key: fieldService, Label: "Service", CharLimit: 255, Placeholder: "optional"},
		{Key: fieldURL, Label: "URL", CharLimit: 2048, Placeholder: "optional"},
		{Key: fieldUsersAllowed, Label: "Users allowed", CharLimit: 1024, Placeholder: "optional: admin, netops"},
		{Key: fieldContent, Label: "Content", CharLimit: maxContent, Masked: true, Validate: form.Required("Content")},
	}
	f := form.New(c, fields)
	f.SetWidth(width)
	f.CodeFields = map[pamcode.Code]string{pamcode.InfoContentMissing: fieldContent}
	return form.NewSaveScreen(c, f, form.SaveSpec[string]{
		Title:     "Protected information › New",
		Intro:     "The content is a secret: masked here, revealed later only with r (the server records it).",
		Request:   func(v map[string]string) func(context.Context) (string, error) { return create(a, v) },
		Saved:     func(id string) (any, string) { return SavedMsg{ID: id}, "" },
		SavedText: "Protected information saved",
	})
}

// create sends the form; it returns the new item's id (the content of the
// reply is not kept).
func create(a api, v map[string]string) func(context.Context) (string, error) {
	t := func(k string) string { return strings.TrimSpace(v[k]) }
	in := client.InfoCreate{Name: t(fieldName), Type: t(fieldType), Identifier: t(fieldIdentifier),
		Service: t(fieldService), URL: t(fieldURL), UsersAllowed: t(fieldUsersAllowed), Content: v[fieldContent]}
	return func(ctx context.Context) (string, error) {
		r, err := a.Create(ctx, in)
		if err != nil {
			return "", err
		}
		return r.Info.ID.String(), nil
	}
}
