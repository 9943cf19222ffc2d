package pyfront

import (
	"slices"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

// A library module is lowered lazily: its imports, assignments and the
// if/try blocks that choose them at once (they bind its names), each
// top-level def or class only when a demand reaches its name (define).
// What no demand reaches is never lowered — most often never parsed
// either (libsplit.go) — and a name bound only by such a definition stays
// unknown to the linker: unknown, never guessed.
// A project module the fast path lowers only because async code calls
// into it (moduleInfo.onDemand) is lowered the same way: the helper walk
// (helpers.go) defines what async code reaches, nothing else can be
// reported there.

// lazyDefs are the top-level definitions of a library module not lowered
// yet, by name, and the module body's builder that lowers them: nodes of
// the module's tree, or chunks of its text still to parse (split, with
// what parses them: pool, wanted, trees).
type lazyDefs struct {
	b      *fnBuilder
	defs   map[string][]int32
	split  *libSplit
	pool   *parserPool
	wanted func(string) bool
	trees  *libTrees
	// methods maps a method name to the top-level classes that define
	// one, so a call by method name defines the classes it may reach.
	methods map[string][]string
	// parts, for a project module split by its text (filesplit.go),
	// holds the definitions not parsed yet; they are parsed over the
	// file's own text.
	parts *fileSplit
	// left are the methods library classes' chunks left out, the
	// first leftSeen of them known to the loader (libgraft.go).
	left     []*leftOut
	leftSeen int
	// stmtOf is the row of the top-level statement each function and
	// class was lowered from: finishLazy puts them back in source order,
	// the order an eager lowering gives (analyses that pick the first of
	// equals then agree). Rows, not nodes: a chunk is a tree of its own
	// whose rows are the file's.
	stmtOf map[any]int32
	// grafted: members of a split module's classes were lowered into
	// them after the classes (members.go).
	grafted bool
}

// lower lowers top-level statement n of the tree being lowered and tags
// what it defines.
func (lz *lazyDefs) lower(mi *moduleInfo, n int32) {
	f0, c0 := len(mi.mod.Funcs), len(mi.mod.Classes)
	lz.b.lowerStmt(n)
	row := int32(lz.b.lw.t.nodes[n].row)
	for _, f := range mi.mod.Funcs[f0:] {
		lz.stmtOf[f] = row
	}
	for _, c := range mi.mod.Classes[c0:] {
		lz.stmtOf[c] = row
	}
}

// lowerLazily lowers a library module's binding statements and sets its
// definitions aside.
func lowerLazily(b *fnBuilder, mi *moduleInfo) {
	t := b.lw.t
	lz := &lazyDefs{b: b, defs: map[string][]int32{}, methods: map[string][]string{}, stmtOf: map[any]int32{}}
	mi.lazy = lz
	if len(t.nodes) == 0 {
		lz.parts, mi.split = mi.split, nil
		return
	}
	if mi.split != nil {
		// The definitions this tree holds were chosen to be lowered at
		// once; the others wait in the split.
		lz.parts, mi.split = mi.split, nil
		for c := t.nodes[0].first; c >= 0; c = t.nodes[c].next {
			lz.lower(mi, c)
		}
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

// waiting reports whether name is bound by a definition not lowered yet.
func (lz *lazyDefs) waiting(name string) bool {
	return lz.defs[name] != nil || lz.split != nil && lz.split.defs[name] != nil || lz.parts != nil && lz.parts.defs[name] != nil
}

// waitingClass reports whether name is bound by a class statement not
// lowered yet.
func (lz *lazyDefs) waitingClass(name string) bool {
	if lz.split == nil {
		return false
	}
	for _, c := range lz.split.defs[name] {
		if c.kw == "class" {
			return true
		}
	}
	return false
}

// define lowers the definitions of name, if any are waiting.
func (mi *moduleInfo) define(name string) {
	lz := mi.lazy
	if lz == nil {
		return
	}
	if nodes := lz.defs[name]; nodes != nil {
		delete(lz.defs, name)
		for _, n := range nodes {
			lz.lower(mi, n)
		}
	}
	if lz.parts != nil && lz.parts.defs[name] != nil {
		lz.defineParts(mi, lz.parts.take(name))
	}
	if lz.split == nil || lz.split.defs[name] == nil {
		return
	}
	chunks := lz.split.defs[name]
	delete(lz.split.defs, name)
	for _, c := range chunks {
		src, dropped, t := lz.chunk(c, nil)
		if t == nil || len(t.nodes) == 0 {
			continue
		}
		// The module body's builder goes on with the chunk's tree: the
		// definition is bound in the module's scope, in file order.
		modLw := lz.b.lw
		lz.b.lw = &lowerer{t: t, mi: mi, path: modLw.path, versionNames: modLw.versionNames}
		c0 := len(mi.classes)
		for n := t.nodes[0].first; n >= 0; n = t.nodes[n].next {
			lz.lower(mi, n)
		}
		lz.b.lw = modLw
		mi.libTexts = append(mi.libTexts, src)
		if len(dropped) > 0 {
			lz.leaveOut(mi, mi.classes[c0:], name, c, dropped)
		}
	}
}

// chunk returns the text of definition c (of just the methods only of a
// class, when set), the methods it left out and its tree: kept by an
// earlier run, or written, parsed and kept.
func (lz *lazyDefs) chunk(c libChunk, only map[string]bool) (src []byte, dropped []string, t *tree) {
	key := lz.trees.chunkKey(lz.split, c, lz.wanted, only)
	if src, dropped, t = lz.trees.loadChunk(key); t != nil {
		return src, dropped, t
	}
	if only != nil {
		src = lz.split.graftChunk(c, lz.wanted, only)
	} else {
		src, dropped = lz.split.chunk(c, lz.wanted)
	}
	if src == nil {
		return nil, nil, nil
	}
	if t = lz.trees.load(src); t == nil {
		t = lz.pool.parseChunk(src)
		if key == "" {
			lz.trees.store(t)
		}
	}
	lz.trees.storeChunk(key, src, dropped, t)
	return src, dropped, t
}

// defineParts parses the segments idx of a split project module at their
// places in its text and lowers them, in the module's scope.
func (lz *lazyDefs) defineParts(mi *moduleInfo, idx []int) {
	t := lz.parts.parse(lz.parts.rangesOf(lz.parts.lowerSpans(idx)))
	if t == nil {
		lz.parts.suspect = true
		return
	}
	modLw := lz.b.lw
	lz.parts.noteSyntax(t, mi, modLw.path)
	lz.b.lw = &lowerer{t: t, mi: mi, path: modLw.path, versionNames: modLw.versionNames}
	for n := t.nodes[0].first; n >= 0; n = t.nodes[n].next {
		lz.lower(mi, n)
	}
	lz.b.lw = modLw
	t.recycle()
}

// chunkTimeout bounds the parse of one chunk.
const chunkTimeout = 10 * time.Second

// parseChunk parses and flattens a chunk of a library module (nil when
// the parse gave up).
func (p *parserPool) parseChunk(src []byte) *tree {
	return p.parse(src, nil, chunkTimeout, keptTree, nil)
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
	if parts := mi.lazy.parts; parts != nil {
		for _, cls := range parts.classesWithMethod(name) {
			mi.define(cls)
		}
		mi.lazy.graftMembers(mi, func(m *memberPart) bool { return m.name == name })
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
	if lz.parts != nil {
		for j := range lz.parts.members {
			lz.parts.members[j].wanted = true
		}
		lz.graftMembers(mi, func(*memberPart) bool { return true })
		var idx []int
		for _, name := range lz.parts.waitingNames() {
			idx = append(idx, lz.parts.take(name)...)
		}
		slices.Sort(idx)
		lz.defineParts(mi, idx)
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
	mi.finishLeftOut(lz)
	mi.lazy = nil
	if lz.parts != nil {
		lz.parts.finishSyntax(mi, lz.b.lw.path)
	}
	if lz.grafted {
		lz.memberOrder(mi)
		return
	}
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
