// Package neverawaited reports awaitables that are created but never run,
// and work that is started but never collected.
package neverawaited

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the neverawaited family.
var Analyzer = &asyncir.Analyzer{
	Name:      "neverawaited",
	Doc:       doc,
	URL:       "https://asynclint.dev/rules/neverawaited",
	Rules:     asyncir.AttachDocs(doc, pythonRules),
	Languages: []asyncir.Language{asyncir.Python},
	Run: func(pass *asyncir.Pass) error {
		switch pass.Module.Lang {
		case asyncir.Python:
			return runPython(pass)
		}
		return nil
	},
}
