// Package looppassing reports event loops and contexts passed the wrong
// way, or lost on the way.
package looppassing

import "github.com/asynclint/asynclint/asyncir"

// Analyzer is the looppassing family.
var Analyzer = asyncir.NewFamily("looppassing", doc+goDoc,
	asyncir.Half{Lang: asyncir.Python, Rules: pythonRules, Run: runPython},
	asyncir.Half{Lang: asyncir.Go, Rules: goRules, Run: runGo},
)
