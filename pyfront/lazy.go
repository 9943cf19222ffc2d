package pyfront

import (
	"time"

	sitter "github.com/smacker/go-tree-sitter"
)

// A library module is lowered lazily: its imports, assignments and the
// if/try blocks that choose them at once (they bind its names), each
// top-level def or class only when a demand reaches its name (define).
// What no demand reaches is never lowered — most often never parsed
// either (libsplit.go) — and a name bound only by such a definition stays
// unknown to the linker: unknown, never guessed.

// lazyDefs are the top-level definitions of a library module not lowered
// yet, by name, and the module body's builder that lowers them: nodes of
// the module's tree, or chunks of its text still to parse.
type lazyDefs struct {
	b      *fnBuilder
	defs   map[string][]int32
	split  *libSplit
	pool   *parserPool
	wanted func(string) bool
	trees  *libTrees
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

// waiting reports whether name is bound by a definition not lowered yet.
func (lz *lazyDefs) waiting(name string) bool {
	return lz.defs[name] != nil || lz.split != nil && lz.split.defs[name] != nil
}

// waitingClass reports whether name is bound by a class statement not
// lowered yet.
func (lz *lazyDefs) waitingClass(name string) bool {
	if lz.split == nil {
		return false
	}
	for _, c := range lz.split.defs[name] {
		if kw, _ := defHeader(lz.split.src, lz.split.lines[c.stmt.head]); kw == "class" {
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
			lz.b.lowerStmt(n)
		}
	}
	if lz.split == nil || lz.split.defs[name] == nil {
		return
	}
	chunks := lz.split.defs[name]
	delete(lz.split.defs, name)
	for _, c := range chunks {
		src := lz.split.chunk(c, lz.wanted)
		t := lz.trees.load(src)
		if t == nil {
			t = lz.pool.parseChunk(src)
			lz.trees.store(t)
		}
		if t == nil || len(t.nodes) == 0 {
			continue
		}
		// The module body's builder goes on with the chunk's tree: the
		// definition is bound in the module's scope, in file order.
		modLw := lz.b.lw
		lz.b.lw = &lowerer{t: t, mi: mi, path: modLw.path, versionNames: modLw.versionNames}
		for n := t.nodes[0].first; n >= 0; n = t.nodes[n].next {
			lz.b.lowerStmt(n)
		}
		lz.b.lw = modLw
	}
}

// chunkTimeout bounds the parse of one chunk.
const chunkTimeout = 10 * time.Second

// parseChunk parses and flattens a chunk of a library module (nil when
// the parse gave up).
func (p *parserPool) parseChunk(src []byte) *tree {
	ps := p.pool.Get().(*sitter.Parser)
	ps.SetOperationLimit(int(chunkTimeout / time.Microsecond))
	tr := ps.Parse(nil, src)
	if tr == nil {
		ps.Reset()
		p.pool.Put(ps)
		return nil
	}
	t := flattenTree(p.g, tr, src, &p.bufs)
	tr.Close()
	p.pool.Put(ps)
	return t
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
