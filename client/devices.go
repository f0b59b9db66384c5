package client

import (
	"context"
	"net/http"
	"strings"
)

// DevicesService is the PAM Core device API.
type DevicesService struct{ service }

// List returns every device.
func (s *DevicesService) List(ctx context.Context) (*DeviceList, error) {
	var l DeviceList
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("device"), pam: true}, &l)
	return &l, err
}

// Get returns one device by id or hostname.
func (s *DevicesService) Get(ctx context.Context, ref string) (*Device, error) {
	var r DeviceReply
	err := s.c.do(ctx, request{method: http.MethodGet, path: s.pamPath("device", ref), pam: true}, &r)
	return &r.Device, err
}

// Upsert creates or updates a device by hostname.
func (s *DevicesService) Upsert(ctx context.Context, in DeviceUpsert) (*DeviceUpsertReply, error) {
	var r DeviceUpsertReply
	err := s.c.do(ctx, request{method: http.MethodPost, path: s.pamPath("device"), body: in, pam: true}, &r)
	return &r, err
}

// Deactivate deactivates a device by id or hostname.
func (s *DevicesService) Deactivate(ctx context.Context, ref string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodDelete, path: s.pamPath("device", ref), pam: true}, &r)
	return &r, err
}

// Activate re-activates a device.
func (s *DevicesService) Activate(ctx context.Context, id string) (*PAMReply, error) {
	var r PAMReply
	err := s.c.do(ctx, request{method: http.MethodPut, path: s.pamPath("device", id), pam: true}, &r)
	return &r, err
}

// Created reports whether the upsert created the device (see
// CredentialUpsertReply.Created).
func (r *DeviceUpsertReply) Created() bool { return r.PAMReply.upsertCreated() }

// upsertCreated reads an upsert reply: "… updated successfully!" is an
// update whatever the status; otherwise 201 means created.
func (r *PAMReply) upsertCreated() bool {
	msg := strings.ToLower(r.Response.Message)
	if strings.Contains(msg, "updated") {
		return false
	}
	if strings.Contains(msg, "registered") {
		return true
	}
	return r.Code == http.StatusCreated || r.Response.Status == http.StatusCreated
}
