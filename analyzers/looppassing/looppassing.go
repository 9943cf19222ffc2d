// Package looppassing reports event loops and contexts passed the wrong
// way, or lost on the way.
package looppassing

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the looppassing family.
var Analyzer = &asyncir.Analyzer{
	Name:      "looppassing",
	Doc:       doc + goDoc,
	URL:       "https://asynclint.dev/rules/looppassing",
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
