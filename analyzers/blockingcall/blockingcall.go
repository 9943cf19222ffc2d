// Package blockingcall reports calls that block where blocking is a bug:
// the thread an event loop runs on (directly in a coroutine, through
// synchronous helpers, in code the loop runs as a callback, and waits on
// thread-side futures), and Go calls a context the function has cannot
// interrupt.
package blockingcall

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the blockingcall family.
var Analyzer = asyncir.NewFamily("blockingcall", doc+goDoc,
	asyncir.Half{Lang: asyncir.Python, Rules: pythonRules, Run: runPython},
	asyncir.Half{Lang: asyncir.Go, Rules: goRules, Run: runGo},
)
