// Package wraptypes reports futures of two incompatible kinds mixed
// together, and waits on the wrong identity.
package wraptypes

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the wraptypes family.
var Analyzer = &asyncir.Analyzer{
	Name:      "wraptypes",
	Doc:       doc + goDoc,
	URL:       "https://asynclint.dev/rules/wraptypes",
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
