package lsp

import (
	"slices"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/pyfront"
)

// index is the workspace's import graph, so that a change to one module
// re-checks the modules that import it, and a check of a module includes
// what it imports.
type index struct {
	pathOf  map[string]string   // module name → path
	nameOf  map[string]string   // path → module name
	imports map[string][]string // path → imported module names
}

func newIndex() *index {
	return &index{pathOf: map[string]string{}, nameOf: map[string]string{}, imports: map[string][]string{}}
}

// update records the modules of an analysed program. Only lowered modules
// carry their imports; others keep what was known.
func (ix *index) update(prog *asyncir.Program) {
	for _, m := range prog.Modules {
		if m.Lang != asyncir.Python {
			continue
		}
		if m.Name != "" {
			if old, ok := ix.nameOf[m.Path]; ok && old != m.Name {
				delete(ix.pathOf, old)
			}
			ix.pathOf[m.Name] = m.Path
			ix.nameOf[m.Path] = m.Name
		}
		if !m.Lowered {
			continue
		}
		var imps []string
		for _, imp := range m.Imports {
			imps = append(imps, imp.Module)
			if imp.Name != "" {
				imps = append(imps, imp.Module+"."+imp.Name) // "from pkg import sub"
			}
		}
		ix.imports[m.Path] = imps
	}
}

// importsOf lists the workspace files path imports, directly.
func (ix *index) importsOf(path string) []string {
	var out []string
	for _, name := range ix.imports[path] {
		if p, ok := ix.pathOf[name]; ok && p != path {
			out = append(out, p)
		}
	}
	return out
}

// dependents lists, transitively, the files that import path (re-exports
// carry a change further than one hop), sorted.
func (ix *index) dependents(path string) []string {
	rev := map[string][]string{}
	for p := range ix.imports {
		for _, q := range ix.importsOf(p) {
			rev[q] = append(rev[q], p)
		}
	}
	seen := map[string]bool{path: true}
	work := []string{path}
	var out []string
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		for _, q := range rev[p] {
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
				work = append(work, q)
			}
		}
	}
	slices.Sort(out)
	return out
}

// closure is paths plus everything they import, transitively, sorted.
func (ix *index) closure(paths []string) []string {
	seen := map[string]bool{}
	work := slices.Clone(paths)
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[p] {
			continue
		}
		seen[p] = true
		work = append(work, ix.importsOf(p)...)
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// forget drops a file that no longer exists.
func (ix *index) forget(path string) {
	if name, ok := ix.nameOf[path]; ok && ix.pathOf[name] == path {
		delete(ix.pathOf, name)
	}
	delete(ix.nameOf, path)
	delete(ix.imports, path)
}

// learn records what a text scan found, for files no analysis has
// described yet (an analysis's imports are exact; the scan's are a
// superset).
func (ix *index) learn(scanned []pyfront.Imports) {
	for _, im := range scanned {
		if _, known := ix.imports[im.Path]; known {
			continue
		}
		if im.Name != "" {
			if _, taken := ix.pathOf[im.Name]; !taken {
				ix.pathOf[im.Name] = im.Path
			}
			ix.nameOf[im.Path] = im.Name
		}
		ix.imports[im.Path] = im.Modules
	}
}
