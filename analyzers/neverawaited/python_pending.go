package neverawaited

// Placeholders so the package builds on the gofront branch before the
// Python side (doc.go, python.go) is merged from main. Delete this file
// when merging.

import "github.com/asynclint/asynclint/asyncir"

const doc = "# Analyzer neverawaited\n\nreport awaitables created but never run or collected\n"

var pythonRules []*asyncir.Rule

func runPython(*asyncir.Pass) error { return nil }
