// Package neverawaited reports awaitables that are created but never run,
// and work that is started but never collected.
package neverawaited

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the neverawaited family.
var Analyzer = asyncir.NewFamily("neverawaited", doc+goDoc,
	asyncir.Half{Lang: asyncir.Python, Rules: pythonRules, Run: runPython},
	asyncir.Half{Lang: asyncir.Go, Rules: goRules, Run: runGo},
)
