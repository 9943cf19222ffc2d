package pyfront

// The expressions of the recogniser (pyrecog.go): Python 3's expression
// grammar, each function answering the shape of what it read (a name, a
// target, any expression) so that the statements can tell what may be
// assigned to, as tree-sitter's patterns do.

// exprList: expressions separated by commas, no star; a tuple of targets
// is shapeSeq.
func (r *recogniser) exprList() exprShape {
	s := r.expression()
	if s == shapeFail || r.tok != rComma {
		return s
	}
	seq := s.isTarget()
	for r.tok == rComma {
		r.next()
		if !r.startsExpression() {
			break
		}
		e := r.expression()
		if e == shapeFail {
			return shapeFail
		}
		seq = seq && e.isTarget()
	}
	if seq {
		return shapeSeq
	}
	return shapeOther
}

// starExprs: expressions, some starred, separated by commas; a single
// starred one is shapeStar or shapeStarExpr. It counts the starred ones
// in topStars.
func (r *recogniser) starExprs() exprShape {
	s := r.starExpr()
	if s == shapeFail || r.tok != rComma {
		r.topStars, r.topStarExprs = 0, 0
		if s == shapeStar || s == shapeStarExpr {
			r.topStars = 1
		}
		if s == shapeStarExpr {
			r.topStarExprs = 1
		}
		return s
	}
	stars, all, exprs := 0, 0, 0
	seq := true
	for {
		switch s {
		case shapeStar:
			stars++
		case shapeName, shapeAttrSub, shapeSeq, shapeParen:
		default:
			seq = false
		}
		if s == shapeStar || s == shapeStarExpr {
			all++
		}
		if s == shapeStarExpr {
			exprs++
		}
		if r.tok != rComma {
			break
		}
		r.next()
		if !r.startsExpression() && r.tok != rStar {
			break
		}
		if s = r.starExpr(); s == shapeFail {
			return shapeFail
		}
	}
	r.topStars, r.topStarExprs = all, exprs
	if seq && stars <= 1 {
		return shapeSeq
	}
	return shapeOther
}

// starExpr: an expression or a starred one.
func (r *recogniser) starExpr() exprShape {
	if r.tok != rStar {
		return r.expression()
	}
	r.next()
	s := r.arith()
	switch {
	case s == shapeFail:
		return shapeFail
	case s == shapeName || s == shapeAttrSub:
		return shapeStar
	}
	return shapeStarExpr // tree-sitter takes "*(a), b = c" for an error
}

// namedExpr: an expression or an assignment expression (name := e).
func (r *recogniser) namedExpr() exprShape {
	s := r.expression()
	if s != shapeName || r.tok != rWalrus {
		return s
	}
	r.next()
	if r.expression() == shapeFail {
		return shapeFail
	}
	return shapeOther
}

// expression: a conditional expression or a lambda.
func (r *recogniser) expression() exprShape {
	if r.nest++; r.nest > maxRecogNest {
		r.fail()
		return shapeFail
	}
	s := r.conditional()
	r.nest--
	return s
}

func (r *recogniser) conditional() exprShape {
	if r.tok == rLambda {
		r.next()
		if !r.parameters(rColon, false) || !r.expect(rColon) || r.expression() == shapeFail {
			return shapeFail
		}
		return shapeOther
	}
	s := r.disjunction()
	if s == shapeFail || r.tok != rIf {
		return s
	}
	r.next()
	if r.disjunction() == shapeFail || !r.expect(rElse) || r.expression() == shapeFail {
		return shapeFail
	}
	return shapeOther
}

// disjunction: "not", "and" and "or" over comparisons.
func (r *recogniser) disjunction() exprShape {
	s := r.inversion()
	for s != shapeFail && (r.tok == rAnd || r.tok == rOr) {
		r.next()
		if r.inversion() == shapeFail {
			return shapeFail
		}
		s = shapeOther
	}
	return s
}

func (r *recogniser) inversion() exprShape {
	if r.tok != rNot {
		return r.comparison()
	}
	r.next()
	if r.inversion() == shapeFail {
		return shapeFail
	}
	return shapeOther
}

// comparison: arithmetic compared, "not in" and "is not" included.
func (r *recogniser) comparison() exprShape {
	s := r.arith()
	for s != shapeFail {
		switch r.tok {
		case rCompare, rIn:
			r.next()
		case rNot:
			r.next()
			if !r.expect(rIn) {
				return shapeFail
			}
		case rIs:
			r.next()
			if r.tok == rNot {
				r.next()
			}
		default:
			return s
		}
		if r.arith() == shapeFail {
			return shapeFail
		}
		s = shapeOther
	}
	return s
}

// arith: the binary operators from "|" to "**" and the unary ones; the
// tree is not built, so their precedence does not matter.
func (r *recogniser) arith() exprShape {
	s := r.unary()
	for s != shapeFail {
		switch r.tok {
		case rBinOp, rPlus, rMinus, rStar, rSlash, rAt, rDoubleStar:
			r.next()
			if r.unary() == shapeFail {
				return shapeFail
			}
			s = shapeOther
		default:
			return s
		}
	}
	return s
}

func (r *recogniser) unary() exprShape {
	switch r.tok {
	case rMinus, rPlus, rTilde:
		r.next()
		if r.unary() == shapeFail {
			return shapeFail
		}
		return shapeOther
	case rAwait:
		r.next()
		if r.primary() == shapeFail {
			return shapeFail
		}
		return shapeOther
	}
	return r.primary()
}

// primary: an atom and its attributes, calls and subscripts.
func (r *recogniser) primary() exprShape {
	generic := r.inType && r.tok == rName // a name, then brackets
	s := r.atom()
	for trailers := 0; s != shapeFail; trailers++ {
		if trailers == 0 && r.tok != rLSqb {
			generic = false
		}
		if generic && trailers == 1 && (r.tok == rDot || r.tok == rLPar || r.tok == rLSqb) {
			return shapeFail
		}
		switch r.tok {
		case rDot:
			r.next()
			if !r.expect(rName) {
				return shapeFail
			}
			s = shapeAttrSub
		case rLPar:
			if !r.arguments() {
				return shapeFail
			}
			s = shapeOther
		case rLSqb:
			r.next()
			if !r.subscripts() {
				return shapeFail
			}
			s = shapeAttrSub
		default:
			return s
		}
	}
	return s
}

func (r *recogniser) atom() exprShape {
	switch r.tok {
	case rName:
		r.next()
		return shapeName
	case rNumber, rTrue, rFalse, rNone, rEllipsis:
		r.next()
		return shapeOther
	case rString:
		for r.tok == rString {
			r.next()
		}
		return shapeOther
	case rLPar:
		return r.parenthesised()
	case rLSqb:
		return r.list()
	case rLBrace:
		return r.braces()
	}
	return shapeFail
}

// parenthesised: a tuple, a generator expression, a yield expression or
// an expression in parentheses.
func (r *recogniser) parenthesised() exprShape {
	r.next()
	switch r.tok {
	case rRPar:
		r.next()
		return shapeOther
	case rYield:
		if !r.yieldExpr() || !r.expect(rRPar) {
			return shapeFail
		}
		return shapeOther
	}
	first := r.starOrNamed()
	if first == shapeFail {
		return shapeFail
	}
	if r.tok == rFor || r.tok == rAsync {
		if first == shapeStar || first == shapeStarExpr {
			return shapeFail
		}
		return r.closedComprehension(rRPar)
	}
	if r.tok == rRPar {
		r.next()
		switch {
		case first == shapeStar || first == shapeStarExpr:
			return shapeFail
		case first.isTarget():
			return shapeParen
		}
		return shapeOther
	}
	return r.elements(first, rRPar)
}

// list: a list display or comprehension.
func (r *recogniser) list() exprShape {
	r.next()
	if r.tok == rRSqb {
		r.next()
		return shapeOther
	}
	first := r.starOrNamed()
	if first == shapeFail {
		return shapeFail
	}
	if r.tok == rFor || r.tok == rAsync {
		if first == shapeStar || first == shapeStarExpr {
			return shapeFail
		}
		return r.closedComprehension(rRSqb)
	}
	return r.elements(first, rRSqb)
}

// elements: the rest of a display whose first element was first, to
// closer; shapeSeq when all are targets.
func (r *recogniser) elements(first exprShape, closer rtok) exprShape {
	stars := 0
	seq := true
	for s := first; ; {
		switch s {
		case shapeStar:
			stars++
		case shapeName, shapeAttrSub, shapeSeq, shapeParen:
		default:
			seq = false
		}
		if r.tok == closer {
			break
		}
		if !r.expect(rComma) {
			return shapeFail
		}
		if r.tok == closer {
			break
		}
		if s = r.starOrNamed(); s == shapeFail {
			return shapeFail
		}
	}
	r.next()
	if seq && stars <= 1 {
		return shapeSeq
	}
	return shapeOther
}

// starOrNamed: an element of a display: starred, or a named expression.
func (r *recogniser) starOrNamed() exprShape {
	if r.tok == rStar {
		return r.starExpr()
	}
	return r.namedExpr()
}

// braces: a dict or set display or comprehension.
func (r *recogniser) braces() exprShape {
	r.next()
	if r.tok == rRBrace {
		r.next()
		return shapeOther
	}
	dict := r.tok == rDoubleStar
	if dict {
		r.next()
		if r.arith() == shapeFail {
			return shapeFail
		}
	} else {
		first := r.starOrNamed()
		if first == shapeFail {
			return shapeFail
		}
		if r.tok == rColon {
			if first == shapeStar || first == shapeStarExpr {
				return shapeFail
			}
			dict = true
			r.next()
			if r.expression() == shapeFail {
				return shapeFail
			}
		} else if first == shapeStar || first == shapeStarExpr {
			// a set's first element, starred
		} else if r.tok == rFor || r.tok == rAsync {
			return r.closedComprehension(rRBrace)
		}
		if !dict {
			for r.tok == rComma {
				r.next()
				if r.tok == rRBrace {
					break
				}
				if r.starOrNamed() == shapeFail {
					return shapeFail
				}
			}
			if !r.expect(rRBrace) {
				return shapeFail
			}
			return shapeOther
		}
		if r.tok == rFor || r.tok == rAsync {
			return r.closedComprehension(rRBrace)
		}
	}
	for r.tok == rComma {
		r.next()
		if r.tok == rRBrace {
			break
		}
		if r.tok == rDoubleStar {
			r.next()
			if r.arith() == shapeFail {
				return shapeFail
			}
			continue
		}
		if r.expression() == shapeFail || !r.expect(rColon) || r.expression() == shapeFail {
			return shapeFail
		}
	}
	if !r.expect(rRBrace) {
		return shapeFail
	}
	return shapeOther
}

// closedComprehension: a display's comprehension clauses and its closing
// bracket.
func (r *recogniser) closedComprehension(close rtok) exprShape {
	if !r.comprehension() || !r.expect(close) {
		return shapeFail
	}
	return shapeOther
}

// comprehension: the for and if clauses of a comprehension.
func (r *recogniser) comprehension() bool {
	for r.tok == rFor || r.tok == rAsync {
		if r.tok == rAsync {
			r.next()
			if r.tok != rFor {
				return false
			}
		}
		r.next()
		if !r.targetList() || !r.expect(rIn) || r.disjunction() == shapeFail {
			return false
		}
		for r.tok == rIf {
			r.next()
			if r.disjunction() == shapeFail {
				return false
			}
		}
	}
	return true
}

// arguments: a call's arguments, from its "(" on; a generator expression
// only as the sole argument.
func (r *recogniser) arguments() bool {
	r.next()
	for n := 0; r.tok != rRPar; n++ {
		switch r.tok {
		case rStar, rDoubleStar:
			r.next()
			if r.expression() == shapeFail {
				return false
			}
		default:
			s := r.namedExpr()
			if s == shapeFail {
				return false
			}
			if s == shapeName && r.tok == rEqual {
				r.next()
				if r.expression() == shapeFail {
					return false
				}
			} else if n == 0 && (r.tok == rFor || r.tok == rAsync) {
				return r.comprehension() && r.expect(rRPar)
			}
		}
		if r.tok != rComma {
			break
		}
		r.next()
	}
	return r.expect(rRPar)
}

// subscripts: a subscript's slices, after its "[".
func (r *recogniser) subscripts() bool {
	for {
		if !r.slice() {
			return false
		}
		if r.tok != rComma {
			break
		}
		r.next()
		if r.tok == rRSqb {
			break
		}
	}
	return r.expect(rRSqb)
}

// slice: an expression or start:stop:step, each part optional; no
// slice in an annotation.
func (r *recogniser) slice() bool {
	if r.tok != rColon {
		if r.expression() == shapeFail {
			return false
		}
		if r.tok != rColon {
			return true
		}
	}
	if r.inType {
		return false // tree-sitter reads "A[0:]" in an annotation as a generic type
	}
	r.next()
	if r.tok != rColon && r.tok != rComma && r.tok != rRSqb {
		if r.expression() == shapeFail {
			return false
		}
	}
	if r.tok != rColon {
		return true
	}
	r.next()
	if r.tok != rComma && r.tok != rRSqb {
		return r.expression() != shapeFail
	}
	return true
}
