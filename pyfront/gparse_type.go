package pyfront

// The annotations of the Go parser (gparse.go): tree-sitter-python reads
// them as type nodes, of its own grammar where they start with a name
// and brackets.

// typeOf: an annotation, a type node. Tree-sitter reads one that
// starts with a name and brackets as a generic type of types, and "|"
// after one as a union of types, the generic ones taken from the left;
// any other annotation, or the rest of a union from an operand that is
// not generic on, is an expression (its subscripts are subscripts).
func (p *gparser) typeOf() int32 {
	if !p.genericNext() {
		e := p.expression()
		if e < 0 {
			return -1
		}
		return p.wrap(kType, e, fNone)
	}
	t := p.genericType()
	for t >= 0 && p.tok == rBinOp && p.src[p.ts] == '|' && p.te-p.ts == 1 {
		u := p.wrap(kOther, t, fNone) // union_type
		p.addAnon(u, fNone)
		if !p.genericNext() {
			p.add(u, p.typeOf(), fNone)
			return p.wrap(kType, u, fNone)
		}
		p.add(u, p.genericType(), fNone)
		t = p.wrap(kType, u, fNone)
	}
	switch p.tok {
	case rEqual, rComma, rRPar, rColon, rNewline, rRSqb, rSemi:
		return t
	}
	return p.fail()
}

// genericNext: a generic type starts here, a name with a bracket.
func (p *gparser) genericNext() bool {
	if p.tok != rName || string(p.src[p.ts:p.te]) == "type" {
		return false
	}
	c0, _ := p.after()
	return c0 == '['
}

// genericType: a name and its type parameters, in a type node.
func (p *gparser) genericType() int32 {
	g := p.wrap(kGenericType, p.token(kIdentifier, true), fNone)
	tp := p.open(kOther, true) // type_parameter
	p.addAnon(tp, fNone)
	if !p.items(tp, fNone, p.typeOf) {
		return -1
	}
	p.add(g, tp, fNone)
	return p.wrap(kType, g, fNone)
}

// typeAlias: what tree-sitter reads as "type" T "=" T: an assignment
// to a call of type with one value ("type(x).a = b"). A statement with
// another assignment after "type(...)" is left to tree-sitter.
func (p *gparser) typeAlias() int32 {
	// A statement with no "=" outside brackets is an expression.
	lexer, nodes, extras := p.recogLexer, len(p.nodes), len(p.extras)
	assigns := false
	for !p.ends() && p.tok != rEOF && p.tok != rBad && !assigns {
		assigns = p.tok == rEqual && p.depth == 0
		p.next()
	}
	p.recogLexer, p.extras = lexer, p.extras[:extras]
	if !assigns {
		return p.expressionStatement()
	}
	s := p.open(kTypeAlias, true)
	p.add(s, p.token(kType, false), fNone)
	p.add(s, p.typeOf(), fNone)
	if !p.failed && p.tok != rEqual {
		// "type(x)[i] += 1": an assignment of another kind.
		p.recogLexer, p.nodes, p.extras = lexer, p.nodes[:nodes], p.extras[:extras]
		return p.expressionStatement()
	}
	if !p.expectAnon(s, rEqual) {
		return -1
	}
	p.add(s, p.typeOf(), fNone)
	if !p.ends() {
		return p.fail()
	}
	return s
}
