// Package neverawaited reports awaitables that are created but never run,
// and work that is started but never collected.
package neverawaited

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the neverawaited family.
var Analyzer = &asyncir.Analyzer{
	Name:      "neverawaited",
	Doc:       doc + goDoc,
	URL:       "https://asynclint.dev/rules/neverawaited",
	Rules:     asyncir.AttachDocs(doc+goDoc, append(pythonRules, goRules...)),
	Languages: []asyncir.Language{asyncir.Python, asyncir.Go},
	Run: func(pass *asyncir.Pass) error {
		switch pass.Module.Lang {
		case asyncir.Python:
			return runPython(pass)
		case asyncir.Go:
			return runGo(pass)
		}
		return nil
	},
}
