package pyfront

import "bytes"

// The replacement fields of f-strings, for the recogniser's tokenizer
// (pyrecog_lex.go). An f-string is first read as any string, to its
// closing quote as Python 3.11 reads it; then each field's expression is
// recognised as a text of its own. What Python 3.11 and 3.12 read
// differently (a field holding the string's own quote, a backslash, a
// comment) is left to tree-sitter.

// fstring checks the replacement fields of the f-string whose text is
// src[from:to], when fmt; it returns the string's token.
func (lx *recogLexer) fstring(fmt, raw bool, q byte, from, to int) rtok {
	if !fmt {
		return rString
	}
	if lx.fnest >= 2 {
		return lx.give()
	}
	if !lx.fields(q, raw, from, to, 0) {
		return lx.give()
	}
	return rString
}

// fields checks the literal text src[from:to] of an f-string (or of a
// format spec, spec > 0): each "{" not doubled opens a field whose
// expression is recognised (pyrecog.go) as a text of its own; a "}" not
// doubled closes nothing.
func (lx *recogLexer) fields(q byte, raw bool, from, to, spec int) bool {
	src := lx.src
	for k := from; k < to; k++ {
		switch src[k] {
		case '\\':
			if raw && spec == 0 {
				continue // a backslash of its own: it escapes nothing
			}
			if spec > 0 || k+1 < to && (src[k+1] == 'N' || src[k+1] == '{' || src[k+1] == '}') {
				return false
			}
			k++
		case '}':
			if spec > 0 || k+1 >= to || src[k+1] != '}' {
				return false
			}
			k++
		case '\n':
			if spec > 0 {
				return false
			}
		case '{':
			if spec == 0 && k+1 < to && src[k+1] == '{' {
				k++
				continue
			}
			e, ok := lx.field(q, raw, k, to, spec)
			if !ok {
				return false
			}
			k = e
		}
	}
	return true
}

// field checks the replacement field opened at src[k] and returns the
// offset of its closing "}".
func (lx *recogLexer) field(q byte, raw bool, k, to, spec int) (int, bool) {
	f, ok := lx.fieldBounds(q, k, to, spec)
	if !ok {
		return 0, false
	}
	// The expression, as a text of its own joined as in brackets.
	sub := recogniser{recogLexer: recogLexer{src: lx.src, pos: f.expr, end: f.code, depth: 1, base: 1, fnest: lx.fnest + 1}}
	if !sub.fieldExpression() {
		return 0, false
	}
	if f.spec > 0 && !lx.fields(q, raw, f.spec, f.specEnd, spec+1) {
		return 0, false
	}
	return f.close, true
}

// fieldParts are the parts of a replacement field: its expression's
// text [expr, code), a "=" at code when eq, a conversion at conv (0:
// none), a format spec [spec, specEnd) after a ":" at spec-1 (spec 0:
// none), and the closing "}" at close.
type fieldParts struct {
	expr, code    int
	eq            bool
	conv          int
	spec, specEnd int
	close         int
}

// fieldBounds finds the parts of the replacement field opened at src[k].
func (lx *recogLexer) fieldBounds(q byte, k, to, spec int) (fieldParts, bool) {
	var f fieldParts
	src := lx.src
	depth := 0
	e := k + 1
	exprEnd := -1
scan:
	for ; e < to; e++ {
		switch c := src[e]; c {
		case q, '\\', '#':
			return f, false
		case '\'', '"':
			n, ok := skipString(src[:to], e)
			if !ok {
				return f, false
			}
			e = n - 1
		case '(', '[', '{':
			depth++
		case ')', ']':
			depth--
			if depth < 0 {
				return f, false
			}
		case '}':
			if depth == 0 {
				exprEnd = e
				break scan
			}
			depth--
		case '!':
			if depth == 0 && (e+1 >= to || src[e+1] != '=') {
				exprEnd = e
				break scan
			}
		case ':':
			if depth == 0 {
				exprEnd = e
				break scan
			}
		}
	}
	if exprEnd < 0 {
		return f, false
	}
	// A self-documenting field, "{x=}", is its expression and "=".
	code := exprEnd
	for code > k+1 && (src[code-1] == ' ' || src[code-1] == '\t') {
		code--
	}
	if code > k+2 && src[code-1] == '=' && bytes.IndexByte([]byte("=!<>"), src[code-2]) < 0 {
		code--
		f.eq = true
	}
	f.expr, f.code = k+1, code
	e = exprEnd
	if src[e] == '!' {
		if e+2 >= to || src[e+1] != 'r' && src[e+1] != 's' && src[e+1] != 'a' || src[e+2] != ':' && src[e+2] != '}' {
			return f, false
		}
		f.conv = e
		e += 2
	}
	if src[e] == ':' {
		if spec >= 1 || e+1 < to && src[e+1] == '=' {
			return f, false
		}
		// The format spec: literal text up to the field's "}", with
		// fields of its own.
		s := e + 1
		d := 0
		for e = s; e < to; e++ {
			if src[e] == '{' {
				d++
			} else if src[e] == '}' {
				if d == 0 {
					break
				}
				d--
			}
		}
		if e >= to {
			return f, false
		}
		f.spec, f.specEnd = s, e
	}
	if e >= to || src[e] != '}' {
		return f, false
	}
	f.close = e
	return f, true
}
