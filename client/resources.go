package client

import (
	"context"
	"encoding/json"
	"net/http"
)

// ResourcesService reads the seed-000 read-only resources
// (/pam/apps/users/user/, /pam/apps/roles/role/, …).
type ResourcesService struct{ service }

// List GETs path and returns the raw JSON answer.
func (s *ResourcesService) List(ctx context.Context, path string) (json.RawMessage, error) {
	var raw json.RawMessage
	err := s.c.do(ctx, request{method: http.MethodGet, path: path}, &raw)
	return raw, err
}
