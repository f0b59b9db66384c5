package store

// ScopeDef is one capability a client credential may hold.
type ScopeDef struct {
	Key, Label string
	Default    bool // a new client credential starts with it
}

// ScopeGroupDef is one group ("option" in seed 000) of the catalogue.
type ScopeGroupDef struct {
	Key, Label string
	Scopes     []ScopeDef
}

func crud(prefix, noun string, extra ...ScopeDef) []ScopeDef {
	defs := []ScopeDef{
		{prefix + ".view", "View " + noun, true},
		{prefix + ".add", "Add " + noun, false},
		{prefix + ".edit", "Edit " + noun, false},
		{prefix + ".delete", "Delete " + noun, false},
	}
	return append(defs, extra...)
}

// Catalogue is the scope catalogue of API.md §2, in display order.
var Catalogue = []ScopeGroupDef{
	{"users", "User Management", crud("users.user", "users")},
	{"roles", "Role Management", crud("users.roles", "roles")},
	{"assets", "Asset Management", crud("assets", "assets")},
	{"system_users", "System Users", crud("system_user", "system users",
		ScopeDef{"system_user.rotate_password", "Rotate system user passwords", false})},
	{"groups", "Group Management", crud("groups", "groups")},
	{"apps", "Application Management", crud("apps", "applications")},
	{"miscellaneous", "Miscellaneous", []ScopeDef{{"miscellaneous.ticket.view_ticket", "View tickets", true}}},
	{"client_credentials", "Client Credentials", []ScopeDef{
		{"settings.client_credentials.view", "View client credentials", true},
		{"settings.client_credentials.add", "Add client credentials", false},
		{"settings.client_credentials.edit", "Edit client credentials", false},
		{"settings.client_credentials.edit_scopes", "Edit client credential scopes", false},
		{"settings.client_credentials.delete", "Delete client credentials", false},
		{"settings.client_credentials.reveal_secret", "Reveal client secrets", false},
	}},
	{"pam_credentials", "PAM Core Credentials", []ScopeDef{
		{"pam.credential.view", "View credentials", true},
		{"pam.credential.add", "Add credentials", false},
		{"pam.credential.edit", "Edit and activate credentials", false},
		{"pam.credential.deactivate", "Deactivate credentials", false},
		{"pam.credential.reveal", "Reveal credential passwords", false},
		{"pam.credential.release_custody", "Release credential custody", false},
	}},
	{"pam_devices", "PAM Core Devices", []ScopeDef{
		{"pam.device.view", "View devices", true},
		{"pam.device.add", "Add devices", false},
		{"pam.device.edit", "Edit and activate devices", false},
		{"pam.device.deactivate", "Deactivate devices", false},
	}},
	{"pam_keys", "PAM Core SSH Keys", []ScopeDef{
		{"pam.key.view", "View SSH keys", true},
		{"pam.key.add", "Add SSH keys", false},
		{"pam.key.edit", "Edit and activate SSH keys", false},
		{"pam.key.deactivate", "Deactivate SSH keys", false},
		{"pam.key.reveal", "Reveal SSH private keys", false},
	}},
	{"pam_info", "PAM Core Protected Information", []ScopeDef{
		{"pam.info.view", "View protected information", true},
		{"pam.info.add", "Add protected information", false},
		{"pam.info.deactivate", "Disable protected information", false},
		{"pam.info.reveal", "Reveal protected information content", false},
	}},
}

// AllScopes lists every scope key in catalogue order.
func AllScopes() []string {
	var out []string
	for _, g := range Catalogue {
		for _, s := range g.Scopes {
			out = append(out, s.Key)
		}
	}
	return out
}

// KnownScope reports whether key is in the catalogue.
func KnownScope(key string) bool {
	for _, g := range Catalogue {
		for _, s := range g.Scopes {
			if s.Key == key {
				return true
			}
		}
	}
	return false
}
