package driver

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/asynclint/asynclint/internal/config"
)

// skipDirs are never descended into.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "__pycache__": true,
	".venv": true, "venv": true, ".tox": true, ".nox": true, ".mypy_cache": true,
	".ruff_cache": true, ".pytest_cache": true, "site-packages": true, ".eggs": true,
}

// Inputs are the files a run checks.
type Inputs struct {
	Python []string
	// GoDirs are directories holding a go.mod, checked as Go modules.
	GoDirs []string
}

// collect walks paths. A file named explicitly is always checked; files
// found by walking skip virtualenvs (any directory with a pyvenv.cfg), VCS
// and tool caches, node_modules and the configured exclude patterns.
func collect(paths []string, cfg *config.Config) (Inputs, []string, error) {
	var in Inputs
	var warnings []string
	seen := map[string]bool{}
	addPy := func(p string) {
		if !seen[p] {
			seen[p] = true
			in.Python = append(in.Python, p)
		}
	}
	for _, root := range paths {
		fi, err := os.Stat(root)
		if err != nil {
			warnings = append(warnings, root+": "+unwrap(err).Error())
			continue
		}
		if !fi.IsDir() {
			if filepath.Ext(root) == ".py" || filepath.Ext(root) == ".pyi" {
				addPy(root)
			} else if filepath.Ext(root) == ".go" {
				in.GoDirs = append(in.GoDirs, filepath.Dir(root))
			} else {
				warnings = append(warnings, root+": not a Python or Go file, skipped")
			}
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				warnings = append(warnings, p+": "+unwrap(err).Error())
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && (skipDirs[d.Name()] || isVirtualenv(p) || cfg.Excluded(p)) {
					return fs.SkipDir
				}
				if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
					in.GoDirs = append(in.GoDirs, p)
				}
				return nil
			}
			if filepath.Ext(p) == ".py" && !cfg.Excluded(p) {
				addPy(p)
			}
			return nil
		})
		if err != nil {
			return in, warnings, err
		}
	}
	sort.Strings(in.Python)
	return in, warnings, nil
}

func isVirtualenv(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "pyvenv.cfg"))
	return err == nil
}

func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
