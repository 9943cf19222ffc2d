// Package looppassing reports event loops and contexts passed the wrong
// way, or lost on the way.
package looppassing

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the looppassing family.
var Analyzer = &asyncir.Analyzer{
	Name:      "looppassing",
	Doc:       doc,
	URL:       "https://asynclint.dev/rules/looppassing",
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
