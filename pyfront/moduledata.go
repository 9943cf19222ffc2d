package pyfront

// Module-level data that no rule reads is not lowered. The values of a
// dict display are reachable from nothing but the ops that build them
// (iterating a dict yields its keys, which stay its Elems), and a value
// that is itself a display of constants — the rows of a generated
// module's tables, "TABLE = {'k0': (0, 0, '0'), ...}" — holds no call, no
// name and no awaitable for any rule to follow. In the module's own body
// such a value is skipped: its ops and values were most of a generated
// module's IR (a 10 MB module: about 30 % of the heap after lowering).
// Function and class bodies are lowered as written.
//
// The scan of constant displays (constlit.go) and the tree agree: every
// display the scan accepts is one constDisplayNode accepts, so a module
// lowered in segments is still lowered as a whole (TestSegmentsLowerAsWhole).

// skipDictValue reports whether lowering leaves out the dict display
// value n of the statement being lowered by b.
func (b *fnBuilder) skipDictValue(n int32) bool {
	return b.fi.isModule && n >= 0 && constDisplayNode(b.lw.t, n)
}

// skipConstDictValue is skipDictValue for a value the scan read.
func (b *fnBuilder) skipConstDictValue(c *constLit) bool {
	switch c.kind {
	case kList, kTuple, kSet, kDictionary:
		return b.fi.isModule
	}
	return false
}

// constDisplayNode reports whether n is a list, tuple, set or dict
// display of constants only.
func constDisplayNode(t *tree, n int32) bool {
	switch t.kind(n) {
	case kList, kTuple, kSet, kDictionary:
		return constNode(t, n)
	}
	return false
}

// constNode reports whether n is a constant (a number, a string without
// interpolation, True, False, None, a signed number) or a display of
// constants.
func constNode(t *tree, n int32) bool {
	switch t.kind(n) {
	case kInteger, kFloat, kTrue, kFalse, kNone:
		return true
	case kString:
		for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
			if t.kind(c) == kInterpolation {
				return false
			}
		}
		return true
	case kUnaryOp:
		// Its one named child is the operand.
		for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
			if t.nodes[c].named && t.kind(c) != kInteger && t.kind(c) != kFloat {
				return false
			}
		}
		return true
	case kList, kTuple, kSet, kDictionary, kPair, kParenthesized, kConcatString:
		for c := t.nodes[n].first; c >= 0; c = t.nodes[c].next {
			if t.nodes[c].named && t.kind(c) != kComment && !constNode(t, c) {
				return false
			}
		}
		return true
	}
	return false
}
