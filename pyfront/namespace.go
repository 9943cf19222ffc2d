package pyfront

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Namespace packages (PEP 420): a directory without __init__.py is still a
// package when an import root is above it, so "from pkg.sub.a import go"
// finds root/pkg/sub/a.py although pkg/ and pkg/sub/ hold no __init__.py.
// The import roots are the project root (the nearest directory above the
// file with pyproject.toml, setup.py, setup.cfg or .git; without one, the
// common directory of the inputs) and its src/ directory.
//
// A module keeps its classic name (the climb through __init__.py files,
// moduleName) and is also known by the dotted path from the import root:
// tests/test_a.py is "test_a" (pytest puts tests/ on sys.path) and
// "tests.test_a"; Lib/asyncio/tasks.py in a CPython checkout stays
// "asyncio.tasks" and gains only the harmless "Lib.asyncio.tasks".

// rootMarkers are the files that mark a project root.
var rootMarkers = []string{"pyproject.toml", "setup.py", "setup.cfg", ".git"}

// rootFinder finds and memoizes the import root of directories.
type rootFinder struct {
	mu       sync.Mutex
	memo     map[string]string
	fallback string // the common directory of the inputs
}

func newRootFinder(paths []string) *rootFinder {
	return &rootFinder{memo: map[string]string{}, fallback: commonDir(paths)}
}

// projectRoot is the nearest directory at or above dir holding a root
// marker, else the fallback when dir is under it, else "".
func (r *rootFinder) projectRoot(dir string) string {
	r.mu.Lock()
	root, ok := r.memo[dir]
	r.mu.Unlock()
	if ok {
		return root
	}
	root = r.fallbackFor(dir)
	for _, m := range rootMarkers {
		if _, err := os.Stat(filepath.Join(dir, m)); err == nil {
			root = dir
			break
		}
	}
	if root != dir {
		if parent := filepath.Dir(dir); parent != dir {
			if up := r.projectRoot(parent); up != "" {
				root = up
			}
		}
	}
	r.mu.Lock()
	r.memo[dir] = root
	r.mu.Unlock()
	return root
}

func (r *rootFinder) fallbackFor(dir string) string {
	if r.fallback != "" && within(dir, r.fallback) {
		return r.fallback
	}
	return ""
}

// namespaceName is the dotted name of the file at abs counted from its
// import root (root/src for files under it), or "" when the path from the
// root is not made of identifiers, or when the root is itself a regular
// package: Python never imports from inside a package's directory, so
// checking hypercorn/ alone must not make hypercorn/logging.py the
// top-level "logging" that `import logging` would then find.
func (r *rootFinder) namespaceName(abs string, hasInit func(string) bool) string {
	dir := filepath.Dir(abs)
	root := r.projectRoot(dir)
	if root == "" {
		return ""
	}
	if src := filepath.Join(root, "src"); within(dir, src) {
		root = src
	}
	if hasInit(root) {
		return ""
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".pyi"), ".py")
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if parts[len(parts)-1] == "__init__" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 {
		return ""
	}
	for _, p := range parts {
		if !isIdentifier(p) {
			return ""
		}
	}
	return strings.Join(parts, ".")
}

// within reports whether dir is root or below it.
func within(dir, root string) bool {
	return dir == root || strings.HasPrefix(dir, root+string(filepath.Separator))
}

// commonDir is the deepest directory holding every path.
func commonDir(paths []string) string {
	var common string
	for i, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return ""
		}
		dir := filepath.Dir(abs)
		if i == 0 {
			common = dir
			continue
		}
		for !within(dir, common) {
			parent := filepath.Dir(common)
			if parent == common {
				return common
			}
			common = parent
		}
	}
	return common
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// namespaceAliases gives a source its name from the import root when that
// differs from its classic name; a module outside any regular package then
// takes its relative imports from that name.
func (r *rootFinder) namespaceAliases(s *source, hasInit func(string) bool) {
	abs, err := filepath.Abs(s.path)
	if err != nil {
		return
	}
	ns := r.namespaceName(abs, hasInit)
	if ns == "" || ns == s.name {
		return
	}
	s.aliases = append(s.aliases, ns)
	if !hasInit(filepath.Dir(abs)) {
		s.pkg = packageOf(ns, s.isInit)
		s.imports = scanImports(s.src, s.pkg, s.isInit)
	}
}
