// Package asyncir is the language-neutral async IR shared by every frontend
// and analyzer of asynclint.
//
// A Program holds Modules; a Module holds Funcs and Classes; a Func holds a
// control-flow graph of Blocks whose Ops are the operations that matter for
// asynchrony (calls, awaits, spawns, stores, returns, with/for statements).
// Values carry their resolved Type and the Uses that consume them, and
// DefUse answers "is this value used again on every path?".
//
// Frontends (pyfront, gofront) build and link the IR; analyzers only read it.
package asyncir
