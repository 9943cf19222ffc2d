package fix

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrReadOnly refuses to replace a file without write permission: the
// rename would succeed (it needs only the directory), but the user marked
// the file as not to be changed.
var ErrReadOnly = errors.New("the file is read-only, not fixed")

// ReadOnly reports whether a file has no owner write permission.
func ReadOnly(fi os.FileInfo) bool { return fi.Mode().Perm()&0o200 == 0 }

// Write replaces path's content atomically: the new content goes to a
// temporary file in the same directory (same file system), which takes
// the original's permission bits and is then renamed over it, so a reader
// or a crash sees the old file or the new one, never half of one. A
// symbolic link is followed and its target replaced.
func Write(path string, content []byte) (err error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	fi, err := os.Stat(target)
	if err != nil {
		return err
	}
	if ReadOnly(fi) {
		return ErrReadOnly
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".asynclint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	if _, err = tmp.Write(content); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return nil
}
