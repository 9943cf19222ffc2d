package pyfront

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDirListing checks that a listed directory answers as os.Stat does:
// files, directories, links to either, missing paths and paths through a
// file.
func TestDirListing(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"pkg/__init__.py": "", "mod.py": ""})
	for _, l := range [][2]string{{"pkg", "linked"}, {"mod.py", "linked.py"}, {"gone", "broken.py"}} {
		if err := os.Symlink(filepath.Join(dir, l[0]), filepath.Join(dir, l[1])); err != nil {
			t.Skip(err)
		}
	}
	d := newDirListing()
	for _, name := range []string{"pkg", "pkg/__init__.py", "mod.py", "linked", "linked/__init__.py", "linked.py", "broken.py", "missing", "mod.py/x", "missing/x.py",
		"missing/deeper/x.py", "pkg/missing/x.py", "linked/missing/x.py"} {
		p := filepath.Join(dir, name)
		info, err := os.Stat(p)
		wantExists, wantDir := err == nil, err == nil && info.IsDir()
		if exists, isDir := d.stat(p); exists != wantExists || isDir != wantDir {
			t.Errorf("%s: exists %v, dir %v; os.Stat says %v, %v", name, exists, isDir, wantExists, wantDir)
		}
	}
}

// TestDirListingAbsentFromParent checks that a directory its listed
// parent does not hold is not asked for: made after the parent was
// listed, it stays missing for the run, as a file added to a listed
// directory does.
func TestDirListingAbsentFromParent(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"pkg/__init__.py": ""})
	d := newDirListing()
	if !d.isFile(filepath.Join(dir, "pkg", "__init__.py")) {
		t.Fatal("pkg/__init__.py is not found")
	}
	writeTree(t, dir, map[string]string{"pkg/late/mod.py": ""})
	if d.isFile(filepath.Join(dir, "pkg", "late", "mod.py")) {
		t.Error("a directory missing from its parent's listing was listed")
	}
}
