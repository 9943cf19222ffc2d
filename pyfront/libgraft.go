package pyfront

import "github.com/asynclint/asynclint/asyncir"

// Methods left out of a library class, lowered once something names them.
// A class's chunk leaves out the methods that neither the project nor the
// class's own kept code names (libsplit.go): no lookup by name reaches
// them. But a lookup may come from library code read later — a base's
// method calling self.execute_command, which a subclass read earlier
// overrides — so whenever the loader has nothing left to resolve, the
// words of every library text lowered so far are gathered, and the
// methods they name are lowered into their classes (grafted), with the
// demands that had asked for them by name done again. Until no text names
// a method left out, as if every method's header had been lowered.

// leftOut is what a class's chunk left out: the methods by name, and the
// chunk to write them from.
type leftOut struct {
	mi    *moduleInfo
	ci    *classInfo
	chunk libChunk
	names map[string]bool
}

// missedMember is a demand of a class's member that found it left out.
type missedMember struct {
	mi     *moduleInfo
	c      *asyncir.Class
	member string
	depth  int
}

// leaveOut records the methods the chunk of class name left out, lowered
// as one of classes.
func (lz *lazyDefs) leaveOut(mi *moduleInfo, classes []*classInfo, name string, c libChunk, dropped []string) {
	for _, ci := range classes {
		if ci.cls.QualName != name {
			continue
		}
		lo := &leftOut{mi: mi, ci: ci, chunk: c, names: map[string]bool{}}
		for _, m := range dropped {
			lo.names[m] = true
		}
		lz.left = append(lz.left, lo)
		return
	}
}

// leftOutMember reports whether member is a method class c's chunk left
// out.
func (mi *moduleInfo) leftOutMember(c *asyncir.Class, member string) bool {
	if mi.lazy == nil {
		return false
	}
	for _, lo := range mi.lazy.left {
		if lo.ci.cls == c && lo.names[member] {
			return true
		}
	}
	return false
}

// graft lowers the methods left out of library classes that the library
// text lowered so far names, and demands again what had asked for them;
// it reports whether it lowered any. Each text is scanned once for the
// names left out when it is gathered, and again only for the names left
// out since.
func (ld *libLoader) graft() bool {
	var fresh [][]byte
	for _, mi := range ld.loaded {
		fresh = append(fresh, mi.libTexts...)
		mi.libTexts = nil
	}
	// The names left out since the last time, and all of them.
	newly := map[string][]*leftOut{}
	for _, mi := range ld.loaded {
		if lz := mi.lazy; lz != nil {
			for _, lo := range lz.left[lz.leftSeen:] {
				for m := range lo.names {
					newly[m] = append(newly[m], lo)
				}
			}
			lz.leftSeen = len(lz.left)
		}
	}
	if ld.left == nil {
		ld.left = map[string][]*leftOut{}
	}
	for m, los := range newly {
		ld.left[m] = append(ld.left[m], los...)
	}
	named := map[*leftOut]map[string]bool{}
	var order []*leftOut
	mark := func(index map[string][]*leftOut, text []byte) {
		eachWord(text, func(w []byte) {
			for _, lo := range index[string(w)] {
				if !lo.names[string(w)] {
					continue // grafted already
				}
				if named[lo] == nil {
					named[lo] = map[string]bool{}
					order = append(order, lo)
				}
				named[lo][string(w)] = true
			}
		})
	}
	if len(newly) > 0 {
		for _, text := range ld.texts {
			mark(newly, text)
		}
	}
	for _, text := range fresh {
		mark(ld.left, text)
	}
	ld.texts = append(ld.texts, fresh...)
	for _, lo := range order {
		for m := range named[lo] {
			delete(lo.names, m)
		}
		lo.mi.graft(lo, named[lo])
	}
	missed := ld.missed
	ld.missed = nil
	for _, m := range missed {
		if m.c.Methods[m.member] != nil {
			ld.demandClass(m.mi, m.c, m.member, m.depth)
		} else {
			ld.missed = append(ld.missed, m)
		}
	}
	return len(order) > 0
}

// eachWord calls f with each identifier of text.
func eachWord(text []byte, f func([]byte)) {
	for i := 0; i < len(text); {
		if !isIdentByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isIdentByte(text[j]) {
			j++
		}
		f(text[i:j])
		i = j
	}
}

// graft lowers the methods names of lo's class into it, as its chunk
// would have: in the class's scope, tagged with the class's statement.
func (mi *moduleInfo) graft(lo *leftOut, names map[string]bool) {
	lz := mi.lazy
	src, _, t := lz.chunk(lo.chunk, names)
	if t == nil || len(t.nodes) == 0 {
		return
	}
	mi.libTexts = append(mi.libTexts, src)
	modLw := lz.b.lw
	lw := &lowerer{t: t, mi: mi, path: modLw.path, versionNames: modLw.versionNames}
	topClasses(t, func(d int32) {
		lz.lowerIntoClass(mi, lo.ci, lw, t.field(d, fBody))
	})
}

// topClasses calls fn with each class statement at the top of chunk tree
// t (the class of a decorated one).
func topClasses(t *tree, fn func(class int32)) {
	for n := t.nodes[0].first; n >= 0; n = t.nodes[n].next {
		d := n
		if t.kind(n) == kDecoratedDef {
			d = t.field(n, fDefinition)
		}
		if d >= 0 && t.kind(d) == kClassDef {
			fn(d)
		}
	}
}

// finishLeftOut records the methods that stayed left out, for a session
// to know them as library members (session_library.go).
func (mi *moduleInfo) finishLeftOut(lz *lazyDefs) {
	for _, lo := range lz.left {
		for m := range lo.names {
			if mi.droppedMethods == nil {
				mi.droppedMethods = map[string]bool{}
			}
			mi.droppedMethods[m] = true
		}
	}
}
