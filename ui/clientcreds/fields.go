package clientcreds

import (
	"strings"
	"time"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/ui"
	"github.com/pamconsole/pamconsole/ui/widgets/form"
)

// Field keys: the API's field names, so server errors land on them.
const (
	fieldName      = "name"
	fieldValidFrom = "valid_from"
	fieldValidTill = "valid_till"
	fieldScopes    = "scopes"
)

// maxNameLen is the API's limit on a name (API.md §3).
const maxNameLen = 64

// dateCharLimit bounds a date field well above YYYY-MM-DD: a limit of 10
// cut " 2026-12-01 " to " 2026-12-0" without a word (issue 17 §5); now the
// spaces are trimmed and anything longer is refused by the Date check.
const dateCharLimit = 64

// credentialFields are the Name / Valid From / Valid Till inputs shared by
// the add wizard's step 1 and Edit.
func credentialFields(name, from, till string) []form.Field {
	return []form.Field{
		{Key: fieldName, Label: "Name", Value: name, CharLimit: 256, Placeholder: "e.g. CI deployer",
			Validate: form.All(form.Required("Name"), form.MaxLen("Name", maxNameLen))},
		{Key: fieldValidFrom, Label: "Valid From", Value: from, CharLimit: dateCharLimit, Placeholder: "YYYY-MM-DD",
			Validate: form.All(form.Required("Valid From"), form.Date("Valid From"))},
		{Key: fieldValidTill, Label: "Valid Till", Value: till, CharLimit: dateCharLimit, Placeholder: "YYYY-MM-DD",
			Validate: form.All(form.Required("Valid Till"), form.Date("Valid Till"))},
	}
}

// validateCredential runs the per-field checks and then from ≤ till.
func validateCredential(f *form.Model) bool {
	if !f.Validate() {
		return false
	}
	from, _ := time.Parse(form.DateLayout, strings.TrimSpace(f.Value(fieldValidFrom)))
	till, _ := time.Parse(form.DateLayout, strings.TrimSpace(f.Value(fieldValidTill)))
	if from.After(till) {
		f.SetErrors(map[string]string{fieldValidTill: "Valid Till must not be before Valid From"})
		f.FocusField(fieldValidTill)
		return false
	}
	return true
}

// defaultDates are today and one year on, as UTC days: the server reads a
// date-only Valid From as the start of that UTC day, so a local "today"
// ahead of UTC would make a new credential not yet valid for hours.
func defaultDates(c *ui.Common) (string, string) {
	now := c.Clock().UTC()
	return now.Format(form.DateLayout), now.AddDate(1, 0, 0).Format(form.DateLayout)
}

// inputFrom reads the form into an API body. A date the user left as it was
// is sent as the exact original instant (so editing a name never moves a
// validity bound set to the second through the API).
func inputFrom(f form.Model, orig *client.ClientCredential) client.ClientCredentialInput {
	in := client.ClientCredentialInput{
		Name:      strings.TrimSpace(f.Value(fieldName)),
		ValidFrom: strings.TrimSpace(f.Value(fieldValidFrom)),
		ValidTill: strings.TrimSpace(f.Value(fieldValidTill)),
	}
	if orig != nil {
		in.Version = orig.Version
		if in.ValidFrom == date(orig.ValidFrom) {
			in.ValidFrom = orig.ValidFrom.UTC().Format(time.RFC3339)
		}
		if in.ValidTill == date(orig.ValidTill) {
			in.ValidTill = orig.ValidTill.UTC().Format(time.RFC3339)
		}
	}
	return in
}

// datesNote explains how the server reads the dates.
const datesNote = "Dates are UTC days: Valid From starts at 00:00, Valid Till ends at 23:59:59."

// isStep1Field reports whether an API field error belongs to the wizard's
// first step.
func isStep1Field(key string) bool {
	return key == fieldName || key == fieldValidFrom || key == fieldValidTill
}
