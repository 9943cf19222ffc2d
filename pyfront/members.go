package pyfront

import (
	"bytes"
	"slices"
	"sync/atomic"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/asynclint/asynclint/asyncir"
)

// Lowering the methods of a class one at a time. A module with async
// markers is lowered in parts (partial.go), but a class is one part: one
// async test method lowered a whole TestCase. So a class of such a module
// is cut further: a method no code of the run names (only def statements
// spell its name), with no async marker, that stores no attribute of its
// instance and is not called implicitly (a dunder, a protocol callback) is
// a member part of its own. Nothing can look it up — no call, no
// attribute, no override the linker resolves — and it adds nothing to
// what the class's attributes are; it is lowered only when the partial
// rule finds it relevant (its words name something that matters), then
// grafted into its class as a library class's left-out methods are
// (libgraft.go). Its text is still parsed for the file's syntax errors
// (splitsyntax.go) and read for suppressions.

// defNames is a Bloom filter of the words of every file of a run, except
// the name each def statement defines: a method name it does not hold is
// spelled only where methods of that name are defined. Set concurrently
// while the files are read, read once all are.
type defNames []uint64

// defNamesBits sizes the filter: the stdlib's 31 MB hold about 150,000
// distinct words, a false "maybe" (a method kept) per ~700 names.
const defNamesBits = 1 << 23

// minMemberName is the shortest method name a member part has: shorter
// words are not indexed.
const minMemberName = 4

func newDefNames() defNames { return make(defNames, defNamesBits/64) }

// add indexes the words of src of minMemberName bytes or more, but not
// the word after "def".
func (f defNames) add(src []byte) {
	h, start, in, afterDef := uint64(fnvOffset), 0, false, false
	word := func(end int) {
		w := src[start:end]
		if !afterDef && len(w) >= minMemberName {
			f.set(h)
		}
		afterDef = string(w) == "def"
	}
	for i, c := range src {
		if identBytes[c] {
			if !in {
				start, in = i, true
			}
			h = (h ^ uint64(c)) * fnvPrime
			continue
		}
		if in {
			word(i)
			h, in = fnvOffset, false
		}
	}
	if in {
		word(len(src))
	}
}

func (f defNames) set(h uint64) {
	mask := uint64(len(f))*64 - 1
	a, b := h&mask, (h>>32)&mask
	atomic.OrUint64(&f[a/64], 1<<(a%64))
	atomic.OrUint64(&f[b/64], 1<<(b%64))
}

// mentions reports whether some code of the run may name name other than
// in a def statement.
func (f defNames) mentions(name string) bool {
	return len(name) < minMemberName || wordFilter(f).mayContain(name)
}

// memberPart is a method of a class segment lowered only when wanted:
// bytes [start, end), from its first decorator to the next statement of
// the class.
type memberPart struct {
	seg        int
	start, end int
	name       string
	wanted     bool // to be lowered when its class is
	lowered    bool
}

// splitMembers cuts the member parts out of class statement st, segment
// si of fs.
func (fs *fileSplit) splitMembers(lines []pyLine, st pyStmt, si int, named defNames) {
	src := fs.src
	if st.last <= st.head+1 {
		return
	}
	body := statements(src, lines, st.head+1, st.last)
	if len(body) < 2 {
		return
	}
	// Each statement of the body starts at the same indentation, or a
	// part parsed apart could hide an error the whole file shows.
	ind := src[lines[body[0].first].start : lines[body[0].first].start+lines[body[0].first].indent]
	for _, m := range body {
		for _, l := range []pyLine{lines[m.first], lines[m.head]} {
			if !bytes.Equal(src[l.start:l.start+l.indent], ind) {
				return
			}
		}
	}
	seg := &fs.segs[si]
	lo := len(fs.members)
	// The first statement stays: a class body is never empty.
	for k := 1; k < len(body); k++ {
		m := body[k]
		kw, name := defHeader(src, lines[m.head])
		if kw != "def" || isDunder(name) || loopCallbackName(name) || named.mentions(name) {
			continue
		}
		start, end := lines[m.first].start, seg.end
		if k+1 < len(body) {
			end = lines[body[k+1].first].start
		}
		text := src[start:end]
		if hasAsyncMarker(text) || bytes.Contains(text, []byte("noqa")) || bytes.Contains(text, []byte("asynclint")) ||
			storesAttr(text, firstParam(src, lines[m.head])) {
			continue
		}
		fs.members = append(fs.members, memberPart{seg: si, start: start, end: end, name: name})
	}
	if len(fs.members) > lo {
		seg.header = lines[st.head].end
		seg.mlo, seg.mhi = lo, len(fs.members)
	}
}

// firstParam is the first parameter of def header line l ("" when there
// is none).
func firstParam(src []byte, l pyLine) string {
	s := src[l.start:l.end]
	i := bytes.IndexByte(s, '(')
	if i < 0 {
		return ""
	}
	s = bytes.TrimLeft(s[i+1:], " \t\r\n\\")
	n := 0
	for n < len(s) && isIdentByte(s[n]) {
		n++
	}
	return string(s[:n])
}

// storesAttr reports whether text may store an attribute of recv (of
// anything, when recv is ""): recv.x followed by "=", an augmented
// assignment or an annotation, a target of for or as, or an element of a
// target list.
func storesAttr(text []byte, recv string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] != '.' || i == 0 || !isIdentByte(text[i-1]) {
			continue
		}
		b := i // the receiver's word
		for b > 0 && isIdentByte(text[b-1]) {
			b--
		}
		if recv != "" && string(text[b:i]) != recv || b > 0 && text[b-1] == '.' {
			continue
		}
		e := i + 1
		for e < len(text) && isIdentByte(text[e]) {
			e++
		}
		if e == i+1 {
			continue
		}
		k := e
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k < len(text) {
			switch c := text[k]; {
			case c == '=' && (k+1 == len(text) || text[k+1] != '='), c == ':':
				return true
			case bytes.IndexByte([]byte("+-*/%&|^@<>"), c) >= 0:
				j := k + 1
				for j < len(text) && (text[j] == c || text[j] == '/' || text[j] == '*') {
					j++
				}
				if j < len(text) && text[j] == '=' && (j+1 == len(text) || text[j+1] != '=') && !(j == k+1 && (c == '<' || c == '>')) {
					return true
				}
			case c == ',' || c == ')' || c == ']':
				if lineAssigns(text, b) {
					return true
				}
			}
		}
		p := b // the word before: for / as
		for p > 0 && (text[p-1] == ' ' || text[p-1] == '\t' || text[p-1] == '(') {
			p--
		}
		if bytes.HasSuffix(text[:p], []byte("for")) || bytes.HasSuffix(text[:p], []byte("as")) {
			return true
		}
	}
	return false
}

// lineAssigns reports whether the physical line of offset at holds an
// "=" outside brackets that is not a comparison.
func lineAssigns(text []byte, at int) bool {
	s := bytes.LastIndexByte(text[:at], '\n') + 1
	depth := 0
	for k := s; k < len(text) && text[k] != '\n'; k++ {
		switch c := text[k]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '=':
			prev := byte(' ')
			if k > 0 {
				prev = text[k-1]
			}
			if depth <= 0 && prev != '=' && prev != '!' && prev != '<' && prev != '>' && (k+1 == len(text) || text[k+1] != '=') {
				return true
			}
		}
	}
	return false
}

// lowerSpans are the byte spans to parse to lower segments idx now: a
// class without the members not wanted, which stay waiting.
func (fs *fileSplit) lowerSpans(idx []int) [][2]int {
	var out [][2]int
	for _, i := range idx {
		s := fs.segs[i]
		from := s.start
		for j := s.mlo; j < s.mhi; j++ {
			m := &fs.members[j]
			if m.wanted {
				m.lowered = true
				continue
			}
			out = append(out, [2]int{from, m.start})
			from = m.end
		}
		out = append(out, [2]int{from, s.end})
	}
	return out
}

// leftSpans are the spans of the members of parsed class segment i not
// lowered, after the class's header (what parses them in their class).
func (fs *fileSplit) leftSpans(i int, only func(*memberPart) bool) [][2]int {
	s := fs.segs[i]
	var out [][2]int
	for j := s.mlo; j < s.mhi; j++ {
		if m := &fs.members[j]; !m.lowered && only(m) {
			if out == nil {
				out = append(out, [2]int{s.start, s.header})
			}
			out = append(out, [2]int{m.start, m.end})
		}
	}
	return out
}

// rangesOf are the included ranges of spans (in file order), adjacent
// ones merged.
func (fs *fileSplit) rangesOf(spans [][2]int) []sitter.Range {
	var out []sitter.Range
	for _, sp := range spans {
		if sp[0] == sp[1] {
			continue
		}
		if n := len(out); n > 0 && int(out[n-1].EndByte) == sp[0] {
			out[n-1].EndByte, out[n-1].EndPoint = uint32(sp[1]), fs.point(sp[1])
			continue
		}
		out = append(out, sitter.Range{StartByte: uint32(sp[0]), EndByte: uint32(sp[1]), StartPoint: fs.point(sp[0]), EndPoint: fs.point(sp[1])})
	}
	return out
}

// graftMembers lowers the waiting members of parsed classes that only
// chooses into their classes.
func (lz *lazyDefs) graftMembers(mi *moduleInfo, only func(*memberPart) bool) {
	fs := lz.parts
	if fs == nil || len(fs.members) == 0 {
		return
	}
	for i := range fs.segs {
		if !fs.segs[i].parsed || fs.segs[i].mhi == fs.segs[i].mlo {
			continue
		}
		spans := fs.leftSpans(i, only)
		if spans == nil {
			continue
		}
		for j := fs.segs[i].mlo; j < fs.segs[i].mhi; j++ {
			if m := &fs.members[j]; !m.lowered && only(m) {
				m.lowered = true
			}
		}
		t := fs.parse(fs.rangesOf(spans))
		if t == nil {
			fs.suspect = true
			continue
		}
		modLw := lz.b.lw
		fs.noteSyntax(t, mi, modLw.path)
		lw := &lowerer{t: t, mi: mi, path: modLw.path, versionNames: modLw.versionNames}
		for n := t.nodes[0].first; n >= 0; n = t.nodes[n].next {
			d := n
			if t.kind(n) == kDecoratedDef {
				d = t.field(n, fDefinition)
			}
			if d < 0 || t.kind(d) != kClassDef {
				continue
			}
			start := int32(t.nodes[d].start)
			for _, ci := range mi.classes {
				if ci.cls.Range.Start.Offset == start && ci.cls.QualName == fs.segs[i].name {
					lz.lowerIntoClass(mi, ci, lw, t.field(d, fBody))
					lz.grafted = true
					break
				}
			}
		}
		t.recycle()
	}
}

// lowerIntoClass lowers the methods of class body node body (of lw's
// tree) into class ci, lowered already, in the class's scope and tagged
// with its statement.
func (lz *lazyDefs) lowerIntoClass(mi *moduleInfo, ci *classInfo, lw *lowerer, body int32) {
	// The class body's builder is done: the methods' bindings go to a
	// block of its own, as the body's would.
	b := &fnBuilder{lw: lw, fi: ci.body, f: ci.body.f, cls: ci, versions: lz.b.versions}
	b.cur = &asyncir.Block{Func: b.f, Versions: b.versions}
	f0, c0 := len(mi.mod.Funcs), len(mi.classes)
	b.lowerBlock(body)
	row := lz.stmtOf[ci.cls]
	for _, f := range mi.mod.Funcs[f0:] {
		lz.stmtOf[f] = row
	}
	for _, c := range mi.classes[c0:] {
		lz.stmtOf[c.cls] = row
	}
}

// memberOrder puts the functions and classes of a module whose members
// were grafted in the order lowering each class whole gives: within a
// top-level statement, by the member of a class they belong to.
func (lz *lazyDefs) memberOrder(mi *moduleInfo) {
	bodies := map[*asyncir.Func]bool{}
	for _, ci := range mi.classes {
		if ci.body.parent != nil && ci.body.parent.isModule {
			bodies[ci.body.f] = true
		}
	}
	funcKey := func(f *asyncir.Func) int64 {
		for g := f; g != nil; g = g.Parent {
			if bodies[g.Parent] {
				return int64(g.Range.Start.Offset)
			}
		}
		return -1
	}
	classKey := func(ci *classInfo) int64 {
		if p := ci.body.parent; p != nil && bodies[p.f] {
			return int64(ci.cls.Range.Start.Offset)
		} else if p != nil {
			return funcKey(p.f)
		}
		return -1
	}
	key := func(tag int32, k int64) int64 { return int64(tag)<<32 | (k + 1) }
	tag := func(x any) int32 {
		if n, ok := lz.stmtOf[x]; ok {
			return n
		}
		return -1
	}
	fk := map[*asyncir.Func]int64{}
	for _, fi := range mi.funcs {
		fk[fi.f] = key(tag(fi.f), funcKey(fi.f))
	}
	ck := map[*asyncir.Class]int64{}
	for _, ci := range mi.classes {
		ck[ci.cls] = key(tag(ci.cls), classKey(ci))
	}
	cmp := func(a, b int64) int {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	slices.SortStableFunc(mi.mod.Funcs, func(a, b *asyncir.Func) int { return cmp(fk[a], fk[b]) })
	slices.SortStableFunc(mi.mod.Classes, func(a, b *asyncir.Class) int { return cmp(ck[a], ck[b]) })
	slices.SortStableFunc(mi.funcs, func(a, b *funcInfo) int { return cmp(fk[a.f], fk[b.f]) })
	slices.SortStableFunc(mi.classes, func(a, b *classInfo) int { return cmp(ck[a.cls], ck[b.cls]) })
}
