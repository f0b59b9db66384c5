package server

import (
	"net/http"
	"strconv"

	"github.com/pamconsole/pamconsole/client"
	"github.com/pamconsole/pamconsole/server/store"
)

// handleListDevices is GET device; extensions limit, offset, search, total.
func (s *Server) handleListDevices(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := pageParams(r)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	search, err := searchParam(r.URL.Query())
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	devs, total, err := s.store.ListDevices(r.Context(), store.DeviceFilter{Search: search, Limit: limit, Offset: offset})
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	out := client.DeviceList{
		PAMReply: pamOK(http.StatusOK, strconv.Itoa(len(devs))+" devices found"),
		Devices:  make([]client.Device, len(devs)),
		Total:    &total,
	}
	for i := range devs {
		out.Devices[i] = wireDevice(&devs[i])
	}
	writeJSON(w, http.StatusOK, out)
}

// wireDevice is the vendor's get/upsert device object (PAMCORE-VENDOR.md
// §2.3) plus the list item's "tags" and our "active" extension.
func wireDevice(d *store.Device) client.Device {
	active := client.FlexBool(d.Active)
	return client.Device{
		ID: idString(d.ID), Hostname: d.Hostname, IP: d.IP, Type: d.Type, Vendor: d.Vendor, Model: d.Model,
		Site: d.Site, DeviceDomain: d.Domain, DeviceTags: d.Tags, Tags: d.Tags, Connectivities: d.Connectivities,
		SessionRemoteConfig: d.SessionRemoteConfig, Active: &active,
	}
}

// handleGetDevice is GET device/{id or hostname}; unknown is 400 + 1011.
func (s *Server) handleGetDevice(w http.ResponseWriter, r *http.Request) {
	d, err := s.store.DeviceByRef(r.Context(), r.PathValue("ref"))
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, client.DeviceReply{
		PAMReply: pamOK(http.StatusOK, "Device "+strconv.FormatInt(d.ID, 10)), Tenant: pamTenant, Device: wireDevice(&d)})
}

// handleUpsertDevice is POST device: upsert by hostname. Create and update
// both answer 201 with the full device and response.changed.
func (s *Server) handleUpsertDevice(w http.ResponseWriter, r *http.Request) {
	in, err := parseDeviceUpsert(r)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	d, ch, err := s.store.UpsertDevice(r.Context(), actorOf(r), in)
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	reply := upsertReply("Device", ch.Created, ch.Changed)
	writeJSON(w, http.StatusCreated, client.DeviceUpsertReply{PAMReply: reply, Device: wireDevice(&d)})
}

// handleDeactivateDevice is DELETE device/{id or hostname}; a form body is ignored.
func (s *Server) handleDeactivateDevice(w http.ResponseWriter, r *http.Request) {
	_, err := s.store.SetDeviceActive(r.Context(), actorOf(r), r.PathValue("ref"), false)
	s.answerDeviceChange(w, r, err, "Device successfully deactivated")
}

// handleActivateDevice is PUT device/{id}; an active device is 1044.
func (s *Server) handleActivateDevice(w http.ResponseWriter, r *http.Request) {
	_, err := s.store.SetDeviceActive(r.Context(), actorOf(r), r.PathValue("ref"), true)
	s.answerDeviceChange(w, r, err, "Device successfully activated")
}

// answerDeviceChange answers the vendor's envelope-only reply.
func (s *Server) answerDeviceChange(w http.ResponseWriter, r *http.Request, err error, msg string) {
	if err != nil {
		s.writeError(w, r, familyPAM, err)
		return
	}
	writeJSON(w, http.StatusOK, pamOK(http.StatusOK, msg))
}
