package server

import (
	"net/http"

	"github.com/pamconsole/pamconsole/client"
)

// The read-only seed-000 resources (API.md §5): small fixed lists that
// prove scopes are enforced on the rest of the PAM API.
var seedResources = []struct {
	path, scope string
	rows        []map[string]any
}{
	{"/pam/apps/users/user/", "users.user.view", []map[string]any{
		{"id": 1, "username": "admin", "email": "admin@example.com", "first_name": "Ada", "last_name": "Admin"},
		{"id": 2, "username": "jdoe", "email": "user@example.com", "first_name": "John", "last_name": "Doe"},
	}},
	{"/pam/apps/roles/role/", "users.roles.view", []map[string]any{
		{"id": 1, "name": "Administrator"}, {"id": 2, "name": "Auditor"},
	}},
	{"/pam/apps/assets/asset/", "assets.view", []map[string]any{
		{"id": 1, "name": "web01.corp.example", "type": "Linux server"}, {"id": 2, "name": "db-prod-02", "type": "Database"},
	}},
	{"/pam/apps/assets/systemuser/", "system_user.view", []map[string]any{
		{"id": 1, "username": "root", "asset": 1}, {"id": 2, "username": "postgres", "asset": 2},
	}},
	{"/pam/apps/groups/group/", "groups.view", []map[string]any{{"id": 1, "name": "Ops"}, {"id": 2, "name": "DBAs"}}},
	{"/pam/apps/apps/app/", "apps.view", []map[string]any{{"id": 1, "name": "Grafana"}}},
	{"/pam/apps/ticket/ticket/", "miscellaneous.ticket.view_ticket", []map[string]any{{"id": 101, "title": "Access to db-prod-02", "status": "open"}}},
}

func (s *Server) registerResourceRoutes(mux *http.ServeMux) {
	for _, res := range seedResources {
		page := client.Page[map[string]any]{Count: len(res.rows), Results: res.rows}
		mux.Handle("GET "+res.path+"{$}", s.requireScope(familyDRF, res.scope, func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, http.StatusOK, page)
		}))
	}
}
