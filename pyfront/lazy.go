package pyfront

import (
	"slices"

	"github.com/asynclint/asynclint/asyncir"
)

// A library module is lowered lazily: its imports, assignments and the
// if/try blocks that choose them at once (they bind its names), each
// top-level def or class only when a demand reaches its name (define).
// What no demand reaches is never lowered, and a name bound only by such
// a definition stays unknown to the linker — unknown, never guessed.
// A project module the fast path lowers only because async code calls
// into it (moduleInfo.onDemand) is lowered the same way: the helper walk
// (helpers.go) defines what async code reaches, nothing else can be
// reported there.

// lazyDefs are the top-level definitions of a library module not lowered
// yet, by name, and the module body's builder that lowers them.
type lazyDefs struct {
	b    *fnBuilder
	defs map[string][]int32
	// methods maps a method name to the top-level classes that define
	// one, so a call by method name defines the classes it may reach.
	methods map[string][]string
	// stmtOf is the top-level statement each function and class was
	// lowered from: finishLazy puts them back in source order, the order
	// an eager lowering gives (analyses that pick the first of equals
	// then agree).
	stmtOf map[any]int32
}

// lower lowers top-level statement n and tags what it defines.
func (lz *lazyDefs) lower(mi *moduleInfo, n int32) {
	f0, c0 := len(mi.mod.Funcs), len(mi.mod.Classes)
	lz.b.lowerStmt(n)
	for _, f := range mi.mod.Funcs[f0:] {
		lz.stmtOf[f] = n
	}
	for _, c := range mi.mod.Classes[c0:] {
		lz.stmtOf[c] = n
	}
}

// lowerLazily lowers a library module's binding statements and sets its
// definitions aside.
func lowerLazily(b *fnBuilder, mi *moduleInfo) {
	t := b.lw.t
	lz := &lazyDefs{b: b, defs: map[string][]int32{}, methods: map[string][]string{}, stmtOf: map[any]int32{}}
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
				if t.kind(d) == kClassDef {
					lz.indexMethods(t, d, t.text(name))
				}
				continue
			}
		}
		lz.lower(mi, c)
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
		lz.lower(mi, n)
	}
}

// indexMethods records the methods of class node n (and of the classes
// nested in it) under the top-level class name cls.
func (lz *lazyDefs) indexMethods(t *tree, n int32, cls string) {
	body := t.field(n, fBody)
	if body < 0 {
		return
	}
	for c := t.nodes[body].first; c >= 0; c = t.nodes[c].next {
		d := c
		if t.kind(c) == kDecoratedDef {
			if cs := t.namedChildren(c); len(cs) > 0 {
				d = cs[len(cs)-1]
			}
		}
		name := t.field(d, fName)
		switch {
		case name < 0:
		case t.kind(d) == kFunctionDef:
			if m := t.text(name); !contains(lz.methods[m], cls) {
				lz.methods[m] = append(lz.methods[m], cls)
			}
		case t.kind(d) == kClassDef:
			lz.indexMethods(t, d, cls)
		}
	}
}

// defineMethod lowers the classes that define a method called name.
func (mi *moduleInfo) defineMethod(name string) {
	if mi.lazy == nil {
		return
	}
	for _, cls := range mi.lazy.methods[name] {
		mi.define(cls)
	}
}

// defineAll lowers every definition still waiting, in source order.
func (mi *moduleInfo) defineAll() {
	lz := mi.lazy
	if lz == nil {
		return
	}
	var nodes []int32
	for _, ns := range lz.defs {
		nodes = append(nodes, ns...)
	}
	slices.Sort(nodes)
	clear(lz.defs)
	for _, n := range nodes {
		lz.lower(mi, n)
	}
}

// finishLazy closes the module body once no more definitions will be
// lowered.
func (mi *moduleInfo) finishLazy() {
	if mi.lazy == nil {
		return
	}
	lz := mi.lazy
	lz.b.finish()
	mi.lazy = nil
	// The body (untagged) stays first; the rest in source order.
	tag := func(x any) int32 {
		if n, ok := lz.stmtOf[x]; ok {
			return n
		}
		return -1
	}
	slices.SortStableFunc(mi.mod.Funcs, func(a, b *asyncir.Func) int { return int(tag(a) - tag(b)) })
	slices.SortStableFunc(mi.mod.Classes, func(a, b *asyncir.Class) int { return int(tag(a) - tag(b)) })
	slices.SortStableFunc(mi.funcs, func(a, b *funcInfo) int { return int(tag(a.f) - tag(b.f)) })
	slices.SortStableFunc(mi.classes, func(a, b *classInfo) int { return int(tag(a.cls) - tag(b.cls)) })
}
