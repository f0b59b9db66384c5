//go:build unix

package sshserver

import (
	"io/fs"
	"syscall"
)

// fileOwner is the uid owning the file, when the platform says.
func fileOwner(info fs.FileInfo) (int, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}
