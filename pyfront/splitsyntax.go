package pyfront

// The syntax errors of a module parsed in parts (filesplit.go) are the
// whole file's: AL001 reports a file that does not parse, wherever the
// problem is. A part with an ERROR or MISSING node, or with syntax
// tree-sitter accepts and Python 3 does not (legacy.go), is found by
// parsing what was never parsed once the module is finished — without
// lowering it, and only when the recogniser of pyrecog.go is unsure of
// it — and the parts parsed on demand are looked at as they are parsed.
// Only when one of them has a problem is the file parsed whole, so that
// the errors are those a whole parse finds (its error recovery
// depends on the text around).

// noteSyntax records whether a tree of some of the module's parts has a
// syntax problem.
func (fs *fileSplit) noteSyntax(t *tree, mi *moduleInfo, path string) {
	if !fs.suspect && (t.hasSyntaxError() || len(legacySyntax(&lowerer{t: t, mi: mi, path: path})) > 0) {
		fs.suspect = true
	}
}

// finishSyntax settles mi's syntax errors once no more parts are parsed
// for lowering.
func (fs *fileSplit) finishSyntax(mi *moduleInfo, path string) {
	// What was never parsed: whole segments, and the members left out
	// of classes, after their class's header. Each is a run of
	// top-level statements that parses alone as it parses among the
	// others; those the recogniser (pyrecog.go) calls valid Python 3
	// need no parse.
	var rest [][2]int
	for i, s := range fs.segs {
		if fs.suspect {
			break
		}
		if !s.parsed {
			if seg := [][2]int{{s.start, s.end}}; !recognisePython(fs.src, seg) {
				rest = append(rest, seg[0])
			}
		} else if left := fs.leftSpans(i, func(*memberPart) bool { return true }); left != nil && !recognisePython(fs.src, left) {
			rest = append(rest, left...)
		}
	}
	if len(rest) > 0 && !fs.suspect {
		// Most of what is left has nothing legacySyntax looks for: its
		// tree is not copied, only asked whether it holds an error.
		ranges := fs.rangesOf(rest)
		if !mayHoldLegacySyntax(fs.src, rest) {
			t := fs.pool.parse(fs.src, ranges, fs.timeout, errorsOnly, nil)
			fs.suspect = t == nil || t.broken
		} else if t := fs.parse(ranges); t == nil {
			fs.suspect = true
		} else {
			fs.noteSyntax(t, mi, path)
			t.recycle()
		}
	}
	if !fs.suspect {
		return
	}
	all := []int{}
	for i := range fs.segs {
		all = append(all, i)
	}
	// A whole parse that did not finish in time claims nothing: no
	// syntax error is known (the parts lowered were lowered fine).
	if t := fs.parse(fs.ranges(all)); t != nil {
		mi.mod.SyntaxErrors = syntaxErrors(&lowerer{t: t, mi: mi, path: path})
		t.recycle()
	}
}
