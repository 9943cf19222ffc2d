package pyfront

import (
	"bytes"
	"sync"
)

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

// hasCodeMarker is hasAsyncMarker over src with its prose blanked.
func hasCodeMarker(src []byte) bool {
	if !hasAsyncMarker(src) {
		return false
	}
	lines, ok := logicalLines(src)
	if !ok {
		return true
	}
	code := blankProse(src, lines)
	defer code.free()
	return hasAsyncMarker(code.text)
}

// proseBlanked is a file's text with its prose blanked, in a buffer
// reused by the next file (most files with a marker are read at once,
// and a fresh copy of each cost more than the scan).
type proseBlanked struct{ text []byte }

var proseBuffers sync.Pool

func (p proseBlanked) free() { proseBuffers.Put(&p.text) }

// blankProse returns a copy of src, whose logical lines are lines, with
// its comments (but suppressions) and string statements made spaces, line
// breaks kept.
func blankProse(src []byte, lines []pyLine) proseBlanked {
	var out []byte
	if b, ok := proseBuffers.Get().(*[]byte); ok {
		out = *b
	}
	out = append(out[:0], src...)
	blank := func(from, to int) {
		for k := from; k < to; k++ {
			if out[k] != '\n' && out[k] != '\r' {
				out[k] = ' '
			}
		}
	}
	for _, c := range commentsIn(src, 0, len(src)) {
		if !bytes.Contains(src[c[0]:c[1]], []byte("asynclint")) {
			blank(c[0], c[1])
		}
	}
	for _, l := range lines {
		if from := l.start + l.indent; isStringStatement(src[from:l.end]) {
			blank(from, l.end)
		}
	}
	return proseBlanked{text: out}
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
