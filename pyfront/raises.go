package pyfront

import "github.com/asynclint/asynclint/asyncir"

// raises reports whether op can raise an exception, so that inside a try
// body the handlers are reached from just before it: calls (and what
// they run: awaits, yields, with, for), raise, subscripts, attribute reads
// other than of an imported name (sys.version_info), attribute and
// subscript stores, and arithmetic. Loads of names, constants, displays,
// comparisons (sys.version_info >= (3, 11)) and stores to names do not:
// a path that leaves a try body from one of those is a path that cannot
// happen. Imports raise too; lowerImport marks them itself.
func (b *fnBuilder) raises(op *asyncir.Op) bool {
	switch op.Kind {
	case asyncir.OpCall, asyncir.OpAwait, asyncir.OpYield, asyncir.OpRaise, asyncir.OpWith, asyncir.OpFor:
		return true
	case asyncir.OpAttr:
		return op.Attr == "" || !b.importedReceiver(op.Recv)
	case asyncir.OpStore:
		return op.Var == ""
	case asyncir.OpRef:
		return len(op.Args) > 0 // a binary operator
	}
	return false
}

// importedReceiver reports whether v is a name bound by an import.
func (b *fnBuilder) importedReceiver(v *asyncir.Value) bool {
	if v == nil {
		return false
	}
	s := b.lw.mi.syms[v]
	return s != nil && s.kind == symName && importedName(b.lw.mi, s) != ""
}

// raisePoint ends the current block just before an op that can raise
// inside a try body, with an edge to every handler that can catch it.
func (b *fnBuilder) raisePoint() {
	prev := b.cur
	if len(prev.Handlers) == 0 {
		return
	}
	b.cur = b.newBlock()
	edge(prev, b.cur)
	for _, h := range prev.Handlers {
		edge(prev, h)
	}
}
