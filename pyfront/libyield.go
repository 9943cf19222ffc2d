package pyfront

import "bytes"

// bodyYields reports whether the function whose statement is st yields:
// a "yield" token in its own code, not in a string, a comment or a nested
// def or class (whose yield makes the nested one a generator). A
// coroutine whose docstring says "may yield control" stays a coroutine.
func (sp *libSplit) bodyYields(st pyStmt) bool {
	yields := false
	sp.ownLines(st, func(l pyLine) bool {
		yields = codeHasWord(sp.src[l.start:l.end], "yield")
		return !yields
	})
	return yields
}

// bodyReturnsSelf reports whether every return in the function whose
// statement is st, and at least one, is "return self": its placeholder
// keeps that (an async dunder may hand on to it: delegateself.go).
func (sp *libSplit) bodyReturnsSelf(st pyStmt) bool {
	header := sp.src[sp.lines[st.head].start:sp.lines[st.head].end]
	if !bytes.Contains(header, []byte("(self,")) && !bytes.Contains(header, []byte("(self)")) {
		return false
	}
	returns, other := 0, false
	sp.ownLines(st, func(l pyLine) bool {
		code := sp.src[l.start:l.end]
		switch {
		case string(bytes.TrimSpace(code)) == "return self":
			returns++
		case codeHasWord(code, "return"), codeHasWord(code, "yield"):
			other = true
		}
		return !other
	})
	return returns > 0 && !other
}

// ownLines calls each for the logical lines of the function whose
// statement is st that are its own code, not a nested def's or class's,
// until each returns false.
func (sp *libSplit) ownLines(st pyStmt, each func(pyLine) bool) {
	lines := sp.lines
	for i := st.head + 1; i < st.last; i++ {
		l := lines[i]
		if kw, _ := defHeader(sp.src, l); kw != "" || isDecoratorLine(sp.src, l) {
			// Skip the nested definition: its decorators, header and
			// every deeper line.
			for i+1 < st.last && (lines[i+1].indent > l.indent || isDecoratorLine(sp.src, l) && lines[i+1].indent == l.indent) {
				i++
				l = lines[i]
			}
			continue
		}
		if !each(l) {
			return
		}
	}
}

func isDecoratorLine(src []byte, l pyLine) bool {
	return l.start+l.indent < l.end && src[l.start+l.indent] == '@'
}

// codeHasWord reports whether word occurs as a whole word in the code of
// one logical line, outside its strings and comments.
func codeHasWord(line []byte, word string) bool {
	for k := 0; k < len(line); {
		c := line[k]
		switch {
		case c == '#':
			for k < len(line) && line[k] != '\n' {
				k++
			}
		case c == '\'' || c == '"':
			k, _ = skipString(line, k)
		case isIdentByte(c):
			j := k
			for j < len(line) && isIdentByte(line[j]) {
				j++
			}
			if string(line[k:j]) == word {
				return true
			}
			k = j
		default:
			k++
		}
	}
	return false
}
