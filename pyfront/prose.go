package pyfront

import "bytes"

// Prose is where an async marker (prescan.go) says nothing: a comment
// ("# check if another thread filled the cache while we awaited the
// lock") and a string statement (a docstring: "Return a coroutine
// object ..."). The lowering reads neither: a string statement's value
// is unused and its text never looked at (an f-string's interpolations
// are code: f-strings are not prose), and the only comments read are
// suppressions, which name asynclint and keep their markers. A file or
// top-level definition whose only markers are prose is then taken for
// one without markers — what the fast path (parse.go) and the partial
// rule (partial.go) decide for it is what they decide for the same text
// without the prose. Strings that are not whole statements stay code:
// the lowering reads annotations, constants and name tables.

// hasCodeMarker is hasAsyncMarker over src with its prose left out. The
// logical lines are scanned only up to the first marker in code: in a
// module with async code, that is usually an import at the top.
func hasCodeMarker(src []byte) bool {
	if !hasAsyncMarker(src) {
		return false
	}
	if bytes.Contains(src, []byte("asynclint")) {
		return true // a suppression may stand on a line of its own
	}
	for i := 0; ; {
		l, found, ok := nextLogicalLine(src, i)
		if !ok {
			return true // what is prose is not known
		}
		if !found {
			return false
		}
		if lineHasCodeMarker(src, l) {
			return true
		}
		i = l.end
	}
}

// codeMarkerIn is hasCodeMarker for src[from:to], whose logical lines
// are lines (the comment-only lines around them are prose).
func codeMarkerIn(src []byte, from, to int, lines []pyLine) bool {
	text := src[from:to]
	if !hasAsyncMarker(text) {
		return false
	}
	if bytes.Contains(text, []byte("asynclint")) {
		return true
	}
	for _, l := range lines {
		if lineHasCodeMarker(src, l) {
			return true
		}
	}
	return false
}

// lineHasCodeMarker reports whether the logical line l of src holds an
// async marker outside its comments, l not being a string statement.
func lineHasCodeMarker(src []byte, l pyLine) bool {
	text := src[l.start:l.end]
	if !hasAsyncMarker(text) || isStringStatement(text[l.indent:]) {
		return false
	}
	comments := commentsIn(src, l.start, l.end)
	if len(comments) == 0 {
		return true
	}
	code := bytes.Clone(text)
	for _, c := range comments {
		for k := c[0]; k < c[1]; k++ {
			code[k-l.start] = ' '
		}
	}
	return hasAsyncMarker(code)
}

// isStringStatement reports whether the logical line text is one string
// literal, or several concatenated, and nothing else but a comment: no
// f-string (its interpolations are code), no operator, call or second
// statement after a ";".
func isStringStatement(text []byte) bool {
	k, strings := 0, 0
	for {
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\f') {
			k++
		}
		if k+1 < len(text) && text[k] == '\\' && (text[k+1] == '\n' || text[k+1] == '\r') {
			k += 2 // a continuation line
			for k < len(text) && text[k] == '\n' {
				k++
			}
			continue
		}
		if k == len(text) || text[k] == '#' || text[k] == '\n' || text[k] == '\r' {
			return strings > 0
		}
		p := k
		for p < len(text) && p-k < 2 && bytes.IndexByte([]byte("rRbBuU"), text[p]) >= 0 {
			p++
		}
		if p == len(text) || text[p] != '\'' && text[p] != '"' {
			return false
		}
		e, ok := skipString(text, p)
		if !ok {
			return false
		}
		k, strings = e, strings+1
	}
}
