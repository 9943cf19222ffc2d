package pyfront

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// Installed directories, each listed once. Finding a module tries up to
// eight paths per site directory (a *-stubs package, a stub, a source,
// each as a module or a package), and most dotted names a run resolves
// are no module at all (sqlalchemy.sql.compiler.SQLCompiler.process): a
// stat for each was most of what finding modules cost. A directory that
// cannot be listed is asked path by path, as before. A directory whose
// parent was listed without it (sqlalchemy/sql/compiler/SQLCompiler, or
// any path under a *-stubs package that is not installed) is known to be
// missing without asking the system.

// dirListing memoizes directory listings: name → type bits, nil for a
// directory that could not be listed (missing ones list as empty).
type dirListing struct {
	mu sync.Mutex
	m  map[string]map[string]fs.FileMode
}

func newDirListing() *dirListing { return &dirListing{m: map[string]map[string]fs.FileMode{}} }

func (d *dirListing) list(dir string) map[string]fs.FileMode {
	d.mu.Lock()
	names, ok := d.m[dir]
	d.mu.Unlock()
	if ok {
		return names
	}
	if d.absent(dir) {
		return map[string]fs.FileMode{}
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil:
		names = make(map[string]fs.FileMode, len(entries))
		for _, e := range entries {
			names[e.Name()] = e.Type()
		}
	case os.IsNotExist(err) || isNotDir(err):
		names = map[string]fs.FileMode{}
	}
	d.mu.Lock()
	d.m[dir] = names
	d.mu.Unlock()
	return names
}

// absent reports whether dir's parent was listed and holds no directory
// (nor a link) of dir's name.
func (d *dirListing) absent(dir string) bool {
	parent := filepath.Dir(dir)
	if parent == dir {
		return false
	}
	d.mu.Lock()
	names := d.m[parent]
	d.mu.Unlock()
	if names == nil {
		return false
	}
	t, ok := names[filepath.Base(dir)]
	return !ok || !t.IsDir() && t&fs.ModeSymlink == 0
}

// stat says whether p exists and is a directory, following symbolic
// links as os.Stat does.
func (d *dirListing) stat(p string) (exists, isDir bool) {
	return d.statIn(filepath.Dir(p), filepath.Base(p))
}

// statIn is stat of the entry name of directory dir.
func (d *dirListing) statIn(dir, name string) (exists, isDir bool) {
	names := d.list(dir)
	if names == nil {
		info, err := os.Stat(filepath.Join(dir, name))
		return err == nil, err == nil && info.IsDir()
	}
	t, ok := names[name]
	switch {
	case !ok:
		return false, false
	case t&fs.ModeSymlink != 0:
		info, err := os.Stat(filepath.Join(dir, name))
		return err == nil, err == nil && info.IsDir()
	}
	return true, t.IsDir()
}

func (d *dirListing) isFile(p string) bool {
	exists, dir := d.stat(p)
	return exists && !dir
}

func (d *dirListing) isDirIn(dir, name string) bool {
	_, isDir := d.statIn(dir, name)
	return isDir
}

// isNotDir reports a path through a file ("a.py/b").
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
