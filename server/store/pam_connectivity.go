package store

import (
	"strconv"
	"strings"
)

// Connectivity is one item of a device's connectivities in the vendor's
// "PROTOCOL:port" form (PAMCORE-VENDOR.md §2.2, e.g. "SSH:22, HTTPS:443").
// Port 0 means the protocol's default.
type Connectivity struct {
	Protocol string
	Port     int
}

// ParseConnectivities splits the vendor's "SSH:22, HTTPS:443" (items
// separated by commas, spaces optional; the port optional) into items. An
// item whose port is not 1–65535 or whose protocol is empty is an error
// naming it.
func ParseConnectivities(list string) ([]Connectivity, error) {
	var out []Connectivity
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		proto, port, hasPort := strings.Cut(item, ":")
		c := Connectivity{Protocol: strings.TrimSpace(proto)}
		if c.Protocol == "" {
			return nil, Invalid("connectivities", "connectivities item "+strconv.Quote(item)+" has no protocol (want PROTOCOL:port, e.g. SSH:22)")
		}
		if hasPort {
			n, err := strconv.Atoi(strings.TrimSpace(port))
			if err != nil || n < 1 || n > 65535 {
				return nil, Invalid("connectivities", "connectivities item "+strconv.Quote(item)+" has no valid port (want PROTOCOL:port with a port 1–65535)")
			}
			c.Port = n
		}
		out = append(out, c)
	}
	return out, nil
}

// NormalizeConnectivities checks list and writes it back in the vendor's
// reply form, "SSH:22, HTTP:80" (items without a port stay bare).
func NormalizeConnectivities(list string) (string, error) {
	items, err := ParseConnectivities(list)
	if err != nil {
		return "", err
	}
	parts := make([]string, len(items))
	for i, c := range items {
		parts[i] = c.Protocol
		if c.Port != 0 {
			parts[i] += ":" + strconv.Itoa(c.Port)
		}
	}
	return strings.Join(parts, ", "), nil
}
