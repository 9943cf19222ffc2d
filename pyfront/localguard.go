package pyfront

import "github.com/asynclint/asynclint/asyncir"

// A local bound once to a test of the parameters decides a branch as the
// test would: psutil's cpu_percent(interval=None) says
//
//	blocking = interval is not None and interval > 0.0
//	if blocking:
//	    time.sleep(interval)
//
// so a call without an interval never sleeps.

// localTest is the test of the parameters a local was assigned, with the
// name loads of that test (checkGuards drops what tested a parameter that
// was rebound before the assignment).
type localTest struct {
	guard *asyncir.Guard
	loads []*asyncir.Op
	at    int32 // the assignment
}

// noteLocalTest records "name = <test of parameters>" (lowered since mark)
// in a function body; any other assignment to name forgets it.
func (b *fnBuilder) noteLocalTest(n int32, mark opMark) {
	t := b.lw.t
	left, right := t.field(n, fLeft), t.field(n, fRight)
	if b.fi.isModule || b.fi.isClass || left < 0 || t.kind(left) != kIdentifier {
		return
	}
	name := t.text(left)
	if b.fi.isParam(name) || b.fi.declared[name] {
		return
	}
	delete(b.localTests, name)
	if right < 0 || t.kind(right) == kAssignment {
		return
	}
	outer := b.localLoads
	b.localLoads = nil
	g := b.condGuard(right)
	inner := b.localLoads
	b.localLoads = outer
	if g == nil {
		return
	}
	loads := append(b.loadsSince(mark), inner...)
	if b.localTests == nil {
		b.localTests = map[string]localTest{}
	}
	b.localTests[name] = localTest{guard: g, loads: loads, at: n}
}

// localGuard is the test the local named by n was assigned, when that
// assignment is its only binding in the function (a loop, a branch or a
// nested scope cannot have rebound it); its loads join the guard's.
func (b *fnBuilder) localGuard(n int32) *asyncir.Guard {
	name := b.lw.t.text(n)
	lt, ok := b.localTests[name]
	if !ok || !b.boundOnce(name, lt.at) {
		return nil
	}
	b.localLoads = append(b.localLoads, lt.loads...)
	return lt.guard
}

// boundOnce reports whether the function holding the assignment at binds
// name nowhere else, nested scopes included.
func (b *fnBuilder) boundOnce(name string, at int32) bool {
	if once, ok := b.onceBound[name]; ok {
		return once
	}
	t := b.lw.t
	fn := at
	for fn >= 0 && t.kind(fn) != kFunctionDef {
		fn = t.nodes[fn].parent
	}
	once := false
	if fn >= 0 {
		once = countBindings(t, t.field(fn, fBody), name) == 1
	}
	if b.onceBound == nil {
		b.onceBound = map[string]bool{}
	}
	b.onceBound[name] = once
	return once
}

// countBindings counts the identifiers spelling name under n that a
// binding construct may bind; unknown constructs count (over-counting
// only costs a guard).
func countBindings(t *tree, n int32, name string) int {
	if n < 0 {
		return 0
	}
	count := 0
	if t.kind(n) == kIdentifier && t.text(n) == name && binds(t, n) {
		count++
	}
	for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
		count += countBindings(t, c, name)
	}
	return count
}

// binds reports whether the identifier n may be bound where it stands.
func binds(t *tree, n int32) bool {
	// Climb out of unpacking targets: "a, (flag, b) = ...".
	for {
		p := t.nodes[n].parent
		if p < 0 {
			return false
		}
		switch t.kind(p) {
		case kTuple, kList, kParenthesized, kExpressionList, kPatternList, kTuplePattern, kListPattern, kListSplatPattern, kListSplat:
			n = p
			continue
		}
		break
	}
	p := t.nodes[n].parent
	field := t.nodes[n].field
	switch t.kind(p) {
	case kAssignment, kAugAssignment, kFor, kForInClause:
		return field == fLeft
	case kNamedExpr, kFunctionDef, kClassDef:
		return field == fName
	case kAsPatternTarget, kExcept, kGlobal, kNonlocal, kDelete, kImport, kImportFrom, kAliasedImport, kDottedName,
		kParameters, kLambdaParameters, kTypedParameter, kDefaultParameter, kTypedDefaultParameter, kDictSplatPattern,
		kCaseClause, kOther:
		return true
	}
	return false
}
