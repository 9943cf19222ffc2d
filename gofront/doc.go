// Package gofront lowers Go packages to asynclint's async IR and runs the
// IR analyzers as go/analysis analyzers.
//
// What it exposes:
//
//   - IR, an *analysis.Analyzer whose result (*Result) is the package
//     lowered to an asyncir.Module, built from go/ssa. It exports Facts
//     about functions (returns a result channel fed by a goroutine; runs
//     forever) so that callers in other packages see them.
//   - Adapt, which wraps an asyncir.Analyzer as an *analysis.Analyzer
//     (requiring IR), so analysistest, multichecker, unitchecker
//     (go vet -vettool) and gopls-style hosts run it unchanged. Its result
//     is the []asyncir.Diagnostic it reported.
//   - Check, which loads packages with go/packages and returns the
//     asyncir diagnostics of a set of analyzers, suppressions applied:
//     what the check driver calls for the Go part of a tree.
//
// Suppressions: a comment "//asynclint:ignore AL151 reason" (several codes
// separated by commas) on the reported line, or alone on the line above it.
package gofront
