package sshserver

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkAuthorizedKeysMode refuses an authorized_keys file that someone
// other than its owner could change, as OpenSSH's StrictModes does: a file
// writable by group or others, or owned by another user than the one
// running the server (or root), would let that someone add their own key
// as admin. The message names the file, the problem and the fix.
func checkAuthorizedKeysMode(path string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return fmt.Errorf("authorized_keys %s is not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("authorized_keys %s has mode %04o and is writable by group or others, "+
			"who could add their own key; fix it with: chmod 600 %s", path, perm, path)
	}
	if uid, ok := fileOwner(info); ok && uid != 0 && uid != os.Getuid() {
		return fmt.Errorf("authorized_keys %s is owned by uid %d, not by the user running the server (uid %d) or root; "+
			"fix it with: chown %d %s", path, uid, os.Getuid(), os.Getuid(), path)
	}
	return nil
}

// checkKeysDirs applies the same rule to every directory above the file,
// as StrictModes does: whoever can write one of them can swap the file (or
// a folder on its way) for their own. A world-writable directory with the
// sticky bit (/tmp) is fine: others cannot rename or remove what is not
// theirs in it.
func checkKeysDirs(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return err
	}
	for {
		if err := checkKeysDir(path, dir); err != nil {
			return err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil
		}
		dir = parent
	}
}

func checkKeysDir(path, dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if perm := info.Mode().Perm(); perm&0o022 != 0 && info.Mode()&fs.ModeSticky == 0 {
		return fmt.Errorf("the folder %s above authorized_keys %s has mode %04o and is writable by group or others, "+
			"who could replace the file; fix it with: chmod go-w %s", dir, path, perm, dir)
	}
	if uid, ok := fileOwner(info); ok && uid != 0 && uid != os.Getuid() {
		return fmt.Errorf("the folder %s above authorized_keys %s is owned by uid %d, not by the user running the server (uid %d) or root",
			dir, path, uid, os.Getuid())
	}
	return nil
}
