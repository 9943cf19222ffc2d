// Package lsp is asynclint's language server: documents opened in an
// editor are analysed as they change and their diagnostics published with
// quick fixes as code actions, marked with what the last `asynclint trace`
// saw of them (runtime.go). JSON-RPC framing comes from
// github.com/sourcegraph/jsonrpc2; the LSP types here are the small subset
// the server speaks. Positions are converted from byte columns to UTF-16
// only in this package.
package lsp
