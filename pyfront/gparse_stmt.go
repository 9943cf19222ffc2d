package pyfront

// The statements of the Go parser (gparse.go), as tree-sitter-python's
// grammar builds them. Blocks end where its scanner puts their DEDENT:
// after the comment lines that follow them indented at least as much.

// module: statements to the end of the text.
func (p *gparser) module() int32 {
	m := p.open(kModule, true)
	p.next()
	for p.tok != rEOF {
		if p.failed || p.bad || !p.statement(m) {
			return p.fail()
		}
	}
	return m
}

// statement appends one statement (or a line of simple ones) to parent.
func (p *gparser) statement(parent int32) bool {
	var s int32
	switch p.tok {
	case rIf:
		s = p.ifStatement()
	case rWhile:
		s = p.whileStatement()
	case rFor:
		s = p.forStatement(-1)
	case rTry:
		s = p.tryStatement()
	case rWith:
		s = p.withStatement(-1)
	case rDef:
		s = p.funcDef(-1)
	case rClass:
		s = p.classDef()
	case rAt:
		s = p.decorated()
	case rAsync:
		a := p.anon()
		switch p.tok {
		case rDef:
			s = p.funcDef(a)
		case rFor:
			s = p.forStatement(a)
		case rWith:
			s = p.withStatement(a)
		default:
			return false
		}
	default:
		return p.simpleStatements(parent)
	}
	if s < 0 || p.failed {
		return false
	}
	p.add(parent, s, fNone)
	return true
}

// suite: what follows a compound statement's ":": the statements on its
// line, or an indented block.
func (p *gparser) suite() int32 {
	b := p.open(kBlock, true)
	if p.tok != rNewline {
		if !p.simpleStatements(b) {
			return p.fail()
		}
		return b
	}
	p.next()
	if p.tok != rIndent {
		return p.fail()
	}
	indent := p.indents[p.nind-1]
	p.next()
	for p.tok != rDedent {
		if p.failed || p.bad || p.tok == rEOF || !p.statement(b) {
			return p.fail()
		}
	}
	p.blockEnd(b, indent)
	p.next()
	return b
}

// blockEnd extends block b, which ends at a DEDENT, over the comment
// lines after it indented at least as much as it (tree-sitter's scanner
// puts the DEDENT after them).
func (p *gparser) blockEnd(b int32, indent int32) {
	for p.trail < len(p.extras) {
		x := p.extras[p.trail]
		if !x.comment || x.start >= int32(p.ts) || p.column(int(x.start)) < indent {
			break
		}
		p.nodes[b].end = x.end
		p.trail++
	}
}

// column is the byte column of offset k.
func (p *gparser) column(k int) int32 {
	s := k
	for s > 0 && p.src[s-1] != '\n' {
		s--
	}
	return int32(k - s)
}

// simpleStatements appends simple statements separated by ";" to parent,
// and ends the line: a comment on it is inside parent (the hidden
// NEWLINE token comes after it).
func (p *gparser) simpleStatements(parent int32) bool {
	p.lineList = false
	for {
		p.inPrint = p.tok == rName && string(p.src[p.ts:p.te]) == "print"
		s := p.simpleStatement()
		p.inPrint = false
		if s < 0 || p.failed {
			return false
		}
		p.add(parent, s, fNone)
		if p.tok != rSemi {
			break
		}
		p.addAnon(parent, fNone)
		if p.tok == rNewline {
			break
		}
	}
	if p.tok != rNewline {
		return false
	}
	if n := len(p.extras); n > 0 {
		if x := p.extras[n-1]; x.comment && x.start >= p.nodes[parent].end {
			p.nodes[parent].end = x.end
		}
	}
	p.trail = len(p.extras)
	p.next()
	// A line with a list of expressions, then one starting with a
	// bracket: tree-sitter may read them as one statement ("a = b, 0\n
	// ().c" is a call of 0; a sign, quote or "@" there was not seen to).
	if p.lineList && p.ts < len(p.src) && (p.src[p.ts] == '(' || p.src[p.ts] == '[') {
		return false
	}
	p.lineList = false
	return true
}

func (p *gparser) simpleStatement() int32 {
	switch p.tok {
	case rPass, rBreak, rContinue:
		k := kPass
		if p.tok == rBreak {
			k = kBreak
		} else if p.tok == rContinue {
			k = kContinue
		}
		s := p.open(k, true)
		p.addAnon(s, fNone)
		return s
	case rReturn:
		s := p.open(kReturn, true)
		p.addAnon(s, fNone)
		if !p.ends() {
			p.add(s, p.expressions(), fNone)
		}
		return s
	case rRaise:
		s := p.open(kRaise, true)
		p.addAnon(s, fNone)
		if p.ends() {
			return s
		}
		p.add(s, p.expressions(), fNone)
		if p.tok == rFrom {
			p.addAnon(s, fNone)
			p.add(s, p.expression(), fOther)
		}
		return s
	case rGlobal, rNonlocal:
		k := kNonlocal
		if p.tok == rGlobal {
			k = kGlobal
		}
		s := p.open(k, true)
		p.addAnon(s, fNone)
		for {
			if p.tok != rName {
				return p.fail()
			}
			p.add(s, p.token(kIdentifier, true), fNone)
			if p.tok != rComma {
				return s
			}
			p.addAnon(s, fNone)
		}
	case rDel:
		s := p.open(kDelete, true)
		p.addAnon(s, fNone)
		p.add(s, p.expressions(), fNone)
		return s
	case rAssert:
		s := p.open(kAssert, true)
		p.addAnon(s, fNone)
		p.add(s, p.expression(), fNone)
		if p.tok == rComma {
			p.addAnon(s, fNone)
			p.add(s, p.expression(), fNone)
		}
		return s
	case rImport:
		s := p.open(kImport, true)
		p.addAnon(s, fNone)
		p.importList(s)
		return s
	case rFrom:
		return p.fromImport()
	case rName:
		// "match" may start a match statement, "print" and "exec"
		// Python 2's statements, and "type" with a bracket after it
		// a type alias statement ("type(x).a = 1" is one there).
		if _, ok := p.nameStartsStatement(); !ok {
			return p.fail()
		}
		if string(p.src[p.ts:p.te]) == "type" && p.bracketNext() {
			return p.typeAlias()
		}
	}
	return p.expressionStatement()
}

// ends: the simple statement ends here.
func (p *gparser) ends() bool { return p.tok == rNewline || p.tok == rSemi }

// importList: dotted names, each with an optional alias, separated by
// commas, with an optional trailing comma in parentheses.
func (p *gparser) importList(s int32) {
	for {
		d := p.dottedName()
		if d < 0 {
			p.fail()
			return
		}
		if p.tok == rAs {
			a := p.wrap(kAliasedImport, d, fName)
			p.addAnon(a, fNone)
			if p.tok != rName {
				p.fail()
				return
			}
			p.add(a, p.token(kIdentifier, true), fAlias)
			d = a
		}
		p.add(s, d, fName)
		if p.tok != rComma {
			return
		}
		p.addAnon(s, fNone)
		if p.tok == rRPar {
			return
		}
	}
}

func (p *gparser) dottedName() int32 {
	if p.tok != rName {
		return p.fail()
	}
	d := p.open(kDottedName, true)
	for {
		p.add(d, p.token(kIdentifier, true), fNone)
		if p.tok != rDot {
			return d
		}
		p.addAnon(d, fNone)
		if p.tok != rName {
			return p.fail()
		}
	}
}

func (p *gparser) fromImport() int32 {
	from := p.anon()
	if p.tok == rName && string(p.src[p.ts:p.te]) == "__future__" {
		s := p.open(kFutureImport, true)
		p.add(s, from, fNone)
		p.addAnon(s, fNone)
		if !p.expectAnon(s, rImport) {
			return -1
		}
		p.importNames(s)
		return s
	}
	s := p.open(kImportFrom, true)
	p.add(s, from, fNone)
	if p.tok == rDot || p.tok == rEllipsis {
		r := p.open(kRelativeImport, true)
		pre := p.open(kImportPrefix, true)
		for p.tok == rDot || p.tok == rEllipsis {
			if p.tok == rEllipsis {
				for k := p.ts; k < p.te; k++ {
					p.add(pre, p.leaf(kDot, false, k, k+1), fNone)
				}
				p.next()
				continue
			}
			p.addAnon(pre, fNone)
		}
		p.add(r, pre, fNone)
		if p.tok == rName {
			p.add(r, p.dottedName(), fNone)
		}
		p.add(s, r, fModuleName)
	} else {
		p.add(s, p.dottedName(), fModuleName)
	}
	if !p.expectAnon(s, rImport) {
		return -1
	}
	if p.tok == rStar {
		p.add(s, p.wrap(kWildcardImport, p.anon(), fNone), fNone)
		return s
	}
	p.importNames(s)
	return s
}

// importNames: the names after "import", maybe in parentheses.
func (p *gparser) importNames(s int32) {
	paren := p.tok == rLPar
	if paren {
		p.addAnon(s, fNone)
	}
	p.importList(s)
	if paren {
		p.expectAnon(s, rRPar)
	}
}

// expressionStatement: an expression (or several), an assignment, an
// augmented assignment or a yield.
func (p *gparser) expressionStatement() int32 {
	s := p.open(kExpressionStatement, true)
	if p.tok == rYield {
		p.add(s, p.yield(), fNone)
		return s
	}
	first := p.starExpression()
	if first < 0 {
		return -1
	}
	switch p.tok {
	case rEqual, rAugAssign, rColon:
		p.add(s, p.assignment(first), fNone)
		return s
	case rComma:
		items := []int32{first}
		var commas []int32
		for p.tok == rComma {
			commas = append(commas, p.anon())
			if !p.startsExpression() && p.tok != rStar {
				break
			}
			items = append(items, p.starExpression())
		}
		if p.tok == rEqual || p.tok == rAugAssign || p.tok == rColon {
			l := p.open(kExpressionList, true)
			p.lineList = true
			for i, it := range items {
				p.add(l, it, fNone)
				if i < len(commas) {
					p.add(l, commas[i], fNone)
				}
			}
			p.add(s, p.assignment(l), fNone)
			return s
		}
		// Expressions separated by commas, as a statement: tree-sitter
		// may read the next line as the rest of it, the target list
		// of an assignment ("a, 0\n().b = 0").
		return p.fail()
	}
	if p.nodes[first].kind == kListSplat {
		return p.fail()
	}
	p.add(s, first, fNone)
	return s
}

// assignment: left (read as an expression) made a pattern, then "=",
// an augmented operator or an annotation.
func (p *gparser) assignment(left int32) int32 {
	if !p.toPattern(left) {
		return p.fail()
	}
	switch p.tok {
	case rAugAssign:
		k := p.nodes[left].kind
		if k != kIdentifier && k != kAttribute && k != kSubscript {
			return p.fail()
		}
		a := p.wrap(kAugAssignment, left, fLeft)
		p.addAnon(a, fOperator)
		p.add(a, p.rightHandSide(), fRight)
		return a
	case rColon:
		k := p.nodes[left].kind
		if k != kIdentifier && k != kAttribute && k != kSubscript {
			return p.fail()
		}
		a := p.wrap(kAssignment, left, fLeft)
		p.addAnon(a, fNone)
		p.add(a, p.typeOf(), fType)
		if p.tok == rEqual {
			p.addAnon(a, fNone)
			p.add(a, p.rightHandSide(), fRight)
		}
		return a
	}
	a := p.wrap(kAssignment, left, fLeft)
	p.addAnon(a, fNone)
	p.add(a, p.rightHandSide(), fRight)
	return a
}

// rightHandSide: what follows "=": a yield, an expression or list of
// them, or a further assignment.
func (p *gparser) rightHandSide() int32 {
	if p.tok == rYield {
		return p.yield()
	}
	e := p.expressions()
	if e < 0 {
		return -1
	}
	if p.tok == rEqual || p.tok == rAugAssign {
		return p.assignment(e)
	}
	return e
}

// toPattern makes the expression n an assignment target as tree-sitter
// reads one: tuples, lists and lists of expressions become patterns.
func (p *gparser) toPattern(n int32) bool {
	nd := &p.nodes[n]
	switch nd.kind {
	case kIdentifier, kAttribute, kSubscript:
		return true
	case kExpressionList:
		nd.kind = kPatternList
	case kTuple:
		nd.kind = kTuplePattern
	case kList:
		nd.kind = kListPattern
	case kParenthesized:
		nd.kind = kTuplePattern // "(a) = b"
	case kListSplat:
		// Only "*name": tree-sitter may read "*a().b" as an attribute
		// of "*a()".
		nd.kind = kListSplatPattern
		return p.nodes[p.nodes[nd.first].next].kind == kIdentifier
	default:
		return false
	}
	for c := nd.first; c >= 0; c = p.nodes[c].next {
		if p.nodes[c].named && !p.toPattern(c) {
			return false
		}
	}
	return true
}

// clause appends ":" and the suite to n, the suite with field f.
func (p *gparser) clause(n int32, f fieldID) bool {
	if !p.expectAnon(n, rColon) {
		return false
	}
	p.add(n, p.suite(), f)
	return !p.failed
}

func (p *gparser) ifStatement() int32 {
	s := p.open(kIf, true)
	p.addAnon(s, fNone)
	p.add(s, p.namedExpression(), fCondition)
	if !p.clause(s, fConsequence) {
		return -1
	}
	for p.tok == rElif {
		e := p.open(kElif, true)
		p.addAnon(e, fNone)
		p.add(e, p.namedExpression(), fCondition)
		if !p.clause(e, fConsequence) {
			return -1
		}
		p.add(s, e, fAlternative)
	}
	p.optionalElse(s, fAlternative)
	return s
}

// optionalElse appends an else clause to s, with field f, if one follows.
func (p *gparser) optionalElse(s int32, f fieldID) {
	if p.tok == rElse {
		p.add(s, p.elseClause(), f)
	}
}

func (p *gparser) elseClause() int32 {
	e := p.open(kElse, true)
	p.addAnon(e, fNone)
	if !p.clause(e, fBody) {
		return -1
	}
	return e
}

func (p *gparser) whileStatement() int32 {
	s := p.open(kWhile, true)
	p.addAnon(s, fNone)
	p.add(s, p.namedExpression(), fCondition)
	if !p.clause(s, fBody) {
		return -1
	}
	p.optionalElse(s, fAlternative)
	return s
}

// forStatement: async, when given, is its "async" token.
func (p *gparser) forStatement(async int32) int32 {
	s := p.open(kFor, true)
	if async >= 0 {
		p.add(s, async, fNone)
	}
	p.addAnon(s, fNone)
	p.add(s, p.targets(), fLeft)
	if !p.expectAnon(s, rIn) {
		return -1
	}
	p.add(s, p.expressions(), fRight)
	if !p.clause(s, fBody) {
		return -1
	}
	p.optionalElse(s, fAlternative)
	return s
}

func (p *gparser) tryStatement() int32 {
	s := p.open(kTry, true)
	p.addAnon(s, fNone)
	if !p.clause(s, fBody) {
		return -1
	}
	for p.tok == rExcept {
		e := p.open(kExcept, true)
		p.addAnon(e, fNone)
		if p.tok == rStar {
			return p.fail()
		}
		if p.tok != rColon {
			v := p.expression()
			if p.tok == rAs {
				v = p.wrap(kAsPattern, v, fNone)
				p.addAnon(v, fNone)
				if p.tok != rName {
					return p.fail()
				}
				p.add(v, p.wrap(kAsPatternTarget, p.token(kIdentifier, true), fNone), fAlias)
			}
			p.add(e, v, fNone)
		}
		if !p.clause(e, fNone) {
			return -1
		}
		p.add(s, e, fNone)
	}
	p.optionalElse(s, fNone)
	if p.tok == rFinally {
		f := p.open(kFinally, true)
		p.addAnon(f, fNone)
		if !p.clause(f, fNone) {
			return -1
		}
		p.add(s, f, fNone)
	}
	return s
}

func (p *gparser) withStatement(async int32) int32 {
	s := p.open(kWith, true)
	if async >= 0 {
		p.add(s, async, fNone)
	}
	p.addAnon(s, fNone)
	if p.tok == rLPar {
		// Parenthesised items ("with (a, b):") are left to tree-sitter;
		// an item that only starts with a parenthesis is read here.
		e := closingBracket(p.src, p.ts, p.end)
		for e >= 0 && e < p.end && (p.src[e] == ' ' || p.src[e] == '\t') {
			e++
		}
		if e < 0 || e == p.end || p.src[e] == ':' {
			return p.fail()
		}
	}
	c := p.open(kWithClause, true)
	for {
		v := p.expression()
		if p.tok == rAs {
			v = p.wrap(kAsPattern, v, fNone)
			p.addAnon(v, fNone)
			t := p.primary()
			p.add(v, p.wrap(kAsPatternTarget, t, fNone), fAlias)
		}
		p.add(c, p.wrap(kWithItem, v, fValue), fNone)
		if p.tok != rComma {
			break
		}
		p.addAnon(c, fNone)
	}
	p.add(s, c, fNone)
	if !p.clause(s, fBody) {
		return -1
	}
	return s
}

// decorated: decorators, then the class or function they decorate.
func (p *gparser) decorated() int32 {
	s := p.open(kDecoratedDef, true)
	for p.tok == rAt {
		d := p.open(kDecorator, true)
		p.addAnon(d, fNone)
		p.add(d, p.namedExpression(), fNone)
		if p.tok != rNewline {
			return p.fail()
		}
		// The decorator holds its line's NEWLINE, after any comment.
		if n := len(p.extras); n > 0 {
			if x := p.extras[n-1]; x.comment && x.start >= p.nodes[d].end {
				p.nodes[d].end = x.end
			}
		}
		p.trail = len(p.extras)
		p.next()
		p.add(s, d, fNone)
		for _, x := range p.extras[p.trail:] {
			// A comment line after a decorator, indented less than
			// it: tree-sitter's scanner may take it for the end of
			// the block ("@d\n#\n def").
			if p.column(int(x.start)) < p.column(int(p.nodes[d].start)) {
				return p.fail()
			}
		}
	}
	var def int32
	switch p.tok {
	case rDef:
		def = p.funcDef(-1)
	case rClass:
		def = p.classDef()
	case rAsync:
		a := p.anon()
		if p.tok != rDef {
			return p.fail()
		}
		def = p.funcDef(a)
	default:
		return p.fail()
	}
	p.add(s, def, fDefinition)
	return s
}

func (p *gparser) funcDef(async int32) int32 {
	s := p.open(kFunctionDef, true)
	if async >= 0 {
		p.add(s, async, fNone)
	}
	p.addAnon(s, fNone)
	if p.tok != rName {
		return p.fail()
	}
	p.add(s, p.token(kIdentifier, true), fName)
	if p.tok != rLPar {
		return p.fail()
	}
	ps := p.open(kParameters, true)
	p.addAnon(ps, fNone)
	p.parameters(ps, rRPar, true)
	if !p.expectAnon(ps, rRPar) {
		return -1
	}
	p.add(s, ps, fParameters)
	if p.tok == rArrow {
		p.addAnon(s, fNone)
		p.add(s, p.typeOf(), fReturnType)
	}
	if !p.clause(s, fBody) {
		return -1
	}
	return s
}

func (p *gparser) classDef() int32 {
	s := p.open(kClassDef, true)
	p.addAnon(s, fNone)
	if p.tok != rName {
		return p.fail()
	}
	p.add(s, p.token(kIdentifier, true), fName)
	if p.tok == rLPar {
		p.add(s, p.argumentList(), fSuperclasses)
	}
	if !p.clause(s, fBody) {
		return -1
	}
	return s
}

// parameters appends a def's (annotated) or a lambda's parameters to ps,
// up to closer.
func (p *gparser) parameters(ps int32, closer rtok, annotated bool) {
	for p.tok != closer && !p.failed {
		var prm int32
		switch p.tok {
		case rStar, rDoubleStar:
			k := kListSplatPattern
			if p.tok == rDoubleStar {
				k = kDictSplatPattern
			}
			star := p.anon()
			if k == kListSplatPattern && (p.tok == rComma || p.tok == closer) {
				prm = p.wrap(kKeywordSeparator, star, fNone)
				break
			}
			if p.tok != rName {
				p.fail()
				return
			}
			prm = p.wrap(k, star, fNone)
			p.add(prm, p.token(kIdentifier, true), fNone)
			if annotated && p.tok == rColon {
				prm = p.wrap(kTypedParameter, prm, fNone)
				p.addAnon(prm, fNone)
				p.add(prm, p.typeOf(), fType)
			}
		case rSlash:
			prm = p.wrap(kOther, p.anon(), fNone) // positional_separator
		case rName:
			prm = p.token(kIdentifier, true)
			typed := annotated && p.tok == rColon
			if typed {
				prm = p.wrap(kTypedParameter, prm, fNone)
				p.addAnon(prm, fNone)
				p.add(prm, p.typeOf(), fType)
			}
			if p.tok == rEqual {
				if typed {
					p.nodes[prm].kind = kTypedDefaultParameter
					p.nodes[p.nodes[prm].first].field = fName
				} else {
					prm = p.wrap(kDefaultParameter, prm, fName)
				}
				p.addAnon(prm, fNone)
				p.add(prm, p.expression(), fValue)
			}
		default:
			p.fail()
			return
		}
		p.add(ps, prm, fNone)
		if p.tok != rComma {
			break
		}
		p.addAnon(ps, fNone)
	}
}
