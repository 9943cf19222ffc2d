package verify

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// caseSet is what discover found: Python cases, and Go case packages.
type caseSet struct {
	python []pyCase
	golang []goCase
}

// pyCase is one Python case: entry files the harness runs, and every file
// whose expectations their events are matched against. A single-file case
// is its own entry. A file in a package directory (one with __init__.py)
// is a module: the entries of the nearest directory above it that is not a
// package run it, and form one case with all their modules.
type pyCase struct {
	entries, files []string
}

// discover walks the paths for Python case files (*.py) and Go case
// packages (directories of .go files below a "src" directory, analysistest
// layout; see goPackages).
func discover(paths []string) (caseSet, error) {
	var cs caseSet
	var pyFiles []string
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return cs, err
		}
		if !info.IsDir() {
			if strings.HasSuffix(root, ".py") {
				pyFiles = append(pyFiles, root)
				continue
			}
			return cs, fmt.Errorf("%s: not a directory or a .py case", root)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() && p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "__pycache__") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(name, ".py") {
				pyFiles = append(pyFiles, p)
			}
			return nil
		})
		if err != nil {
			return cs, err
		}
		gcs, err := goPackages(root)
		if err != nil {
			return cs, err
		}
		cs.golang = append(cs.golang, gcs...)
	}
	cs.python = groupPython(pyFiles)
	return cs, nil
}

// groupPython turns case files into cases (see pyCase).
func groupPython(files []string) []pyCase {
	isPkg := func(dir string) bool {
		_, err := os.Stat(filepath.Join(dir, "__init__.py"))
		return err == nil
	}
	owner := func(p string) string {
		d := filepath.Dir(p)
		for isPkg(d) && filepath.Dir(d) != d {
			d = filepath.Dir(d)
		}
		return d
	}
	byOwner := map[string]*pyCase{}
	var out []pyCase
	var order []string
	for _, p := range files {
		if isPkg(filepath.Dir(p)) {
			continue
		}
		out = append(out, pyCase{entries: []string{p}, files: []string{p}})
	}
	for _, p := range files {
		if !isPkg(filepath.Dir(p)) {
			continue
		}
		o := owner(p)
		if byOwner[o] == nil {
			byOwner[o] = &pyCase{}
			order = append(order, o)
		}
		byOwner[o].files = append(byOwner[o].files, p)
	}
	// A directory with modules makes its entries one case.
	var singles []pyCase
	for _, c := range out {
		if g := byOwner[filepath.Dir(c.entries[0])]; g != nil {
			g.entries = append(g.entries, c.entries[0])
			g.files = append(g.files, c.entries[0])
			continue
		}
		singles = append(singles, c)
	}
	for _, o := range order {
		singles = append(singles, *byOwner[o])
	}
	return singles
}
