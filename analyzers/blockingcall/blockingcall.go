// Package blockingcall reports calls that block where blocking is a bug:
// on an event loop, or where a cancellation context is ignored.
package blockingcall

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the blockingcall family.
var Analyzer = &asyncir.Analyzer{
	Name:      "blockingcall",
	Doc:       doc,
	URL:       "https://asynclint.dev/rules/blockingcall",
	Rules:     asyncir.AttachDocs(doc, goRules),
	Languages: []asyncir.Language{asyncir.Go},
	Run: func(pass *asyncir.Pass) error {
		switch pass.Module.Lang {
		case asyncir.Go:
			return runGo(pass)
		}
		return nil
	},
}
