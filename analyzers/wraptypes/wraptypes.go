// Package wraptypes reports futures of two incompatible kinds mixed
// together, and waits on the wrong identity.
package wraptypes

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the wraptypes family.
var Analyzer = asyncir.NewFamily("wraptypes", doc+goDoc,
	asyncir.Half{Lang: asyncir.Python, Rules: pythonRules, Run: runPython},
	asyncir.Half{Lang: asyncir.Go, Rules: goRules, Run: runGo},
)
