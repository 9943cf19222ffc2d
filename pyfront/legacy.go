package pyfront

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/asynclint/asynclint/asyncir"
)

// leadingZeros is a decimal integer with leading zeros (Python 2's octal
// 0777) or Python 2's long suffix (10L).
var leadingZeros = regexp.MustCompile(`^(0+[0-9_]*[1-9][0-9_]*|[0-9_]+)[lL]?$`)

// legacySyntax lists what tree-sitter's grammar accepts but Python 3
// rejects: Python 2's print and exec statements, backquotes, "<>",
// "except E, e:", "raise E, msg", 0777 and 10L literals, ur"" strings,
// and await or async used as a name.
func legacySyntax(lw *lowerer) []asyncir.Range {
	t := lw.t
	var out []asyncir.Range
	for i := range t.nodes {
		n := int32(i)
		nd := &t.nodes[n]
		bad := false
		switch nd.kind {
		case kPrintStatement, kExecStatement:
			bad = true
		case kIdentifier:
			s := t.src[nd.start:nd.end] // no string: this runs on every name
			bad = string(s) == "await" || string(s) == "async"
		case kInteger:
			s := t.src[nd.start:nd.end]
			if len(s) > 1 && (s[0] == '0' || s[len(s)-1] == 'l' || s[len(s)-1] == 'L') {
				bad = leadingZeros.Match(s) && (s[0] == '0' && strings.Trim(string(s), "0_lL") != "" || s[len(s)-1]|0x20 == 'l')
			}
		case kString:
			s := t.src[nd.start:min(nd.end, nd.start+4)]
			q := bytes.IndexAny(s, "'\"`")
			bad = q >= 0 && (s[q] == '`' || q > 1 && bytes.ContainsAny(s[:q], "uU"))
		case kComparison:
			bad = hasToken(t, n, "<>")
		case kExcept:
			bad = hasToken(t, n, ",")
		case kRaise:
			for c := nd.first; c >= 0; c = t.nodes[c].next {
				bad = bad || t.kind(c) == kExpressionList
			}
		}
		if bad {
			out = append(out, lw.rng(n))
		}
	}
	return out
}

// hasToken reports whether n has an anonymous child token with text tok.
func hasToken(t *tree, n int32, tok string) bool {
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		if !t.nodes[c].named && t.text(c) == tok {
			return true
		}
	}
	return false
}

// mayHoldLegacySyntax reports whether the spans of src may hold what
// legacySyntax finds: a scan of their text for its tokens, strings and
// comments skipped (an f-string's replacement fields are scanned as
// code). A false answer is certain; a true one only means the spans'
// tree must be walked. Valid Python 3 rarely answers true: "print" or
// "exec" not followed by "(", the names async and await, a number with a
// leading zero or an l suffix, a string prefix of two letters with u, a
// backquote, "<>", or a comma outside brackets in an except or raise
// clause.
func mayHoldLegacySyntax(src []byte, spans [][2]int) bool {
	for _, sp := range spans {
		if legacyTokenIn(src, sp[0], sp[1]) {
			return true
		}
	}
	return false
}

// legacyTokenIn is mayHoldLegacySyntax for src[from:to], which starts
// outside any string or bracket.
func legacyTokenIn(src []byte, from, to int) bool {
	depth := 0
	clause := ""     // "except" or "raise" while in one of their clauses
	clauseDepth := 0 // the bracket depth the clause started at
	for k := from; k < to; {
		c := src[k]
		switch {
		case c == '#':
			for k < to && src[k] != '\n' {
				k++
			}
		case c == '\\':
			k += 2 // a line continuation, or a stray escape
		case c == '\n' || c == ';':
			if depth == 0 {
				clause = ""
			}
			k++
		case c == '`':
			return true
		case c == '<' && k+1 < to && src[k+1] == '>':
			return true
		case c == '(' || c == '[' || c == '{':
			depth++
			k++
		case c == ')' || c == ']' || c == '}':
			depth--
			k++
		case c == ',':
			if clause != "" && depth == clauseDepth {
				return true
			}
			k++
		case c == ':':
			if clause == "except" && depth == clauseDepth {
				clause = ""
			}
			k++
		case c == '\'' || c == '"':
			prefix := k
			for prefix > from && isIdentByte(src[prefix-1]) {
				prefix--
			}
			p := src[prefix:k]
			if len(p) >= 2 && bytes.ContainsAny(p, "uU") {
				return true
			}
			end, ok := skipString(src, k)
			if !ok || end > to {
				return true
			}
			if bytes.ContainsAny(p, "fF") {
				q := 1
				if src[k+1] == c && k+2 < end && src[k+2] == c {
					q = 3
				}
				if fieldsHoldLegacy(src, k+q, end-q) {
					return true
				}
			}
			k = end
		case c >= '0' && c <= '9':
			e := k
			for e < to && isIdentByte(src[e]) {
				e++
			}
			num := src[k:e]
			fraction := k > from && src[k-1] == '.'
			octal := len(num) > 1 && num[0] == '0' && (num[1] >= '0' && num[1] <= '9' || num[1] == '_') && bytes.ContainsAny(num, "123456789")
			if !fraction && (octal || num[len(num)-1]|0x20 == 'l') {
				return true
			}
			k = e
		case isIdentByte(c):
			e := k
			for e < to && isIdentByte(src[e]) {
				e++
			}
			switch w := string(src[k:e]); w {
			case "async", "await":
				return true
			case "print", "exec":
				n := e
				for n < to && (src[n] == ' ' || src[n] == '\t') {
					n++
				}
				if n == to || src[n] != '(' {
					return true
				}
			case "except", "raise":
				clause, clauseDepth = w, depth
			}
			k = e
		default:
			k++
		}
	}
	return false
}

// fieldsHoldLegacy is legacyTokenIn over the replacement fields in the
// literal text src[from:to] of an f-string: each "{" not doubled, up to
// its matching "}", nested strings skipped. A field's expression ends at
// its first ":" outside brackets; its format spec is literal text with
// fields of its own.
func fieldsHoldLegacy(src []byte, from, to int) bool {
	for k := from; k < to; k++ {
		if src[k] != '{' {
			continue
		}
		if k+1 < to && src[k+1] == '{' {
			k++
			continue
		}
		depth, e, colon := 0, k, -1
		for e < to {
			c := src[e]
			if c == '\'' || c == '"' {
				n, ok := skipString(src, e)
				if !ok || n > to {
					return true
				}
				e = n
				continue
			}
			switch c {
			case '{', '(', '[':
				depth++
			case '}', ')', ']':
				depth--
			case ':':
				if depth == 1 && colon < 0 {
					colon = e
				}
			}
			e++
			if depth == 0 {
				break
			}
		}
		if depth != 0 {
			return true
		}
		code := e - 1
		if colon >= 0 {
			code = colon
			if fieldsHoldLegacy(src, colon+1, e-1) {
				return true
			}
		}
		if legacyTokenIn(src, k+1, code) {
			return true
		}
		k = e - 1
	}
	return false
}
