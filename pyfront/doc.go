// Package pyfront lowers Python source to the async IR.
//
// Parse runs tree-sitter on both cores (one parser per worker), copies each
// tree into a compact Go-side array in one cursor pass and closes it, then
// lowers the copy to IR functions whose values carry symbolic references.
// A module over 256 KB is parsed and lowered in segments of whole
// top-level statements, each tree dropped once lowered (segments.go), and
// its module-level data tables are read by a byte scan instead of parsed
// (constlit.go): memory and time stay linear in the module's size.
// Link resolves those references across all modules given (imports,
// re-exports, classes and their bases, self/cls/super, decorators,
// annotations and constructor assignments) and computes the
// returns-awaitable summary to a fixed point. Files that contain no async
// construct and import nothing async are never parsed (the fast path).
// Within a file that is lowered, the same rule picks top-level
// definitions: a module with async markers and a helper module are parsed
// in parts, at their own offsets (filesplit.go, partial.go), and a
// definition nothing async names or reaches is never lowered, nor is a
// method of a lowered class that no code of the run names, with no async
// marker and no attribute store (members.go). Such a part is checked for
// syntax errors by a pure-Go recogniser of Python 3 (pyrecog.go), and
// parsed by tree-sitter only when the recogniser is unsure of it; only
// when a part turns out to hold a syntax error is the file parsed whole
// (splitsyntax.go).
package pyfront
