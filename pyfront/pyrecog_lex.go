package pyfront

import "unicode/utf8"

// The tokenizer of the syntax recogniser (pyrecog.go). It reads spans of
// a file as one text, as tree-sitter reads its included ranges, and
// produces Python's tokens — NEWLINE, INDENT and DEDENT included — with
// no allocation. It knows only the plain forms of Python 3's tokens:
// whatever else it meets (a tab or form feed in indentation, a lone
// "\r", a non-ASCII name, a string prefix that is not Python 3's, a
// Python 2 literal, "<>", a backquote, a span that does not start at a
// line) makes it give up: the token is rBad and the answer unsure.

// rtok is a token kind; the operators and keywords have one each.
type rtok uint8

const (
	rBad rtok = iota
	rEOF
	rNewline
	rIndent
	rDedent
	rName
	rNumber
	rString

	rLPar
	rRPar
	rLSqb
	rRSqb
	rLBrace
	rRBrace
	rColon
	rComma
	rSemi
	rDot
	rEllipsis
	rEqual     // =
	rAugAssign // += -= *= /= //= %= @= &= |= ^= <<= >>= **=
	rWalrus    // :=
	rArrow     // ->
	rAt        // @ (decorator or matrix product)
	rStar
	rDoubleStar
	rSlash
	rBinOp   // the binary-only operators // % | & ^ << >>
	rPlus    // + (also unary)
	rMinus   // - (also unary)
	rTilde   // ~
	rCompare // < > == >= <= !=

	// Python 3's keywords.
	rFalse
	rNone
	rTrue
	rAnd
	rAs
	rAssert
	rAsync
	rAwait
	rBreak
	rClass
	rContinue
	rDef
	rDel
	rElif
	rElse
	rExcept
	rFinally
	rFor
	rFrom
	rGlobal
	rIf
	rImport
	rIn
	rIs
	rLambda
	rNonlocal
	rNot
	rOr
	rPass
	rRaise
	rReturn
	rTry
	rWhile
	rWith
	rYield
)

// maxRecogIndent bounds the indentation levels followed; deeper code is
// left to tree-sitter.
const maxRecogIndent = 64

// recogLexer is the tokenizer's state.
type recogLexer struct {
	src   []byte
	spans [][2]int
	si    int // the next span to read
	pos   int
	end   int // the end of the span being read
	// depth counts the open brackets; base is the depth a field of an
	// f-string starts at (1: its text is joined as in brackets).
	depth, base int
	indents     [maxRecogIndent]int32
	nind        int // indents[:nind] are open; the module's 0 is implicit
	dedents     int // DEDENT tokens still to produce
	lineStart   bool
	// fnest counts the f-strings being read around this text.
	fnest int

	tok    rtok
	ts, te int // the token's bytes
	bad    bool
	// extras, when set, receives the comments and line continuations
	// skipped, in order: tree-sitter keeps them as nodes (gparse.go).
	extras *[]extra
}

// extra is a comment or line continuation between tokens.
type extra struct {
	start, end int32
	comment    bool
}

// fail gives up: every token from now on is rBad.
func (lx *recogLexer) fail() {
	lx.bad = true
	lx.tok = rBad
}

// next reads the next token into tok.
func (lx *recogLexer) next() {
	if lx.bad {
		lx.tok = rBad
		return
	}
	if lx.dedents > 0 {
		lx.dedents--
		lx.tok = rDedent
		return
	}
	src := lx.src
	for {
		if lx.pos >= lx.end {
			if lx.si < len(lx.spans) {
				// Another span: it must go on where a line ends.
				if !lx.lineStart || lx.depth > 0 {
					lx.fail()
					return
				}
				lx.pos, lx.end = lx.spans[lx.si][0], lx.spans[lx.si][1]
				lx.si++
				if lx.pos > 0 && src[lx.pos-1] != '\n' {
					lx.fail()
					return
				}
				continue
			}
			lx.ts, lx.te = lx.end, lx.end
			switch {
			case lx.depth != lx.base:
				lx.fail()
			case lx.base > 0:
				lx.tok = rEOF
			case !lx.lineStart:
				lx.lineStart = true
				lx.tok = rNewline
			case lx.nind > 0:
				lx.nind--
				lx.tok = rDedent
			default:
				lx.tok = rEOF
			}
			return
		}
		if lx.lineStart && lx.depth == 0 {
			if lx.indentation() {
				return
			}
			continue
		}
		c := src[lx.pos]
		switch {
		case c == ' ' || c == '\t':
			lx.pos++
			continue
		case c == '#':
			if !lx.skipComment() {
				lx.fail()
				return
			}
			continue
		case c == '\r' || c == '\n':
			if c == '\r' {
				if lx.pos+1 >= lx.end || src[lx.pos+1] != '\n' {
					lx.fail()
					return
				}
				lx.pos++
			}
			lx.pos++
			if lx.depth > 0 {
				if !lx.joinedLine() {
					lx.fail()
					return
				}
				continue
			}
			lx.ts, lx.te = lx.pos-1, lx.pos
			lx.lineStart = true
			lx.tok = rNewline
			return
		case c == '\\':
			if !lx.continuation() {
				lx.fail()
				return
			}
			continue
		}
		lx.ts = lx.pos
		lx.tok = lx.token(c)
		lx.te = lx.pos
		return
	}
}

// indentation reads the indentation of a line at depth 0: it skips a
// blank or comment-only line (false, nothing produced), or produces an
// INDENT or DEDENT when the line's indentation changes (true). A line
// whose indentation is unchanged produces nothing here either; its first
// token follows.
func (lx *recogLexer) indentation() bool {
	src := lx.src
	k := lx.pos
	for k < lx.end && src[k] == ' ' {
		k++
	}
	if k == lx.end {
		lx.pos = k
		return false
	}
	switch src[k] {
	case '\n':
		lx.pos = k + 1
		return false
	case '\r':
		if k+1 >= lx.end || src[k+1] != '\n' {
			lx.fail()
			return true
		}
		lx.pos = k + 2
		return false
	case '#':
		lx.pos = k
		if !lx.skipComment() {
			lx.fail()
			return true
		}
		return false
	case '\t', '\f', '\\':
		// Tabs mix with spaces by rules not followed here; a
		// continuation starting a line is a corner case.
		lx.fail()
		return true
	}
	col := int32(k - lx.pos)
	lx.pos = k
	lx.lineStart = false
	top := int32(0)
	if lx.nind > 0 {
		top = lx.indents[lx.nind-1]
	}
	lx.ts, lx.te = k, k
	switch {
	case col > top:
		if lx.nind == maxRecogIndent {
			lx.fail()
			return true
		}
		lx.indents[lx.nind] = col
		lx.nind++
		lx.tok = rIndent
		return true
	case col < top:
		n := 0
		for lx.nind > 0 && lx.indents[lx.nind-1] > col {
			lx.nind--
			n++
		}
		if lx.nind > 0 && lx.indents[lx.nind-1] != col || lx.nind == 0 && col != 0 {
			lx.fail() // a dedent to no enclosing level
			return true
		}
		lx.dedents = n - 1
		lx.tok = rDedent
		return true
	}
	return false
}

// joinedLine checks the line after a newline in brackets. Its
// indentation does not matter to Python, but tree-sitter's scanner ends
// the block at a line indented less than the block where a closing
// bracket cannot come next ("(bar.\n baz)"): such a line, unless it
// starts with a closing bracket, and any line break in an f-string's
// field, are left to tree-sitter.
func (lx *recogLexer) joinedLine() bool {
	if lx.fnest > 0 {
		return false
	}
	k := lx.pos
	for k < lx.end && lx.src[k] == ' ' {
		k++
	}
	if k == lx.end || lx.src[k] == '\n' || lx.src[k] == '\r' || lx.src[k] == '#' {
		return true // the next line with a token decides
	}
	switch lx.src[k] {
	case '\t', '\f':
		return false
	case ')', ']', '}':
		// Where the recogniser takes a closing bracket, the
		// scanner's valid symbols hold it: it does not end the block.
		return true
	}
	return lx.nind == 0 || int32(k-lx.pos) >= lx.indents[lx.nind-1]
}

// skipComment moves past the comment at pos, up to its newline; false
// when its text is not UTF-8 or holds a control character.
func (lx *recogLexer) skipComment() bool {
	src := lx.src
	k := lx.pos
	for k < lx.end && src[k] != '\n' {
		if src[k] >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(src[k:lx.end])
			if r == utf8.RuneError && n <= 1 {
				return false
			}
			k += n
			continue
		}
		if isControl(src[k]) {
			return false
		}
		k++
	}
	if lx.extras != nil {
		*lx.extras = append(*lx.extras, extra{int32(lx.pos), int32(k), true})
	}
	lx.pos = k
	return true
}

// isControl: a control character other than a tab, which tree-sitter
// may not take in a comment or string.
func isControl(c byte) bool {
	return c < ' ' && c != '\t' && c != '\n' && c != '\r' || c == 0x7f
}

// continuation moves past a backslash that joins its line to the next;
// false for any other backslash, or when the next line is blank (the
// line then ends in a way tree-sitter and Python may not agree on).
func (lx *recogLexer) continuation() bool {
	src := lx.src
	k := lx.pos + 1
	if k < lx.end && src[k] == '\r' {
		k++
	}
	if k >= lx.end || src[k] != '\n' {
		return false
	}
	k++
	if lx.extras != nil {
		*lx.extras = append(*lx.extras, extra{int32(lx.pos), int32(k), false})
	}
	lx.pos = k
	for k < lx.end && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	return k < lx.end && src[k] != '\n' && src[k] != '\r' && src[k] != '#' && src[k] != '\\'
}

// token reads the token starting with c at pos.
func (lx *recogLexer) token(c byte) rtok {
	src := lx.src
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_':
		e := lx.pos + 1
		for e < lx.end && isASCIIIdent(src[e]) {
			e++
		}
		if e < lx.end && src[e] >= utf8.RuneSelf {
			return lx.give()
		}
		if e < lx.end && (src[e] == '\'' || src[e] == '"') {
			raw, bytesLit, fmt, ok := stringPrefix(src[lx.pos:e])
			if !ok {
				return lx.give()
			}
			lx.pos = e
			return lx.str(raw, bytesLit, fmt)
		}
		w := src[lx.pos:e]
		lx.pos = e
		return keyword(w)
	case c >= '0' && c <= '9' || c == '.' && lx.pos+1 < lx.end && src[lx.pos+1] >= '0' && src[lx.pos+1] <= '9':
		e, ok := numberEnd(src[:lx.end], lx.pos)
		if !ok {
			return lx.give()
		}
		lx.pos = e
		return rNumber
	case c == '\'' || c == '"':
		return lx.str(false, false, false)
	}
	return lx.operator(c)
}

// give gives up on the token at pos.
func (lx *recogLexer) give() rtok {
	lx.bad = true
	return rBad
}

func isASCIIIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// keyword is the kind of the name w: a keyword's own, or rName.
func keyword(w []byte) rtok {
	if len(w) < 2 || len(w) > 8 {
		return rName
	}
	switch string(w) {
	case "False":
		return rFalse
	case "None":
		return rNone
	case "True":
		return rTrue
	case "and":
		return rAnd
	case "as":
		return rAs
	case "assert":
		return rAssert
	case "async":
		return rAsync
	case "await":
		return rAwait
	case "break":
		return rBreak
	case "class":
		return rClass
	case "continue":
		return rContinue
	case "def":
		return rDef
	case "del":
		return rDel
	case "elif":
		return rElif
	case "else":
		return rElse
	case "except":
		return rExcept
	case "finally":
		return rFinally
	case "for":
		return rFor
	case "from":
		return rFrom
	case "global":
		return rGlobal
	case "if":
		return rIf
	case "import":
		return rImport
	case "in":
		return rIn
	case "is":
		return rIs
	case "lambda":
		return rLambda
	case "nonlocal":
		return rNonlocal
	case "not":
		return rNot
	case "or":
		return rOr
	case "pass":
		return rPass
	case "raise":
		return rRaise
	case "return":
		return rReturn
	case "try":
		return rTry
	case "while":
		return rWhile
	case "with":
		return rWith
	case "yield":
		return rYield
	}
	return rName
}

// stringPrefix reads a string prefix: one of Python 3's (r, u, b, f,
// and br, rb, fr, rf in any case). ur"" is Python 2's.
func stringPrefix(p []byte) (raw, bytesLit, fmt, ok bool) {
	if len(p) > 2 {
		return false, false, false, false
	}
	var u bool
	for _, c := range p {
		switch c | 0x20 {
		case 'r':
			if raw {
				return false, false, false, false
			}
			raw = true
		case 'b':
			if bytesLit {
				return false, false, false, false
			}
			bytesLit = true
		case 'f':
			if fmt {
				return false, false, false, false
			}
			fmt = true
		case 'u':
			u = true
		default:
			return false, false, false, false
		}
	}
	if u && len(p) > 1 || bytesLit && fmt {
		return false, false, false, false
	}
	return raw, bytesLit, fmt, true
}

// str reads the string literal whose quote is at pos.
func (lx *recogLexer) str(raw, bytesLit, fmt bool) rtok {
	src := lx.src
	k, end := lx.pos, lx.end
	q := src[k]
	triple := k+2 < end && src[k+1] == q && src[k+2] == q
	open := 1
	if triple {
		open = 3
	}
	k += open
	body := k
	for {
		if k >= end {
			return lx.give() // unterminated, or past the span
		}
		c := src[k]
		switch {
		case c == '\\':
			if k+1 >= end {
				return lx.give()
			}
			n := src[k+1]
			if n >= utf8.RuneSelf || isControl(n) {
				return lx.give()
			}
			k += 2
			if n == '\r' {
				if k >= end || src[k] != '\n' {
					return lx.give()
				}
				k++ // a continued line, in a string of any kind
			}
			continue
		case c == '\n' || c == '\r':
			if !triple || c == '\r' && (k+1 >= end || src[k+1] != '\n') {
				return lx.give()
			}
		case c == q:
			if !triple {
				lx.pos = k + 1
				return lx.fstring(fmt, raw, q, body, k)
			}
			if k+2 < end && src[k+1] == q && src[k+2] == q {
				lx.pos = k + 3
				return lx.fstring(fmt, raw, q, body, k)
			}
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(src[k:end])
			if bytesLit || r == utf8.RuneError && n <= 1 {
				return lx.give()
			}
			k += n
			continue
		case isControl(c):
			return lx.give()
		}
		k++
	}
}

// numberEnd returns the end of the number literal at k: Python 3's
// integers (no leading zero but in 0 itself, no l suffix), floats and
// imaginary numbers, with single underscores between digits. A number
// run into a name or a dot is refused.
func numberEnd(src []byte, k int) (int, bool) {
	digits := func(k int, ok func(byte) bool) (int, bool) {
		start := k
		for k < len(src) {
			if ok(src[k]) {
				k++
			} else if src[k] == '_' && k > start && k+1 < len(src) && ok(src[k+1]) {
				k++
			} else {
				break
			}
		}
		return k, k > start
	}
	dec := func(c byte) bool { return c >= '0' && c <= '9' }
	var ok bool
	if src[k] == '0' && k+1 < len(src) && src[k+1]|0x20 != '.' && src[k+1]|0x20 != 'e' && src[k+1]|0x20 != 'j' && isASCIIIdent(src[k+1]) {
		var valid func(byte) bool
		switch src[k+1] | 0x20 {
		case 'x':
			valid = func(c byte) bool { return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f' }
		case 'o':
			valid = func(c byte) bool { return c >= '0' && c <= '7' }
		case 'b':
			valid = func(c byte) bool { return c == '0' || c == '1' }
		default:
			// 00 and 0_0 are Python 3's; 0777 is Python 2's octal.
			e, _ := digits(k, func(c byte) bool { return c == '0' })
			return e, e < len(src) && !isASCIIIdent(src[e]) && src[e] != '.' && src[e] < utf8.RuneSelf || e == len(src)
		}
		k += 2
		if k < len(src) && src[k] == '_' {
			k++
		}
		if k, ok = digits(k, valid); !ok {
			return 0, false
		}
		return k, k == len(src) || !isASCIIIdent(src[k]) && src[k] != '.' && src[k] < utf8.RuneSelf
	}
	intPart := false
	if src[k] != '.' {
		if k, ok = digits(k, dec); !ok {
			return 0, false
		}
		intPart = true
	}
	if k < len(src) && src[k] == '.' {
		k++
		if k < len(src) && dec(src[k]) {
			k, _ = digits(k, dec)
		} else if !intPart {
			return 0, false
		}
	}
	if k < len(src) && src[k]|0x20 == 'e' {
		k++
		if k < len(src) && (src[k] == '+' || src[k] == '-') {
			k++
		}
		if k, ok = digits(k, dec); !ok {
			return 0, false
		}
	}
	if k < len(src) && src[k]|0x20 == 'j' {
		k++
	}
	return k, k == len(src) || !isASCIIIdent(src[k]) && src[k] != '.' && src[k] < utf8.RuneSelf
}

// operator reads the operator or delimiter starting with c.
func (lx *recogLexer) operator(c byte) rtok {
	src, k := lx.src, lx.pos
	at := func(i int) byte {
		if k+i < lx.end {
			return src[k+i]
		}
		return 0
	}
	c1 := at(1)
	take := func(n int, t rtok) rtok {
		lx.pos += n
		return t
	}
	switch c {
	case '(', '[', '{':
		lx.depth++
		if lx.depth > 100 {
			return lx.give()
		}
		switch c {
		case '(':
			return take(1, rLPar)
		case '[':
			return take(1, rLSqb)
		}
		return take(1, rLBrace)
	case ')', ']', '}':
		if lx.depth <= lx.base {
			return lx.give()
		}
		lx.depth--
		switch c {
		case ')':
			return take(1, rRPar)
		case ']':
			return take(1, rRSqb)
		}
		return take(1, rRBrace)
	case ':':
		if c1 == '=' {
			return take(2, rWalrus)
		}
		return take(1, rColon)
	case ',':
		return take(1, rComma)
	case ';':
		return take(1, rSemi)
	case '.':
		if c1 == '.' && at(2) == '.' {
			return take(3, rEllipsis)
		}
		return take(1, rDot)
	case '=':
		if c1 == '=' {
			return take(2, rCompare)
		}
		return take(1, rEqual)
	case '!':
		if c1 == '=' {
			return take(2, rCompare)
		}
	case '<', '>':
		switch {
		case c1 == c && at(2) == '=':
			return take(3, rAugAssign)
		case c1 == c:
			return take(2, rBinOp)
		case c1 == '=':
			return take(2, rCompare)
		case c == '<' && c1 == '>':
			return lx.give() // Python 2's "<>"
		}
		return take(1, rCompare)
	case '*':
		switch {
		case c1 == '*' && at(2) == '=':
			return take(3, rAugAssign)
		case c1 == '*':
			return take(2, rDoubleStar)
		case c1 == '=':
			return take(2, rAugAssign)
		}
		return take(1, rStar)
	case '/':
		switch {
		case c1 == '/' && at(2) == '=':
			return take(3, rAugAssign)
		case c1 == '/':
			return take(2, rBinOp)
		case c1 == '=':
			return take(2, rAugAssign)
		}
		return take(1, rSlash)
	case '-':
		switch c1 {
		case '>':
			return take(2, rArrow)
		case '=':
			return take(2, rAugAssign)
		}
		return take(1, rMinus)
	case '+':
		if c1 == '=' {
			return take(2, rAugAssign)
		}
		return take(1, rPlus)
	case '@':
		if c1 == '=' {
			return take(2, rAugAssign)
		}
		return take(1, rAt)
	case '%', '&', '|', '^':
		if c1 == '=' {
			return take(2, rAugAssign)
		}
		return take(1, rBinOp)
	case '~':
		return take(1, rTilde)
	}
	return lx.give()
}
