package driver

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
	"github.com/asynclint/asynclint/gofront"
)

// checkGo runs the families with Go rules over each Go module found
// (gofront loads it with go/packages and applies //asynclint:ignore). A
// module that does not load or type-check is a warning, as an unreadable
// Python file is; the run goes on. File names are made relative to the
// working directory, as the Python side prints them.
func checkGo(dirs []string, acfg *asyncir.Config) ([]asyncir.Diagnostic, []string) {
	var diags []asyncir.Diagnostic
	var warnings []string
	cwd, _ := os.Getwd()
	rel := func(p string) string {
		if r, err := filepath.Rel(cwd, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
	for _, dir := range dirs {
		ds, err := gofront.Check(dir, []string{"./..."}, Analyzers(), acfg)
		if err != nil {
			warnings = append(warnings, dir+": "+err.Error())
		}
		for _, d := range ds {
			d.Range.File = rel(d.Range.File)
			for i := range d.Related {
				d.Related[i].Range.File = rel(d.Related[i].Range.File)
			}
			for i := range d.Fixes {
				for j := range d.Fixes[i].Edits {
					d.Fixes[i].Edits[j].Range.File = rel(d.Fixes[i].Edits[j].Range.File)
				}
			}
			diags = append(diags, d)
		}
	}
	return diags, warnings
}
