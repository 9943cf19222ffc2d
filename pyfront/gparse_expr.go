package pyfront

// The expressions of the Go parser (gparse.go), with tree-sitter-python's
// precedences, which are not quite Python's ("a & b ^ c" is "a & (b ^ c)"
// there). Each returns its node, or -1 when it gives up.

// expressions: an expression, or a list of them (expression_list).
func (p *gparser) expressions() int32 {
	e := p.expression()
	if e < 0 || p.tok != rComma {
		return e
	}
	l := p.wrap(kExpressionList, e, fNone)
	p.lineList = p.lineList || p.depth == 0
	for p.tok == rComma {
		p.addAnon(l, fNone)
		if !p.startsExpression() {
			break
		}
		p.add(l, p.expression(), fNone)
	}
	return l
}

// starExpression: an expression or a starred one (list_splat).
func (p *gparser) starExpression() int32 {
	if p.tok != rStar {
		return p.expression()
	}
	return p.prefixed(kListSplat, fNone, p.expression)
}

// namedExpression: an expression, or an assignment expression.
func (p *gparser) namedExpression() int32 {
	if p.tok == rName && p.walrusNext() {
		n := p.open(kNamedExpr, true)
		p.add(n, p.token(kIdentifier, true), fName)
		p.addAnon(n, fNone)
		p.add(n, p.expression(), fValue)
		return n
	}
	return p.expression()
}

// expression: a conditional expression or a lambda.
func (p *gparser) expression() int32 {
	if p.nest++; p.nest > maxRecogNest {
		p.nest--
		return p.fail()
	}
	e := p.conditional()
	p.nest--
	return e
}

// conditional: a conditional expression, a lambda or an assignment
// expression.
func (p *gparser) conditional() int32 {
	if p.tok == rLambda {
		return p.lambda()
	}
	if p.tok == rName && p.walrusNext() {
		return p.namedExpression()
	}
	e := p.disjunction()
	if e < 0 || p.tok != rIf {
		return e
	}
	c := p.wrap(kConditional, e, fNone)
	p.addAnon(c, fNone)
	p.add(c, p.disjunction(), fNone)
	if !p.expectAnon(c, rElse) {
		return -1
	}
	p.add(c, p.expression(), fNone)
	return c
}

func (p *gparser) lambda() int32 {
	l := p.open(kLambda, true)
	p.addAnon(l, fNone)
	if p.tok != rColon {
		ps := p.open(kLambdaParameters, true)
		p.parameters(ps, rColon, false)
		p.add(l, ps, fParameters)
	}
	if !p.expectAnon(l, rColon) {
		return -1
	}
	p.add(l, p.expression(), fBody)
	return l
}

// disjunction: "or" over "and" over "not" over comparisons.
func (p *gparser) disjunction() int32 { return p.boolean(rOr) }

func (p *gparser) boolean(op rtok) int32 {
	var e int32
	if op == rOr {
		e = p.boolean(rAnd)
	} else {
		e = p.inversion()
	}
	for e >= 0 && p.tok == op {
		b := p.wrap(kBooleanOp, e, fLeft)
		p.addAnon(b, fOperator)
		if op == rOr {
			p.add(b, p.boolean(rAnd), fRight)
		} else {
			p.add(b, p.inversion(), fRight)
		}
		e = b
	}
	if p.failed {
		return -1
	}
	return e
}

func (p *gparser) inversion() int32 {
	if p.tok != rNot {
		return p.comparison()
	}
	return p.prefixed(kNotOp, fOther, p.inversion)
}

// comparison: one node for a chain of comparisons.
func (p *gparser) comparison() int32 {
	e := p.binary(binaryMin)
	if e < 0 {
		return -1
	}
	var c int32 = -1
	for {
		var op int32
		switch p.tok {
		case rCompare, rIn:
			op = p.anon()
		case rNot:
			not := p.anon()
			if p.tok != rIn {
				return p.fail()
			}
			op = p.wrap(kNotIn, not, fNone)
			p.nodes[op].named = false
			p.addAnon(op, fNone)
		case rIs:
			op = p.anon()
			if p.tok == rNot {
				op = p.wrap(kIsNot, op, fNone)
				p.nodes[op].named = false
				p.addAnon(op, fNone)
			}
		default:
			if c >= 0 {
				return c
			}
			return e
		}
		if c < 0 {
			c = p.wrap(kComparison, e, fNone)
		}
		p.add(c, op, fOther)
		p.add(c, p.binary(binaryMin), fNone)
		if p.failed {
			return -1
		}
	}
}

// The binary operators' precedences, tree-sitter-python's.
const (
	binaryMin  = 14
	unaryPrec  = 20
	powerPrec  = 21
	noOperator = 0
)

// binaryPrec is the precedence of the current token as a binary
// operator, or noOperator.
func (p *gparser) binaryPrec() int {
	switch p.tok {
	case rPlus, rMinus:
		return 18
	case rStar, rSlash, rAt:
		return 19
	case rDoubleStar:
		return powerPrec
	case rBinOp:
		switch p.src[p.ts] {
		case '|':
			return 14
		case '&':
			return 15
		case '^':
			return 16
		case '<', '>':
			return 17
		}
		return 19 // // and %
	}
	return noOperator
}

// binary: binary operators of at least precedence min.
func (p *gparser) binary(min int) int32 {
	e := p.unary()
	for e >= 0 {
		prec := p.binaryPrec()
		if prec == noOperator || prec < min {
			return e
		}
		b := p.wrap(kBinaryOp, e, fLeft)
		p.addAnon(b, fOperator)
		if prec == powerPrec {
			p.add(b, p.binary(powerPrec), fRight)
		} else {
			p.add(b, p.binary(prec+1), fRight)
		}
		if p.failed {
			return -1
		}
		e = b
	}
	return e
}

func (p *gparser) unary() int32 {
	switch p.tok {
	case rMinus, rPlus, rTilde:
		u := p.open(kUnaryOp, true)
		p.addAnon(u, fOperator)
		p.add(u, p.binary(unaryPrec), fOther)
		return u
	case rAwait:
		a := p.open(kAwait, true)
		p.addAnon(a, fNone)
		p.add(a, p.binary(unaryPrec), fNone)
		return a
	}
	return p.primary()
}

// primary: an atom and its attributes, calls and subscripts.
func (p *gparser) primary() int32 {
	return p.trailers(p.atom())
}

// trailers: the attributes, calls and subscripts after e.
func (p *gparser) trailers(e int32) int32 {
	for e >= 0 && !p.failed {
		switch p.tok {
		case rDot:
			a := p.wrap(kAttribute, e, fObject)
			p.addAnon(a, fNone)
			if p.tok != rName {
				return p.fail()
			}
			p.add(a, p.token(kIdentifier, true), fAttribute)
			e = a
		case rLPar:
			c := p.wrap(kCall, e, fFunction)
			p.add(c, p.argumentList(), fArguments)
			e = c
		case rLSqb:
			s := p.wrap(kSubscript, e, fValue)
			p.addAnon(s, fNone)
			if !p.items(s, fSubscript, p.slice) {
				return -1
			}
			e = s
		default:
			return e
		}
	}
	if p.failed {
		return -1
	}
	return e
}

// slice: an expression or start:stop:step.
func (p *gparser) slice() int32 {
	var e int32 = -1
	if p.tok != rColon {
		e = p.expression()
		if e < 0 || p.tok != rColon {
			return e
		}
	}
	s := p.open(kOther, true) // slice
	if e >= 0 {
		p.add(s, e, fNone)
	}
	p.addAnon(s, fNone)
	if p.tok != rColon && p.tok != rComma && p.tok != rRSqb {
		p.add(s, p.expression(), fNone)
	}
	if p.tok == rColon {
		p.addAnon(s, fNone)
		if p.tok != rComma && p.tok != rRSqb {
			p.add(s, p.expression(), fNone)
		}
	}
	return s
}

func (p *gparser) atom() int32 {
	switch p.tok {
	case rName:
		return p.token(kIdentifier, true)
	case rNumber:
		return p.token(numberKind(p.src[p.ts:p.te]), true)
	case rTrue:
		return p.token(kTrue, true)
	case rFalse:
		return p.token(kFalse, true)
	case rNone:
		return p.token(kNone, true)
	case rEllipsis:
		return p.token(kOther, true) // ellipsis
	case rString:
		return p.strings()
	case rLPar:
		return p.parenthesised()
	case rLSqb:
		return p.display(kList, kListComp, rRSqb)
	case rLBrace:
		return p.braces()
	}
	return p.fail()
}

// numberKind: a float has a point or an exponent (and is not hex).
func numberKind(t []byte) kind {
	if len(t) > 1 && t[0] == '0' && (t[1]|0x20 == 'x' || t[1]|0x20 == 'o' || t[1]|0x20 == 'b') {
		return kInteger
	}
	for _, c := range t {
		if c == '.' || c|0x20 == 'e' {
			return kFloat
		}
	}
	return kInteger
}

// parenthesised: a tuple, a generator expression, or an expression or
// yield in parentheses.
func (p *gparser) parenthesised() int32 {
	open := p.anon()
	switch p.tok {
	case rRPar:
		t := p.wrap(kTuple, open, fNone)
		p.addAnon(t, fNone)
		return t
	case rYield:
		e := p.wrap(kParenthesized, open, fNone)
		p.add(e, p.yield(), fNone)
		if !p.expectAnon(e, rRPar) {
			return -1
		}
		return e
	}
	first := p.element()
	if first < 0 {
		return -1
	}
	switch {
	case p.tok == rFor || p.tok == rAsync:
		g := p.wrap(kGenExpr, open, fNone)
		p.add(g, first, fBody)
		p.comprehension(g)
		if !p.expectAnon(g, rRPar) {
			return -1
		}
		return g
	case p.tok == rRPar:
		if p.nodes[first].kind == kListSplat {
			return p.fail()
		}
		e := p.wrap(kParenthesized, open, fNone)
		p.add(e, first, fNone)
		p.addAnon(e, fNone)
		return e
	}
	t := p.wrap(kTuple, open, fNone)
	p.add(t, first, fNone)
	return p.elements(t, rRPar)
}

// element: an element of a display: starred, or a named expression.
func (p *gparser) element() int32 {
	if p.tok == rStar {
		return p.starExpression()
	}
	if p.tok == rYield {
		return p.fail()
	}
	return p.namedExpression()
}

// elements: the rest of display d after its first element, to closer.
func (p *gparser) elements(d int32, closer rtok) int32 {
	for p.tok == rComma {
		p.addAnon(d, fNone)
		if p.tok == closer {
			break
		}
		p.add(d, p.element(), fNone)
	}
	if !p.expectAnon(d, closer) {
		return -1
	}
	return d
}

// display: a list (or set) display or comprehension, after its bracket.
func (p *gparser) display(k, comp kind, closer rtok) int32 {
	open := p.anon()
	if p.tok == closer {
		d := p.wrap(k, open, fNone)
		p.addAnon(d, fNone)
		return d
	}
	first := p.element()
	if first < 0 {
		return -1
	}
	if p.tok == rFor || p.tok == rAsync {
		c := p.wrap(comp, open, fNone)
		p.add(c, first, fBody)
		p.comprehension(c)
		if !p.expectAnon(c, closer) {
			return -1
		}
		return c
	}
	if p.tok == closer {
		first = p.soleStarred(first)
	}
	d := p.wrap(k, open, fNone)
	p.add(d, first, fNone)
	return p.elements(d, closer)
}

// soleStarred rebuilds e, the only element of a list or set display, as
// tree-sitter reads a starred one there: the star takes the name its
// operand starts with, and the operand's attributes, calls and
// subscripts apply to that ("[*a.b()]" is a call of "*a.b").
func (p *gparser) soleStarred(e int32) int32 {
	if e < 0 || p.failed || p.nodes[e].kind != kListSplat {
		return e
	}
	star := p.nodes[e].first
	top := p.nodes[star].next
	var chain []int32
	n := top
	for k := p.nodes[n].kind; k == kAttribute || k == kCall || k == kSubscript; k = p.nodes[n].kind {
		chain = append(chain, n)
		n = p.nodes[n].first
	}
	switch {
	case p.nodes[n].kind != kIdentifier:
		return p.fail()
	case len(chain) == 0:
		return e
	}
	// e becomes the star and the name, in the name's place.
	ed, nd := &p.nodes[e], &p.nodes[n]
	p.nodes[star].next, ed.last, ed.end = n, n, nd.end
	ed.field, ed.next = nd.field, nd.next
	nd.field, nd.next = fNone, -1
	p.nodes[chain[len(chain)-1]].first = e
	for _, c := range chain {
		p.nodes[c].start = ed.start
	}
	return top
}

// braces: a dictionary or set display or comprehension.
func (p *gparser) braces() int32 {
	open := p.anon()
	if p.tok == rRBrace {
		d := p.wrap(kDictionary, open, fNone)
		p.addAnon(d, fNone)
		return d
	}
	var first int32
	if p.tok == rDoubleStar {
		first = p.dictSplat()
	} else {
		k := p.element()
		if k < 0 {
			return -1
		}
		if p.tok != rColon {
			// A set.
			if p.tok == rRBrace {
				k = p.soleStarred(k)
			}
			if p.tok == rFor || p.tok == rAsync {
				c := p.wrap(kSetComp, open, fNone)
				p.add(c, k, fBody)
				p.comprehension(c)
				if !p.expectAnon(c, rRBrace) {
					return -1
				}
				return c
			}
			s := p.wrap(kSet, open, fNone)
			p.add(s, k, fNone)
			return p.elements(s, rRBrace)
		}
		first = p.pair(k)
		if p.tok == rFor || p.tok == rAsync {
			c := p.wrap(kDictComp, open, fNone)
			p.add(c, first, fBody)
			p.comprehension(c)
			if !p.expectAnon(c, rRBrace) {
				return -1
			}
			return c
		}
	}
	d := p.wrap(kDictionary, open, fNone)
	p.add(d, first, fNone)
	for p.tok == rComma {
		p.addAnon(d, fNone)
		if p.tok == rRBrace {
			break
		}
		if p.tok == rDoubleStar {
			p.add(d, p.dictSplat(), fNone)
			continue
		}
		p.add(d, p.pair(p.expression()), fNone)
	}
	if !p.expectAnon(d, rRBrace) {
		return -1
	}
	return d
}

// pair: key, read already, ":" and the value.
func (p *gparser) pair(key int32) int32 {
	if key < 0 || p.nodes[key].kind == kListSplat || p.nodes[key].kind == kNamedExpr {
		return p.fail()
	}
	pr := p.wrap(kPair, key, fOther)
	if !p.expectAnon(pr, rColon) {
		return -1
	}
	p.add(pr, p.expression(), fValue)
	return pr
}

func (p *gparser) dictSplat() int32 {
	return p.prefixed(kDictSplat, fNone, p.expression)
}

// comprehension appends the for and if clauses of a comprehension to c.
func (p *gparser) comprehension(c int32) {
	for (p.tok == rFor || p.tok == rAsync) && !p.failed {
		f := p.open(kForInClause, true)
		if p.tok == rAsync {
			p.addAnon(f, fNone)
			if p.tok != rFor {
				p.fail()
				return
			}
		}
		p.addAnon(f, fNone)
		p.add(f, p.targets(), fLeft)
		if !p.expectAnon(f, rIn) {
			return
		}
		p.add(f, p.disjunction(), fRight)
		for p.tok == rComma {
			p.addAnon(f, fNone)
			if !p.startsExpression() {
				break
			}
			p.add(f, p.disjunction(), fRight)
		}
		p.add(c, f, fNone)
		for p.tok == rIf {
			i := p.open(kIfClause, true)
			p.addAnon(i, fNone)
			p.add(i, p.disjunction(), fNone)
			p.add(c, i, fNone)
		}
	}
}

// argumentList: a call's arguments, from its "(" on; a sole generator
// expression is the call's arguments itself.
func (p *gparser) argumentList() int32 {
	open := p.anon()
	l := p.wrap(kArgumentList, open, fNone)
	for n := 0; p.tok != rRPar && !p.failed; n++ {
		var a int32
		switch p.tok {
		case rStar:
			// In a statement that may be Python 2's print, tree-sitter
			// reads "*a.b()" as a call of "*a.b".
			a = p.starExpression()
			if a >= 0 && !p.failed && p.inPrint && p.nodes[p.nodes[p.nodes[a].first].next].kind != kIdentifier {
				return p.fail()
			}
		case rDoubleStar:
			a = p.dictSplat()
		default:
			if p.tok == rName && p.equalNext() {
				a = p.open(kKeywordArgument, true)
				p.add(a, p.token(kIdentifier, true), fName)
				p.addAnon(a, fNone)
				p.add(a, p.expression(), fValue)
				break
			}
			a = p.namedExpression()
			if n == 0 && (p.tok == rFor || p.tok == rAsync) {
				p.nodes[l].kind = kGenExpr
				p.add(l, a, fBody)
				p.comprehension(l)
				if !p.expectAnon(l, rRPar) {
					return -1
				}
				return l
			}
		}
		p.add(l, a, fNone)
		if p.tok != rComma {
			break
		}
		p.addAnon(l, fNone)
	}
	if !p.expectAnon(l, rRPar) {
		return -1
	}
	return l
}

// yield: "yield from e", or "yield" with optional expressions.
func (p *gparser) yield() int32 {
	y := p.open(kYield, true)
	p.addAnon(y, fNone)
	if p.tok == rFrom {
		p.addAnon(y, fNone)
		p.add(y, p.expression(), fNone)
		return y
	}
	if p.startsExpression() {
		p.add(y, p.expressions(), fNone)
	}
	return y
}

// targets: a for loop's or comprehension's targets, as a pattern or a
// pattern list.
func (p *gparser) targets() int32 {
	first := p.target()
	if first < 0 || p.tok != rComma {
		if first >= 0 && !p.toPattern(first) {
			return p.fail()
		}
		return first
	}
	l := p.wrap(kPatternList, first, fNone)
	for p.tok == rComma {
		p.addAnon(l, fNone)
		if p.tok == rIn || p.ends() {
			break
		}
		p.add(l, p.target(), fNone)
	}
	for c := p.nodes[l].first; c >= 0; c = p.nodes[c].next {
		if p.nodes[c].named && !p.toPattern(c) {
			return p.fail()
		}
	}
	return l
}

// target: a starred or plain primary expression.
func (p *gparser) target() int32 {
	if p.tok == rStar {
		return p.prefixed(kListSplat, fNone, p.primary)
	}
	return p.primary()
}

// after returns the two bytes after the current token and the spaces
// after it (0 past the end): what decides between readings a token
// cannot.
func (p *gparser) after() (byte, byte) {
	k := p.te
	for k < p.end && (p.src[k] == ' ' || p.src[k] == '\t') {
		k++
	}
	var c0, c1 byte
	if k < p.end {
		c0 = p.src[k]
	}
	if k+1 < p.end {
		c1 = p.src[k+1]
	}
	return c0, c1
}

// walrusNext: ":=" follows the current token.
func (p *gparser) walrusNext() bool {
	c0, c1 := p.after()
	return c0 == ':' && c1 == '='
}

// equalNext: a single "=" follows the current token.
func (p *gparser) equalNext() bool {
	c0, c1 := p.after()
	return c0 == '=' && c1 != '='
}

// bracketNext: "(" or "[" follows the current token.
func (p *gparser) bracketNext() bool {
	c0, _ := p.after()
	return c0 == '(' || c0 == '['
}

// items appends to n what item reads, with field f, separated by commas
// (a trailing one too), and the closing "]".
func (p *gparser) items(n int32, f fieldID, item func() int32) bool {
	for {
		p.add(n, item(), f)
		if p.tok != rComma {
			break
		}
		p.addAnon(n, fNone)
		if p.tok == rRSqb {
			break
		}
	}
	return p.expectAnon(n, rRSqb)
}

// prefixed: a node of kind k of the current token and what operand
// reads after it, with field f.
func (p *gparser) prefixed(k kind, f fieldID, operand func() int32) int32 {
	n := p.open(k, true)
	p.addAnon(n, fNone)
	p.add(n, operand(), f)
	return n
}
