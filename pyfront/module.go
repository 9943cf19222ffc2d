package pyfront

import (
	"bytes"
	"slices"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// lowerModule lowers a whole file into mi.
func lowerModule(t *tree, mi *moduleInfo, path string) {
	lw := &lowerer{t: t, mi: mi, path: path}
	b, fi := lw.newFunc("<module>", mi.name, asyncir.Sync, nil, 0)
	fi.isModule = true
	mi.mod.Body = b.f
	switch {
	case mi.library:
		lowerLazily(b, mi)
		return
	case mi.onDemand, mi.split != nil:
		lowerLazily(b, mi) // finishLazy closes the body
	default:
		b.lowerBlock(0)
		b.finish()
	}
	mod := mi.mod
	markAsync(mod)
	mod.SyntaxErrors = syntaxErrors(lw)
	mod.Suppressions = suppressions(lw)
	var insert importInsert
	if mi.lazy != nil && mi.lazy.parts != nil {
		// What is not parsed yet keeps its comments' suppressions and
		// ends the run of leading statements an import goes after.
		parts := mi.lazy.parts
		mod.Suppressions = append(mod.Suppressions, parts.waitingSuppressions(path)...)
		slices.SortStableFunc(mod.Suppressions, func(a, b asyncir.Suppression) int { return int(a.Range.Start.Offset - b.Range.Start.Offset) })
		insert.limit = parts.firstWaiting() + 1
	}
	insert.scan(t)
	mod.ImportInsert = insert.pos()
	var starts []int
	if mi.lazy != nil && mi.lazy.parts != nil && sameText(mi.lazy.parts.src, t.src) {
		starts = mi.lazy.parts.lineStarts // the split scanned the rows already
	}
	mod.LineStarts, mod.Indents = lineTable(t.src, starts)
	if mi.lazy != nil && mi.lazy.parts != nil {
		// What a split module lowers later is parsed anew (defineParts):
		// its first tree is not needed any more.
		lw.t = &tree{src: t.src}
	}
}

// markAsync sets HasAsync when the module defines an async function.
func markAsync(mod *asyncir.Module) {
	for _, f := range mod.Funcs {
		if f.Kind != asyncir.Sync && f.Kind != asyncir.Generator {
			mod.HasAsync = true
		}
	}
}

// syntaxErrors lists ERROR and MISSING nodes (outermost only) and what
// the grammar accepts but Python 3 rejects, by position. A file past
// CPython's nesting limits gets that place first: tree-sitter's errors
// there are not where the problem is.
func syntaxErrors(lw *lowerer) []asyncir.Range {
	var out []asyncir.Range
	t := lw.t
	var walk func(n int32)
	walk = func(n int32) {
		nd := &t.nodes[n]
		if nd.symbolIsErr || nd.missing {
			out = append(out, lw.rng(n))
			return
		}
		for c := nd.first; c >= 0; c = t.nodes[c].next {
			walk(c)
		}
	}
	if len(t.nodes) > 0 {
		walk(0)
	}
	return sortSyntaxErrors(append(out, legacySyntax(lw)...), lw.path, t.src)
}

// sortSyntaxErrors orders a module's syntax errors by position, after
// the nesting error of src if it has one.
func sortSyntaxErrors(out []asyncir.Range, path string, src []byte) []asyncir.Range {
	slices.SortStableFunc(out, func(a, b asyncir.Range) int { return int(a.Start.Offset - b.Start.Offset) })
	if p, ok := nestingError(src); ok {
		out = append([]asyncir.Range{{File: path, Start: p, End: p}}, out...)
	}
	return out
}

// importInsertPos is the start of the line after the module docstring,
// __future__ imports and the leading comment block: where a fix adds
// "import asyncio".
func importInsertPos(t *tree) asyncir.Pos {
	var in importInsert
	in.scan(t)
	return in.pos()
}

// importInsert finds importInsertPos over the module's top-level
// statements, which may come in several trees (segments.go).
type importInsert struct {
	found, done bool
	at          asyncir.Pos
	// limit, when not 0, is one past the offset where a definition not
	// parsed yet lies (filesplit.go): no statement from there on is
	// looked at.
	limit int
}

// scan reads the top-level statements of t that follow those already
// scanned.
func (in *importInsert) scan(t *tree) {
	if in.done || len(t.nodes) == 0 {
		return
	}
	for c := t.nodes[0].first; c >= 0; c = t.nodes[c].next {
		if in.limit > 0 && int(t.nodes[c].start) >= in.limit-1 {
			in.done = true
			return
		}
		k := t.kind(c)
		if k == kComment && !in.found && t.nodes[c].row == 0 ||
			k == kFutureImport || (k == kExpressionStatement && !in.found && isDocstring(t, c)) || (k == kImportFrom && t.text(t.field(c, fModuleName)) == "__future__") {
			in.after(t, c)
			continue
		}
		in.done = true
		return
	}
}

// after moves the insertion point past the end of node c's line.
func (in *importInsert) after(t *tree, c int32) {
	in.found = true
	end := t.nodes[c].end
	for int(end) < len(t.src) && t.src[end] != '\n' {
		end++
	}
	if int(end) < len(t.src) {
		end++
	}
	in.at = asyncir.Pos{Line: int32(t.nodes[c].erow) + 2, Col: 1, Offset: int32(end)}
}

func (in *importInsert) pos() asyncir.Pos {
	if !in.found {
		return asyncir.Pos{Line: 1, Col: 1, Offset: 0}
	}
	return in.at
}

func isDocstring(t *tree, stmt int32) bool {
	cs := t.namedChildren(stmt)
	return len(cs) == 1 && t.kind(cs[0]) == kString
}

// lineTable is a module's row starts and indents (Module.LineStarts and
// Indents), from src's rowStarts when given.
func lineTable(src []byte, starts []int) ([]int, []string) {
	if starts == nil {
		starts = rowStarts(src)
	}
	if n := len(starts); n > 1 && starts[n-1] == len(src) {
		starts = starts[: n-1 : n-1] // no row after a final newline
	}
	indents := make([]string, len(starts))
	for i, s := range starts {
		j := s
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		indents[i] = indentString(src[s:j])
	}
	return starts, indents
}

// spaces and tabs share their bytes with the indents made of one of them:
// a string per line was most of the table.
var (
	spaces = strings.Repeat(" ", 128)
	tabs   = strings.Repeat("\t", 32)
)

// indentString is ws as a string, allocated only when it mixes spaces and
// tabs or is deeper than spaces and tabs.
func indentString(ws []byte) string {
	switch {
	case len(ws) <= len(spaces) && bytes.Count(ws, []byte{' '}) == len(ws):
		return spaces[:len(ws)]
	case len(ws) <= len(tabs) && bytes.Count(ws, []byte{'\t'}) == len(ws):
		return tabs[:len(ws)]
	}
	return string(ws)
}

// sameText reports whether a and b are the same bytes in memory.
func sameText(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
