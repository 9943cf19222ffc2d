package pyfront

// Imports is what a text scan, without parsing, learns of one file: its
// module name and the modules it may import (over-approximated, as the
// fast path's prescan is).
type Imports struct {
	Path, Name string
	Modules    []string
}

// ScanImports scans the files in parallel; each file's text is dropped as
// soon as it is scanned, so memory holds at most one text per worker plus
// the names. Unreadable, binary and non-UTF-8 files are left out.
func ScanImports(paths []string) []Imports {
	out := make([]Imports, len(paths))
	ok := make([]bool, len(paths))
	inits := &dirCache{m: map[string]bool{}}
	parallel(len(paths), 0, func(i int) {
		s, warn := readSource(File{Path: paths[i]}, inits.has)
		if warn != "" {
			return
		}
		out[i], ok[i] = Imports{Path: s.path, Name: s.name, Modules: s.imports}, true
	})
	kept := out[:0]
	for i, im := range out {
		if ok[i] {
			kept = append(kept, im)
		}
	}
	return kept
}
