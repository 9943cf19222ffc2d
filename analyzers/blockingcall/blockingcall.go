// Package blockingcall reports calls that block the thread an event loop
// runs on: directly in a coroutine, through synchronous helpers, in code
// the loop runs as a callback, and waits on thread-side futures.
package blockingcall

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the blockingcall family.
var Analyzer = &asyncir.Analyzer{
	Name:      "blockingcall",
	Doc:       doc,
	URL:       "https://asynclint.dev/rules/blockingcall",
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
