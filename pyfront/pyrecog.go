package pyfront

import "bytes"

// A recogniser of Python 3 syntax, to spare tree-sitter the parts of a
// split module that are parsed only to learn whether they hold a syntax
// error (splitsyntax.go). It answers valid or unsure, never invalid: it
// knows the common forms of Python 3 by a recursive descent over the
// tokens of pyrecog_lex.go, building nothing, and whatever it does not
// follow fully — a match statement, except*, parenthesised with items,
// star expressions in subscripts, return or yield, PEP 695 type
// parameters — is unsure. Valid means what tree-sitter and legacySyntax
// would answer too: no ERROR or MISSING node, no Python 2 syntax; where
// tree-sitter's grammar is narrower than Python's (an annotation's
// generic type, a starred tuple as a statement, a line in brackets
// indented less than its block) the recogniser is unsure too. The
// differential, mutation and fuzz tests (pyrecog_test.go) hold it to
// that against tree-sitter itself.

// recogniser parses the token stream of its lexer.
type recogniser struct {
	recogLexer
	nest int // the nesting of expressions, bounded
	// inType: an annotation is being read (typeExpression).
	inType bool
	// topStars counts the starred expressions of the last starExprs,
	// topStarExprs those whose operand is not a name, attribute or
	// subscript.
	topStars, topStarExprs int
}

// maxRecogNest bounds the recursion; deeper text is left to tree-sitter.
const maxRecogNest = 80

// recognisePython reports whether the spans of src (in file order, each
// starting at a line and holding whole statements, as the rest of a split
// module does) are surely Python 3 that tree-sitter parses without error.
func recognisePython(src []byte, spans [][2]int) bool {
	r := recogniser{recogLexer: recogLexer{src: src, spans: spans, lineStart: true}}
	return r.module()
}

// exprShape is what an expression is as an assignment target; shapeFail
// is a text that is not an expression.
type exprShape uint8

const (
	shapeFail     exprShape = iota
	shapeName               // a bare name
	shapeAttrSub            // x.a or x[i]
	shapeSeq                // a tuple or list of targets
	shapeParen              // a target in parentheses: (a)
	shapeStar               // *target
	shapeStarExpr           // *expression, not a target
	shapeOther              // any other expression
)

// isTarget: the shape can be assigned to in a target list.
func (s exprShape) isTarget() bool {
	return s == shapeName || s == shapeAttrSub || s == shapeSeq || s == shapeParen
}

// isSingleTarget: the shape can be the target of an augmented or
// annotated assignment.
func (s exprShape) isSingleTarget() bool {
	return s == shapeName || s == shapeAttrSub || s == shapeParen
}

func (r *recogniser) expect(t rtok) bool {
	if r.tok != t {
		return false
	}
	r.next()
	return true
}

// module: statements to the end of the text.
func (r *recogniser) module() bool {
	r.next()
	for r.tok != rEOF {
		if r.bad || !r.statement() {
			return false
		}
	}
	return !r.bad
}

// fieldExpression: the expression of an f-string's field, the whole
// text: an expression or a tuple of them.
func (r *recogniser) fieldExpression() bool {
	r.next()
	return r.exprList() != shapeFail && r.tok == rEOF && !r.bad
}

func (r *recogniser) statement() bool {
	switch r.tok {
	case rIf:
		return r.ifStatement()
	case rWhile:
		r.next()
		return r.namedExpr() != shapeFail && r.clause() && r.elseClause()
	case rFor:
		return r.forStatement()
	case rTry:
		return r.tryStatement()
	case rWith:
		return r.withStatement()
	case rDef:
		return r.def()
	case rClass:
		return r.class()
	case rAt:
		for r.tok == rAt {
			r.next()
			if r.namedExpr() == shapeFail || !r.expect(rNewline) {
				return false
			}
		}
		switch r.tok {
		case rDef:
			return r.def()
		case rClass:
			return r.class()
		case rAsync:
			r.next()
			return r.tok == rDef && r.def()
		}
		return false
	case rAsync:
		r.next()
		switch r.tok {
		case rDef:
			return r.def()
		case rFor:
			return r.forStatement()
		case rWith:
			return r.withStatement()
		}
		return false
	}
	return r.simpleStatements()
}

// clause: ":" and a block.
func (r *recogniser) clause() bool {
	return r.expect(rColon) && r.block()
}

// elseClause: an optional else clause.
func (r *recogniser) elseClause() bool {
	if r.tok != rElse {
		return true
	}
	r.next()
	return r.clause()
}

// block: simple statements on the line, or an indented block.
func (r *recogniser) block() bool {
	if r.tok != rNewline {
		return r.simpleStatements()
	}
	r.next()
	if !r.expect(rIndent) {
		return false
	}
	for r.tok != rDedent {
		if r.bad || r.tok == rEOF || !r.statement() {
			return false
		}
	}
	r.next()
	return true
}

func (r *recogniser) ifStatement() bool {
	r.next()
	if r.namedExpr() == shapeFail || !r.clause() {
		return false
	}
	for r.tok == rElif {
		r.next()
		if r.namedExpr() == shapeFail || !r.clause() {
			return false
		}
	}
	return r.elseClause()
}

func (r *recogniser) forStatement() bool {
	r.next()
	return r.targetList() && r.expect(rIn) && r.exprList() != shapeFail && r.clause() && r.elseClause()
}

func (r *recogniser) tryStatement() bool {
	r.next()
	if !r.clause() {
		return false
	}
	if r.tok == rFinally {
		r.next()
		return r.clause()
	}
	if r.tok != rExcept {
		return false
	}
	for r.tok == rExcept {
		r.next()
		if r.tok == rColon {
			// A bare except is the last.
			r.next()
			if !r.block() || r.tok == rExcept {
				return false
			}
			break
		}
		if r.tok == rStar || r.expression() == shapeFail {
			return false // except* is left to tree-sitter
		}
		if r.tok == rAs {
			r.next()
			if !r.expect(rName) {
				return false
			}
		}
		if !r.clause() {
			return false
		}
	}
	if !r.elseClause() {
		return false
	}
	if r.tok == rFinally {
		r.next()
		return r.clause()
	}
	return true
}

// withStatement: with items; a parenthesised list of items (Python 3.9)
// is left to tree-sitter, which reads "with (a, b):" either way; an item
// that only starts with a parenthesis, "with (p / q).open() as f:", is
// read here.
func (r *recogniser) withStatement() bool {
	r.next()
	if r.tok == rLPar {
		e := closingBracket(r.src, r.ts, r.end)
		for e >= 0 && e < r.end && (r.src[e] == ' ' || r.src[e] == '\t') {
			e++
		}
		if e < 0 || e == r.end || r.src[e] == ':' {
			return false
		}
	}
	for {
		if r.expression() == shapeFail {
			return false
		}
		if r.tok == rAs {
			r.next()
			if !r.target() {
				return false
			}
		}
		if r.tok != rComma {
			break
		}
		r.next()
	}
	return r.clause()
}

func (r *recogniser) def() bool {
	r.next()
	if !r.expect(rName) || !r.expect(rLPar) || !r.parameters(rRPar, true) || !r.expect(rRPar) {
		return false
	}
	if r.tok == rArrow {
		r.next()
		if r.typeExpression() == shapeFail {
			return false
		}
	}
	return r.clause()
}

func (r *recogniser) class() bool {
	r.next()
	if !r.expect(rName) {
		return false
	}
	if r.tok == rLPar {
		if !r.arguments() {
			return false
		}
	}
	return r.clause()
}

// parameters: a def's (annotated) or a lambda's, up to closer.
func (r *recogniser) parameters(closer rtok, annotated bool) bool {
	for r.tok != closer {
		switch r.tok {
		case rStar, rDoubleStar:
			star := r.tok == rStar
			r.next()
			if star && (r.tok == rComma || r.tok == closer) {
				break // the keyword-only marker
			}
			if !r.expect(rName) || !r.annotation(annotated) {
				return false
			}
		case rSlash:
			r.next()
		case rName:
			r.next()
			if !r.annotation(annotated) {
				return false
			}
			if r.tok == rEqual {
				r.next()
				if r.expression() == shapeFail {
					return false
				}
			}
		default:
			return false
		}
		if r.tok != rComma {
			break
		}
		r.next()
	}
	return r.tok == closer
}

// annotation: an optional parameter annotation.
func (r *recogniser) annotation(annotated bool) bool {
	if !annotated || r.tok != rColon {
		return true
	}
	r.next()
	return r.typeExpression() != shapeFail
}

// typeExpression: an annotation. Tree-sitter reads one as a type, whose
// generic form, a name and brackets, takes no further trailer
// ("x[1][2]", "x[1](y)" are errors there): inType makes primary refuse
// them.
func (r *recogniser) typeExpression() exprShape {
	r.inType = true
	s := r.expression()
	r.inType = false
	return s
}

// simpleStatements: simple statements separated by ";" up to the end of
// the line.
func (r *recogniser) simpleStatements() bool {
	for {
		if !r.simpleStatement() {
			return false
		}
		if r.tok == rSemi {
			r.next()
			if r.tok == rNewline {
				break
			}
			continue
		}
		break
	}
	return r.expect(rNewline)
}

// ends: the simple statement ends here.
func (r *recogniser) ends() bool {
	return r.tok == rNewline || r.tok == rSemi
}

func (r *recogniser) simpleStatement() bool {
	switch r.tok {
	case rPass, rBreak, rContinue:
		r.next()
		return true
	case rReturn:
		r.next()
		return r.ends() || r.exprList() != shapeFail
	case rRaise:
		r.next()
		if r.ends() {
			return true
		}
		if r.expression() == shapeFail {
			return false
		}
		if r.tok == rFrom {
			r.next()
			return r.expression() != shapeFail
		}
		return true
	case rGlobal, rNonlocal:
		r.next()
		return r.commaSeparated(func() bool { return r.expect(rName) })
	case rDel:
		r.next()
		return r.targetList()
	case rAssert:
		r.next()
		if r.expression() == shapeFail {
			return false
		}
		if r.tok == rComma {
			r.next()
			return r.expression() != shapeFail
		}
		return true
	case rImport:
		r.next()
		return r.commaSeparated(func() bool { return r.dottedName() && r.alias() })
	case rFrom:
		return r.fromImport()
	case rYield:
		return r.yieldExpr()
	case rName:
		soft, ok := r.nameStartsStatement()
		if !ok {
			return false
		}
		return r.expressionStatement(soft)
	}
	return r.expressionStatement(false)
}

// nameStartsStatement is false for a statement whose first name
// tree-sitter may read as a keyword: match, case and type (soft keywords,
// soft true) unless followed by "=", ".", ",", "(" or "[", and print or
// exec unless called in a statement of its own (else they are Python 2's
// statements).
func (r *recogniser) nameStartsStatement() (soft, ok bool) {
	w := r.src[r.ts:r.te]
	if len(w) < 4 || len(w) > 5 {
		return false, true
	}
	after := r.te
	for after < r.end && (r.src[after] == ' ' || r.src[after] == '\t') {
		after++
	}
	at := func(k int) byte {
		if k < r.end {
			return r.src[k]
		}
		return 0
	}
	switch string(w) {
	case "match", "case", "type":
		switch at(after) {
		case '.', ',', '(', '[':
			return true, true
		case '=':
			return true, at(after+1) != '='
		}
		return true, false
	case "print", "exec":
		if at(after) != '(' {
			return false, false
		}
		// The call's closing parenthesis ends the statement.
		k := closingBracket(r.src, after, r.end)
		for k >= 0 && k < r.end && (r.src[k] == ' ' || r.src[k] == '\t') {
			k++
		}
		return false, k == r.end || k >= 0 && bytes.IndexByte([]byte("\r\n;#"), r.src[k]) >= 0
	}
	return false, true
}

// closingBracket returns the offset after the bracket that closes the
// one at src[k], or -1 before end; strings, comments and continuations
// are skipped.
func closingBracket(src []byte, k, end int) int {
	depth := 0
	for k < end {
		switch c := src[k]; c {
		case '\'', '"':
			e, ok := skipString(src[:end], k)
			if !ok {
				return -1
			}
			k = e
			continue
		case '#':
			for k < end && src[k] != '\n' {
				k++
			}
			continue
		case '\\':
			k += 2
			continue
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return k + 1
			}
		}
		k++
	}
	return -1
}

// expressionStatement: an expression, an assignment (chained, annotated
// or augmented). After a soft keyword, an annotation is left to
// tree-sitter ("match (x): ..." starts a match statement).
func (r *recogniser) expressionStatement(soft bool) bool {
	s := r.starExprs()
	switch r.tok {
	case rEqual:
		for r.tok == rEqual {
			if !s.isTarget() {
				return false
			}
			r.next()
			if s = r.assignedValue(); s == shapeFail {
				return false
			}
		}
		return true
	case rAugAssign:
		if !s.isSingleTarget() {
			return false
		}
		r.next()
		return r.assignedValue() != shapeFail
	case rColon:
		if soft || !s.isSingleTarget() {
			return false
		}
		r.next()
		if r.typeExpression() == shapeFail {
			return false
		}
		if r.tok == rEqual {
			r.next()
			return r.assignedValue() != shapeFail
		}
		return true
	}
	// A tuple with a starred item as a statement of its own: tree-sitter
	// reads "*a, b" as a pattern and takes "*0," for an error.
	return s != shapeFail && r.topStars == 0
}

// assignedValue: what follows "=": a yield expression or expressions.
func (r *recogniser) assignedValue() exprShape {
	if r.tok == rYield {
		if !r.yieldExpr() {
			return shapeFail
		}
		return shapeOther
	}
	// Tree-sitter takes "x = *0," and "x = *(a), b" for errors.
	s := r.starExprs()
	if s == shapeStar || s == shapeStarExpr || r.topStarExprs > 0 {
		return shapeFail
	}
	return s
}

func (r *recogniser) fromImport() bool {
	r.next()
	dots := false
	for r.tok == rDot || r.tok == rEllipsis {
		dots = true
		r.next()
	}
	future := false
	if r.tok == rName {
		future = !dots && string(r.src[r.ts:r.te]) == "__future__"
		if !r.dottedName() {
			return false
		}
	} else if !dots {
		return false
	}
	if !r.expect(rImport) {
		return false
	}
	if r.tok == rStar && !future { // tree-sitter's future import names names
		r.next()
		return true
	}
	paren := r.tok == rLPar
	if paren {
		r.next()
	}
	for {
		if !r.expect(rName) || !r.alias() {
			return false
		}
		if r.tok != rComma {
			break
		}
		r.next()
		if paren && r.tok == rRPar {
			break
		}
	}
	return !paren || r.expect(rRPar)
}

// commaSeparated: one or more items separated by commas, with no
// trailing comma.
func (r *recogniser) commaSeparated(item func() bool) bool {
	for {
		if !item() {
			return false
		}
		if r.tok != rComma {
			return true
		}
		r.next()
	}
}

// alias: an optional "as NAME".
func (r *recogniser) alias() bool {
	if r.tok != rAs {
		return true
	}
	r.next()
	return r.expect(rName)
}

func (r *recogniser) dottedName() bool {
	for {
		if !r.expect(rName) {
			return false
		}
		if r.tok != rDot {
			return true
		}
		r.next()
	}
}

// yieldExpr: "yield from e", or "yield" with optional expressions.
func (r *recogniser) yieldExpr() bool {
	r.next()
	if r.tok == rFrom {
		r.next()
		return r.expression() != shapeFail
	}
	if !r.startsExpression() {
		return true
	}
	return r.exprList() != shapeFail
}

// startsExpression: the token may start an expression.
func (r *recogniser) startsExpression() bool {
	switch r.tok {
	case rName, rNumber, rString, rLPar, rLSqb, rLBrace, rMinus, rPlus, rTilde, rNot, rLambda, rAwait,
		rTrue, rFalse, rNone, rEllipsis:
		return true
	}
	return false
}

// targetList: targets separated by commas (a for loop's, del's).
func (r *recogniser) targetList() bool {
	for {
		if r.tok == rStar {
			r.next()
		}
		if !r.target() {
			return false
		}
		if r.tok != rComma {
			return true
		}
		r.next()
		if r.tok == rIn || r.ends() {
			return true
		}
	}
}

// target: a name, attribute, subscript or parenthesised or bracketed
// targets.
func (r *recogniser) target() bool {
	return r.primary().isTarget()
}
