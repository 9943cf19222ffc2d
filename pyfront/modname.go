package pyfront

import (
	"os"
	"path/filepath"
	"strings"
)

// moduleName derives a file's dotted module name: it climbs while the
// directory holds an __init__.py (a regular package), so "src/pkg/a.py"
// with "src/pkg/__init__.py" is "pkg.a" (the src/ layout works because src
// itself has no __init__.py). hasInit memoizes directory lookups.
func moduleName(path string, hasInit func(dir string) bool) (name string, isInit bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	dir, file := filepath.Split(abs)
	base := strings.TrimSuffix(file, ".py")
	base = strings.TrimSuffix(base, ".pyi")
	var parts []string
	if base == "__init__" {
		isInit = true
	} else {
		parts = append(parts, base)
	}
	dir = filepath.Clean(dir)
	for hasInit(dir) {
		parts = append(parts, filepath.Base(dir))
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "."), isInit
}

// packageOf is the package a module's relative imports start from.
func packageOf(name string, isInit bool) string {
	if isInit {
		return name
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return ""
}

func statInit(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "__init__.py"))
	return err == nil
}
