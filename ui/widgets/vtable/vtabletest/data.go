// Package vtabletest generates realistic PAM credential rows for tests and
// benchmarks of the table and the filter (the same rows on both sides of
// every peer comparison).
package vtabletest

import (
	"fmt"
	"strconv"
)

// Column is a credential column with the width a fixed-width table (the stock
// bubbles table) needs for it at 120 cells.
type Column struct {
	Title string
	Width int
}

// CredentialColumns are the Credentials screen's columns (UX.md §2).
var CredentialColumns = []Column{
	{"ID", 6}, {"Identifier", 16}, {"Username", 10}, {"Hostname", 16}, {"IP", 13}, {"Type", 8},
	{"Device", 8}, {"Last change", 10}, {"Last view", 10}, {"Expiration", 10}, {"Auto", 4},
}

// SearchColumns are the columns the Credentials filter searches (UX.md §2):
// identifier, username, hostname, IP, type, device.
var SearchColumns = []int{1, 2, 3, 4, 5, 6}

// CredentialRows returns n deterministic credential rows.
func CredentialRows(n int) [][]string {
	users := []string{"root", "administrator", "oracle", "postgres", "svc_backup", "deploy", "sa", "admin"}
	roles := []string{"web", "db", "app", "cache", "mq", "ldap", "mail", "proxy"}
	sites := []string{"sp", "rj", "fra", "iad"}
	types := []string{"Local", "Domain", "SSH key", "Database"}
	devices := []string{"Linux", "Windows", "Oracle", "Cisco"}
	rows := make([][]string, n)
	for i := range rows {
		role, site := roles[i%len(roles)], sites[i/7%len(sites)]
		host := fmt.Sprintf("%s%04d.%s.corp.example", role, i%9973, site)
		user := users[i/3%len(users)]
		day := 1 + i%28
		rows[i] = []string{
			strconv.Itoa(100000 + i),
			user + "@" + host,
			user,
			host,
			fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255),
			types[i%len(types)],
			devices[i/5%len(devices)],
			fmt.Sprintf("2025-%02d-%02d", 1+i%12, day),
			fmt.Sprintf("2025-%02d-%02d", 1+(i+3)%12, day),
			fmt.Sprintf("2026-%02d-%02d", 1+(i+5)%12, day),
			[]string{"yes", "no"}[i%2],
		}
	}
	return rows
}
