package pyfront

import (
	"sort"

	"github.com/asynclint/asynclint/asyncir"
)

// Lowering a module with async markers in part. The fast path (parse.go)
// lowers a file whole when its text holds an async marker, and a file
// without one only when it mentions an async name of a module it imports.
// Most of a large module with a marker is often code the marker has
// nothing to do with (test_typing.py: 300 KB, a few async tests), so the
// same rule is applied to its top-level definitions: a definition is
// lowered when its text holds a marker, or mentions a name that matters —
// an async name of a module the file imports, a definition of the module
// that is lowered by this rule, a module-level name bound by a statement
// that is — and, as for a helper module, when lowered code refers to it.
// Every statement that is not a definition is lowered as before. What is
// left out is synchronous code that names nothing async and that nothing
// lowered names: the whole-file rule does not lower such a file either.

// partsMaxSize is the largest module parsed in parts: one parse of the
// parts it needs holds them all in one tree, while segments.go bounds
// the memory a larger module's parse takes.
const partsMaxSize = 1 << 20

// splitFor cuts a project module the fast path lowers lazily into its
// statements (filesplit.go), or returns nil to parse it whole: a library
// module (libsplit.go splits those), a run that parses everything or
// keeps trees for the next one (the language server), a module past
// partsMaxSize, or a text that does not scan.
func (p *parserPool) splitFor(s *source, opts Options) *fileSplit {
	if s.library || opts.ParseOnly || opts.Eager || opts.Trees != nil || !s.onDemand && !s.marker || len(s.src) > partsMaxSize {
		return nil
	}
	var names *runNames
	if !s.onDemand {
		names = p.names
	}
	fs := splitFileWith(s.src, names)
	if fs != nil && !s.onDemand {
		fs.partial = &partialState{}
	}
	return fs
}

// eagerFor says which definitions of a split module are parsed and
// lowered at once: a helper module's none (the helper walk asks for
// them), a module with markers those whose text holds one.
func (p *parserPool) eagerFor(s *source, fs *fileSplit) func(*filePart) bool {
	return func(seg *filePart) bool { return fs.partial != nil && seg.marker }
}

// partialState is what widen keeps between the rounds of Load.
type partialState struct {
	// words maps each word of the file to the segments it occurs in.
	words map[string]*[]int32
	// relevant marks the segments the rule lowers; named, the names
	// that make a segment mentioning them relevant.
	relevant []bool
	named    map[string]bool
	// bound lists, by segment, the module-level names its statement binds.
	bound map[int][]string
	// walked counts the functions defineReached has looked through;
	// asked and askedMethod, the names it has defined.
	walked             int
	asked, askedMethod map[string]bool
}

// widen lowers the definitions of a module lowered in part that the rule
// now asks for, given the async names of the modules Load has lowered,
// and what lowered code refers to. It reports whether it lowered any.
func (mi *moduleInfo) widen(s *source, exports *exportIndex) bool {
	lz := mi.lazy
	if lz == nil || lz.parts == nil || lz.parts.partial == nil {
		return false
	}
	fs, st := lz.parts, lz.parts.partial
	n := len(mi.funcs)
	st.init(fs, mi)
	var define []string
	var mark func(name string)
	var relevantSeg func(i int)
	grafts := false
	relevantSeg = func(i int) {
		if st.relevant[i] {
			return
		}
		st.relevant[i] = true
		if i >= len(fs.segs) {
			// A member part: lowered with its class, or into it.
			m := &fs.members[i-len(fs.segs)]
			m.wanted = true
			grafts = grafts || fs.segs[m.seg].parsed && !m.lowered
			relevantSeg(m.seg)
			return
		}
		seg := &fs.segs[i]
		if seg.name == "" {
			for _, b := range st.bound[i] {
				mark(b)
			}
			return
		}
		if !seg.parsed {
			define = append(define, seg.name)
		}
		mark(seg.name)
	}
	mark = func(name string) {
		if st.named[name] {
			return
		}
		st.named[name] = true
		if ws := st.words[name]; ws != nil {
			for _, i := range *ws {
				relevantSeg(int(i))
			}
		}
	}
	for i, seg := range fs.segs {
		if seg.marker {
			relevantSeg(i)
		}
	}
	for _, name := range loopCallbackNames {
		// The loop calls these methods whatever the class (helpers.go).
		mark(name)
	}
	for _, imp := range s.imports {
		for _, name := range exports.names[imp] {
			mark(name)
		}
	}
	for _, name := range exports.names[s.name] {
		mark(name)
	}
	for _, name := range define {
		mi.define(name)
	}
	if grafts {
		lz.graftMembers(mi, func(m *memberPart) bool { return m.wanted })
	}
	mi.defineReached(st)
	if len(mi.funcs) == n {
		return false
	}
	mi.bridge = nil // its bridge candidates are read again
	return true
}

// init indexes the words of every segment and what each statement that
// is not a definition binds at module level (from the lowered body: its
// stores, imports and nested definitions, by offset).
func (st *partialState) init(fs *fileSplit, mi *moduleInfo) {
	if st.words != nil {
		return
	}
	st.words = map[string]*[]int32{}
	st.relevant = make([]bool, len(fs.segs)+len(fs.members))
	st.named = map[string]bool{}
	st.bound = map[int][]string{}
	st.asked, st.askedMethod = map[string]bool{}, map[string]bool{}
	// A class's member parts are indexed apart, as segments
	// len(fs.segs)+j: the words of its head are its own.
	var pieces []struct{ start, end, i int }
	for i, seg := range fs.segs {
		from := seg.start
		for j := seg.mlo; j < seg.mhi; j++ {
			m := fs.members[j]
			pieces = append(pieces, struct{ start, end, i int }{from, m.start, i}, struct{ start, end, i int }{m.start, m.end, len(fs.segs) + j})
			from = m.end
		}
		pieces = append(pieces, struct{ start, end, i int }{from, seg.end, i})
	}
	for _, pc := range pieces {
		i := pc.i
		text := fs.src[pc.start:pc.end]
		for k := 0; k < len(text); {
			c := text[k]
			if !isIdentByte(c) {
				k++
				continue
			}
			e := k + 1
			for e < len(text) && isIdentByte(text[e]) {
				e++
			}
			if c < '0' || c > '9' {
				// A lookup by the bytes does not allocate; a word is
				// made a string once.
				ws := st.words[string(text[k:e])]
				if ws == nil {
					ws = new([]int32)
					st.words[string(text[k:e])] = ws
				}
				if n := len(*ws); n == 0 || (*ws)[n-1] != int32(i) {
					*ws = append(*ws, int32(i))
				}
			}
			k = e
		}
	}
	segOf := func(off int) int {
		return sort.Search(len(fs.segs), func(i int) bool { return fs.segs[i].end > off })
	}
	bind := func(off int, name string) {
		if i := segOf(off); i < len(fs.segs) && fs.segs[i].name == "" && name != "" {
			st.bound[i] = append(st.bound[i], name)
		}
	}
	mi.mod.Body.Ops(func(op *asyncir.Op) {
		switch {
		case op.Kind == asyncir.OpStore && op.Var != "":
			bind(int(op.Range.Start.Offset), op.Var)
		case op.Kind == asyncir.OpRef && op.Callee != nil:
			bind(int(op.Range.Start.Offset), op.Callee.Name)
		case op.Kind == asyncir.OpRef && op.Class() != nil:
			bind(int(op.Range.Start.Offset), op.Class().Name)
		}
	})
	for _, imp := range mi.mod.Imports {
		if imp.Name == "*" {
			// What a star import binds is not known here: every
			// definition of the statement's module may use it.
			for i := segOf(int(imp.Range.Start.Offset)); i < len(fs.segs); i++ {
				st.bound[i] = append(st.bound[i], fs.waitingNames()...)
				break
			}
			continue
		}
		bind(int(imp.Range.Start.Offset), imp.Alias)
	}
}

// defineReachedInParts is defineReached for a module lowered in part,
// right after its first lowering; it does nothing for other modules.
func (mi *moduleInfo) defineReachedInParts() {
	if lz := mi.lazy; lz != nil && lz.parts != nil && lz.parts.partial != nil {
		lz.parts.partial.init(lz.parts, mi)
		mi.defineReached(lz.parts.partial)
	}
}

// defineReached lowers the definitions that lowered code of the module
// (module and class bodies included) refers to — by name, or as a method
// by its name — until it refers to no more: what the linker resolves for
// lowered code is then what it resolves in the whole module.
func (mi *moduleInfo) defineReached(st *partialState) {
	for st.walked < len(mi.funcs) {
		f := mi.funcs[st.walked].f
		st.walked++
		f.Ops(func(op *asyncir.Op) {
			switch {
			case op.Kind == asyncir.OpLoad && (op.Global || f == mi.mod.Body):
				if !st.asked[op.Var] {
					st.asked[op.Var] = true
					mi.define(op.Var)
				}
			case op.Kind == asyncir.OpAttr && op.Attr != "":
				st.defineMethod(mi, op.Attr)
			case op.Kind == asyncir.OpCall && op.Method != "":
				st.defineMethod(mi, op.Method)
			}
		})
	}
}

// defineMethod is mi.defineMethod once per name: a second call defines
// nothing new.
func (st *partialState) defineMethod(mi *moduleInfo, name string) {
	if !st.askedMethod[name] {
		st.askedMethod[name] = true
		mi.defineMethod(name)
	}
}
