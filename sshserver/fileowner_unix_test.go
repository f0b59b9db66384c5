//go:build unix

package sshserver

import (
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ownedInfo is a regular 0600 file owned by uid.
type ownedInfo struct{ uid uint32 }

func (o ownedInfo) Name() string       { return "authorized_keys" }
func (o ownedInfo) Size() int64        { return 0 }
func (o ownedInfo) Mode() fs.FileMode  { return 0o600 }
func (o ownedInfo) ModTime() time.Time { return time.Time{} }
func (o ownedInfo) IsDir() bool        { return false }
func (o ownedInfo) Sys() any           { return &syscall.Stat_t{Uid: o.uid} }

func TestAuthorizedKeysOwnedByAnotherUserRefused(t *testing.T) {
	other := uint32(os.Getuid()) + 4242
	err := checkAuthorizedKeysMode("/x/authorized_keys", ownedInfo{uid: other})
	if err == nil || !strings.Contains(err.Error(), "/x/authorized_keys is owned by uid") || !strings.Contains(err.Error(), "chown") {
		t.Fatalf("other owner: err = %v", err)
	}
	for _, uid := range []uint32{uint32(os.Getuid()), 0} {
		if err := checkAuthorizedKeysMode("/x/authorized_keys", ownedInfo{uid: uid}); err != nil {
			t.Fatalf("owner uid %d: %v", uid, err)
		}
	}
}
