package driver

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/asynclint/asynclint/internal/config"
)

// skipDirs are never descended into.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "__pycache__": true,
	".venv": true, "venv": true, ".tox": true, ".nox": true, ".mypy_cache": true,
	".ruff_cache": true, ".asynclint_cache": true, ".pytest_cache": true, "site-packages": true, ".eggs": true,
}

// Inputs are the files a run checks.
type Inputs struct {
	Python []string
	// Go are the Go packages to check.
	Go goTargets
}

// collect walks paths. A file named explicitly is always checked; files
// found by walking skip virtualenvs (any directory with a pyvenv.cfg), VCS
// and tool caches, node_modules and the configured exclude patterns. A
// named path that does not exist or cannot be read is an error when
// strict (the command line: a typo in a CI path must not pass), a
// warning otherwise.
func collect(paths []string, cfg *config.Config, strict bool) (Inputs, []string, error) {
	var in Inputs
	var warnings []string
	seen := map[string]bool{}
	addPy := func(p string) {
		if !seen[p] {
			seen[p] = true
			in.Python = append(in.Python, p)
		}
	}
	for _, given := range paths {
		root := trimGoPattern(given)
		fi, err := os.Stat(root)
		if err == nil && !fi.IsDir() && strict {
			err = readable(root)
		}
		if err != nil {
			if strict {
				return in, warnings, fmt.Errorf("%s: %v", given, unwrap(err))
			}
			warnings = append(warnings, given+": "+unwrap(err).Error())
			continue
		}
		if !fi.IsDir() {
			if filepath.Ext(root) == ".py" || filepath.Ext(root) == ".pyi" {
				addPy(root)
			} else if filepath.Ext(root) == ".go" {
				in.Go.addPackage(filepath.Dir(root))
			} else {
				warnings = append(warnings, root+": not a Python or Go file, skipped")
			}
			continue
		}
		var nested []string // modules found below root by this walk
		looseGo := false    // a Go file outside them, in a directory a Go pattern matches
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil && p == root && strict {
				return fmt.Errorf("%s: %v", root, unwrap(err))
			}
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
					in.Go.addModule(p, p == root)
					nested = append(nested, p)
				}
				return nil
			}
			if filepath.Ext(p) == ".py" && !cfg.Excluded(p) {
				addPy(p)
			}
			if filepath.Ext(p) == ".go" && !looseGo && goPatternMatches(root, p) &&
				!slices.ContainsFunc(nested, func(m string) bool { return within(p, m) }) {
				looseGo = true
			}
			return nil
		})
		if err != nil {
			return in, warnings, err
		}
		// A directory inside a module (no go.mod of its own) is checked as
		// "go vet ./dir/..." would check it, from its module's root.
		if looseGo {
			if _, err := os.Stat(filepath.Join(moduleRoot(root), "go.mod")); err == nil {
				in.Go.addTree(root)
			} else {
				warnings = append(warnings, root+": Go files outside a Go module (no go.mod at or above them), not checked")
			}
		}
	}
	sort.Strings(in.Python)
	return in, warnings, nil
}

// readable reports why a file cannot be opened for reading, if it cannot.
func readable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return f.Close()
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

// PythonFiles lists the Python files a run over paths would check: those
// collect finds, within the size limit. The language server indexes them.
func PythonFiles(paths []string, cfg *config.Config) (files, warnings []string, err error) {
	in, warnings, err := collect(paths, cfg, false)
	if err != nil {
		return nil, warnings, err
	}
	files, large := dropLarge(in.Python, nil, cfg.MaxFileBytes())
	return files, append(warnings, large...), nil
}

// trimGoPattern turns a Go package pattern ("./...", "pkg/...") into the
// directory it walks: a Go user's habit, and what go vet is given.
func trimGoPattern(path string) string {
	if path == "..." {
		return "."
	}
	if rest, ok := strings.CutSuffix(path, "/..."); ok {
		if rest == "" {
			return "/"
		}
		return rest
	}
	return path
}

// goPatternMatches reports whether "ROOT/..." matches the package of the
// Go file p: the go command skips directories named testdata or starting
// with "." or "_" below the pattern's root.
func goPatternMatches(root, p string) bool {
	rel, err := filepath.Rel(root, filepath.Dir(p))
	if err != nil {
		return false
	}
	if rel == "." {
		return true
	}
	for _, elem := range strings.Split(filepath.ToSlash(rel), "/") {
		if elem == "testdata" || strings.HasPrefix(elem, ".") || strings.HasPrefix(elem, "_") {
			return false
		}
	}
	return true
}
