package lsp

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/asynclint/asynclint/pyfront"
)

// maxProbed bounds how many files one probe may add to the index, so a
// check before the workspace scan never turns into that scan.
const maxProbed = 500

// probe finds on disk the workspace modules that the closure of paths
// imports but the index does not know yet, and learns their imports.
// Only files inside the workspace root count: a package's root may lie
// above the workspace (a workspace opened on one package directory), and
// what is installed there is a library, not the user's code.
// Until the workspace scan completes (and for files created after it),
// this is how an opened document's first check sees the modules it
// imports: each unknown name costs a stat or two beside the importing
// file's package root, never a walk of the tree.
func (ix *index) probe(root string, paths []string, maxBytes int64) {
	if root == "" {
		return
	}
	tried := map[string]bool{}
	added := 0
	for {
		var found []string
		for _, p := range ix.closure(paths) {
			base := packageRoot(p, ix.nameOf[p])
			for _, name := range ix.imports[p] {
				if _, known := ix.pathOf[name]; known || tried[base+"\x00"+name] {
					continue
				}
				tried[base+"\x00"+name] = true
				if f := moduleFile(base, name, maxBytes); f != "" && within(root, f) && !ix.described(f) {
					found = append(found, f)
				}
			}
		}
		if len(found) == 0 || added >= maxProbed {
			return
		}
		found = found[:min(len(found), maxProbed-added)]
		added += len(found)
		ix.learn(pyfront.ScanImports(found))
	}
}

// described reports whether the index already holds path's imports.
func (ix *index) described(path string) bool {
	_, ok := ix.imports[path]
	return ok
}

// packageRoot is the directory a module's dotted name starts from:
// "/w/pkg/a.py" named "pkg.a" starts at "/w".
func packageRoot(path, name string) string {
	dir := filepath.Dir(path)
	if name == "" {
		return dir
	}
	up := strings.Count(name, ".")
	if filepath.Base(path) == "__init__.py" {
		up++
	}
	for range up {
		dir = filepath.Dir(dir)
	}
	return dir
}

// moduleFile is the file that defines the dotted module name under root
// (a module file or a package's __init__.py), or "" when there is none or
// it is larger than maxBytes.
func moduleFile(root, name string, maxBytes int64) string {
	rel := filepath.Join(strings.Split(name, ".")...)
	for _, f := range []string{filepath.Join(root, rel+".py"), filepath.Join(root, rel, "__init__.py")} {
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() && (maxBytes <= 0 || st.Size() <= maxBytes) {
			return f
		}
	}
	return ""
}

// within reports whether path lies inside dir.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
