// Package blockingcall reports calls that block where blocking is a bug:
// the thread an event loop runs on (directly in a coroutine, through
// synchronous helpers, in code the loop runs as a callback, and waits on
// thread-side futures), and Go calls a context the function has cannot
// interrupt.
package blockingcall

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the blockingcall family.
var Analyzer = &asyncir.Analyzer{
	Name:      "blockingcall",
	Doc:       doc + goDoc,
	URL:       "https://asynclint.dev/rules/blockingcall",
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
