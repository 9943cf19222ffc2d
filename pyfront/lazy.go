package pyfront

// A library module is lowered lazily: its imports, assignments and the
// if/try blocks that choose them at once (they bind its names), each
// top-level def or class only when a demand reaches its name (define).
// What no demand reaches is never lowered, and a name bound only by such
// a definition stays unknown to the linker — unknown, never guessed.

// lazyDefs are the top-level definitions of a library module not lowered
// yet, by name, and the module body's builder that lowers them.
type lazyDefs struct {
	b    *fnBuilder
	defs map[string][]int32
}

// lowerLazily lowers a library module's binding statements and sets its
// definitions aside.
func lowerLazily(b *fnBuilder, mi *moduleInfo) {
	t := b.lw.t
	lz := &lazyDefs{b: b, defs: map[string][]int32{}}
	mi.lazy = lz
	if len(t.nodes) == 0 {
		return
	}
	for c := t.nodes[0].first; c >= 0; c = t.nodes[c].next {
		d := c
		if t.kind(c) == kDecoratedDef {
			if cs := t.namedChildren(c); len(cs) > 0 {
				d = cs[len(cs)-1]
			}
		}
		switch t.kind(d) {
		case kFunctionDef, kClassDef:
			if name := t.field(d, fName); name >= 0 {
				lz.defs[t.text(name)] = append(lz.defs[t.text(name)], c)
				continue
			}
		}
		b.lowerStmt(c)
	}
}

// define lowers the definitions of name, if any are waiting.
func (mi *moduleInfo) define(name string) {
	lz := mi.lazy
	if lz == nil {
		return
	}
	nodes := lz.defs[name]
	if nodes == nil {
		return
	}
	delete(lz.defs, name)
	for _, n := range nodes {
		lz.b.lowerStmt(n)
	}
}

// finishLazy closes the module body once no more definitions will be
// lowered.
func (mi *moduleInfo) finishLazy() {
	if mi.lazy == nil {
		return
	}
	mi.lazy.b.finish()
	mi.lazy = nil
}
