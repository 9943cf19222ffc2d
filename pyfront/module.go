package pyfront

import (
	"slices"

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
	for _, f := range mod.Funcs {
		if f.Kind != asyncir.Sync && f.Kind != asyncir.Generator {
			mod.HasAsync = true
		}
	}
	mod.SyntaxErrors = syntaxErrors(lw)
	mod.Suppressions = suppressions(lw)
	waitingAt := -1
	if mi.lazy != nil && mi.lazy.parts != nil {
		// What is not parsed yet keeps its comments' suppressions and
		// ends the run of leading statements an import goes after.
		parts := mi.lazy.parts
		mod.Suppressions = append(mod.Suppressions, parts.waitingSuppressions(path)...)
		slices.SortStableFunc(mod.Suppressions, func(a, b asyncir.Suppression) int { return a.Range.Start.Offset - b.Range.Start.Offset })
		waitingAt = parts.firstWaiting()
	}
	mod.ImportInsert = importInsertPos(t, waitingAt)
	mod.LineStarts, mod.Indents = lineTable(t.src)
	if mi.lazy != nil && mi.lazy.parts != nil {
		// What a split module lowers later is parsed anew (defineParts):
		// its first tree is not needed any more.
		lw.t = &tree{src: t.src}
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
	out = append(out, legacySyntax(lw)...)
	slices.SortStableFunc(out, func(a, b asyncir.Range) int { return a.Start.Offset - b.Start.Offset })
	if p, ok := nestingError(t.src); ok {
		out = append([]asyncir.Range{{File: lw.path, Start: p, End: p}}, out...)
	}
	return out
}

// importInsertPos is the start of the line after the module docstring,
// __future__ imports and the leading comment block: where a fix adds
// "import asyncio". A statement at or past stop (>= 0), where a
// definition not parsed yet lies, is not looked at.
func importInsertPos(t *tree, stop int) asyncir.Pos {
	if len(t.nodes) == 0 {
		return asyncir.Pos{Line: 1, Col: 1}
	}
	var after int32 = -1
	for c := t.nodes[0].first; c >= 0; c = t.nodes[c].next {
		if stop >= 0 && int(t.nodes[c].start) >= stop {
			break
		}
		k := t.kind(c)
		if k == kComment && after < 0 && t.nodes[c].row == 0 {
			after = c
			continue
		}
		if k == kFutureImport || (k == kExpressionStatement && after < 0 && isDocstring(t, c)) || (k == kImportFrom && t.text(t.field(c, fModuleName)) == "__future__") {
			after = c
			continue
		}
		break
	}
	if after < 0 {
		return asyncir.Pos{Line: 1, Col: 1, Offset: 0}
	}
	end := t.nodes[after].end
	for int(end) < len(t.src) && t.src[end] != '\n' {
		end++
	}
	if int(end) < len(t.src) {
		end++
	}
	return asyncir.Pos{Line: int(t.nodes[after].erow) + 2, Col: 1, Offset: int(end)}
}

func isDocstring(t *tree, stmt int32) bool {
	cs := t.namedChildren(stmt)
	return len(cs) == 1 && t.kind(cs[0]) == kString
}

func lineTable(src []byte) ([]int, []string) {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	indents := make([]string, len(starts))
	for i, s := range starts {
		j := s
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		indents[i] = string(src[s:j])
	}
	return starts, indents
}
