package driver

import (
	"path/filepath"
	"slices"
	"strings"
)

// withOverlayOnly adds the Python paths named explicitly that exist only
// in the overlay (an editor's new, unsaved buffer) and drops the
// "no such file" warnings collect gave for them.
func withOverlayOnly(in Inputs, warnings []string, paths []string, overlay map[string][]byte) (Inputs, []string) {
	for _, p := range paths {
		if _, ok := overlay[p]; !ok || slices.Contains(in.Python, p) {
			continue
		}
		if ext := filepath.Ext(p); ext != ".py" && ext != ".pyi" {
			continue
		}
		in.Python = append(in.Python, p)
		warnings = slices.DeleteFunc(warnings, func(w string) bool { return strings.HasPrefix(w, p+": ") })
	}
	return in, warnings
}
