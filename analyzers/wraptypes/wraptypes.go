// Package wraptypes reports futures of two incompatible kinds mixed
// together, and waits on the wrong identity.
package wraptypes

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the wraptypes family.
var Analyzer = &asyncir.Analyzer{
	Name:      "wraptypes",
	Doc:       doc,
	URL:       "https://asynclint.dev/rules/wraptypes",
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
