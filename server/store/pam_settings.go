package store

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/pamconsole/pamconsole/client/pamcode"
)

// The nested settings of a credential upsert (seed 001) are stored as the
// JSON that was sent. The store checks only what the seed makes an error:
// an enabled feature whose plugin (1046) or template (1047) is missing, or
// a template given without its plugin or vice versa.

// pluginPair is a plugin/template pair required when enabled(settings).
type pluginPair struct {
	plugin, template string
	enabled          func(map[string]any) bool
}

func flag(key string) func(map[string]any) bool {
	return func(m map[string]any) bool { return truthy(m[key]) }
}

func jitFlag(key string) func(map[string]any) bool {
	return func(m map[string]any) bool { return truthy(m["jit"]) && truthy(m[key]) }
}

var executionPairs = []pluginPair{
	{"change_plugin", "change_template", flag("automatic_change")},
	{"reconciliation_plugin", "reconciliation_template", flag("status")},
}

var jitPairs = []pluginPair{
	{"credential_creation_plugin", "credential_creation_template", jitFlag("credential_creation_and_deletion")},
	{"credential_deletion_plugin", "credential_deletion_template", jitFlag("credential_creation_and_deletion")},
	{"credential_enable_plugin", "credential_enable_template", jitFlag("enable_disable_credential")},
	{"credential_disable_plugin", "credential_disable_template", jitFlag("enable_disable_credential")},
}

// validateSettings checks the shape of each settings value and the plugin
// pairs of execution_settings and jit_settings.
func (in *CredentialInput) validateSettings() error {
	checks := []struct {
		field   string
		raw     []byte
		arrayOK bool
		pairs   []pluginPair
	}{
		{"execution_settings", in.ExecutionSettings, false, executionPairs},
		{"session_settings", in.SessionSettings, false, nil},
		{"additional_settings", in.AdditionalSettings, true, nil},
		{"jit_settings", in.JITSettings, false, jitPairs},
	}
	for _, c := range checks {
		if len(c.raw) == 0 {
			continue
		}
		if len(c.raw) > maxSettingsLen {
			return Invalid(c.field, "is too large")
		}
		raw := bytes.TrimSpace(c.raw)
		if c.arrayOK && len(raw) > 0 && raw[0] == '[' {
			if !json.Valid(raw) {
				return Invalid(c.field, "must be a JSON array or object")
			}
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil || m == nil {
			return Invalid(c.field, "must be a JSON object")
		}
		if err := checkPairs(c.field, m, c.pairs); err != nil {
			return err
		}
	}
	return nil
}

const maxSettingsLen = 64 << 10

func checkPairs(field string, m map[string]any, pairs []pluginPair) error {
	for _, p := range pairs {
		hasPlugin, hasTemplate := present(m[p.plugin]), present(m[p.template])
		required := p.enabled(m)
		switch {
		case !hasPlugin && (required || hasTemplate):
			return Invalid(field+"."+p.plugin, pamcode.PluginMissing.Text()).WithCode(pamcode.PluginMissing)
		case !hasTemplate && (required || hasPlugin):
			return Invalid(field+"."+p.template, pamcode.TemplateMissing.Text()).WithCode(pamcode.TemplateMissing)
		}
	}
	return nil
}

// automaticChange reads execution_settings.automatic_change; nil when the
// settings were not sent or do not say.
func automaticChange(raw []byte) *bool {
	var m map[string]any
	if len(raw) == 0 || json.Unmarshal(raw, &m) != nil {
		return nil
	}
	v, ok := m["automatic_change"]
	if !ok {
		return nil
	}
	b := truthy(v)
	return &b
}

// truthy accepts the boolean spellings of forms and real clients.
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "1", "true", "yes", "on", "y", "t":
			return true
		}
	}
	return false
}

// present reports whether a settings value names something.
func present(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(x) != ""
	case bool:
		return x
	}
	return true
}
