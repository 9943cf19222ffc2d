package pyfront

import (
	"bytes"
	"slices"
	"sync"
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

// runNames says which names the code of a run spells other than in a
// def statement. Each file's words, without the name after "def", go to
// other (a Bloom filter) when the file has no async marker; a file with
// one may be split into member parts, so its words are counted by file
// instead: once holds the words of at least one such file, twice of at
// least two. A method of file F is named elsewhere when other may hold
// its name, or once does and F spells it nowhere, or twice does.
type runNames struct {
	other, once, twice defNames
	// hashes are the distinct word hashes of each file with a marker,
	// until merged into once and twice.
	mu     sync.Mutex
	hashes [][]uint64
}

// defNames is a Bloom filter of word hashes, set concurrently.
type defNames []uint64

// defNamesBits sizes each filter: the stdlib's 31 MB hold about 300,000
// distinct words of four bytes or more, a false "maybe" (a method kept)
// for about one name in 60.
const defNamesBits = 1 << 22

// minMemberName is the shortest method name a member part has: shorter
// words are not indexed.
const minMemberName = 4

func newRunNames() *runNames {
	return &runNames{other: make(defNames, defNamesBits/64), once: make(defNames, defNamesBits/64), twice: make(defNames, defNamesBits/64)}
}

// addMarked counts the words of a file with an async marker; the words
// of the others go to other as their wordFilter is made
// (newWordFilterAlso).
func (r *runNames) addMarked(src []byte) {
	hs := make([]uint64, 0, len(src)/16)
	eachWordHash(src, func(h uint64, size int, afterDef bool) {
		if !afterDef && size >= minMemberName {
			hs = append(hs, h)
		}
	})
	slices.Sort(hs)
	hs = slices.Compact(hs)
	r.mu.Lock()
	r.hashes = append(r.hashes, hs)
	r.mu.Unlock()
}

// merge counts the words of the files with a marker, once all are added.
func (r *runNames) merge() {
	for _, hs := range r.hashes {
		for _, h := range hs {
			if r.once.has(h) {
				r.twice.set(h)
			} else {
				r.once.set(h)
			}
		}
	}
	r.hashes = nil
}

// elsewhere reports whether code outside a file with a marker may spell
// name (other than in a def statement); inFile says whether the file
// itself does.
func (r *runNames) elsewhere(name string, inFile bool) bool {
	if len(name) < minMemberName {
		return true
	}
	h := wordHash(name)
	return r.other.has(h) || r.twice.has(h) || !inFile && r.once.has(h)
}

// wordHash is the hash eachWordHash gives word.
func wordHash(word string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(word); i++ {
		h = (h ^ uint64(word[i])) * fnvPrime
	}
	return h
}

func (f defNames) set(h uint64) {
	mask := uint64(len(f))*64 - 1
	a, b := h&mask, (h>>32)&mask
	atomic.OrUint64(&f[a/64], 1<<(a%64))
	atomic.OrUint64(&f[b/64], 1<<(b%64))
}

func (f defNames) has(h uint64) bool {
	mask := uint64(len(f))*64 - 1
	a, b := h&mask, (h>>32)&mask
	return f[a/64]&(1<<(a%64)) != 0 && f[b/64]&(1<<(b%64)) != 0
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

// classStmt is a class statement of a split file and its segment.
type classStmt struct {
	st pyStmt
	si int
}

// cutMembers cuts the member parts out of the class statements of fs: the
// methods that pass memberCandidate and whose name no code spells but
// the member parts themselves (a helper only left-out tests call is left
// out with them).
func (fs *fileSplit) cutMembers(lines []pyLine, classes []classStmt, names *runNames) {
	var cands []memberPart
	async := map[string]bool{}
	for _, c := range classes {
		cands = append(cands, fs.memberCandidates(lines, c, async)...)
	}
	if len(cands) == 0 {
		return
	}
	// Where the file spells each candidate's name: in which candidate,
	// or outside all of them.
	byName := map[string][]int{}
	for k, c := range cands {
		byName[c.name] = append(byName[c.name], k)
	}
	outside, spelled := map[string]int{}, map[string]bool{}
	occ := make([]map[string]int, len(cands))
	// A method that names an async method of the file may create its
	// coroutine (self.fetch() in a sync test): it stays, as a definition
	// naming an async definition does (partial.go).
	namesAsync := make([]bool, len(cands))
	eachWordAt(fs.src, func(w []byte, at int) {
		ks := byName[string(w)]
		if ks == nil && !async[string(w)] {
			return
		}
		k, found := slices.BinarySearchFunc(cands, at, func(c memberPart, at int) int { return c.start - at })
		if !found {
			k--
		}
		in := k >= 0 && at < cands[k].end
		if async[string(w)] && in {
			namesAsync[k] = true
		}
		if ks == nil {
			return
		}
		spelled[string(w)] = true
		if in {
			if occ[k] == nil {
				occ[k] = map[string]int{}
			}
			occ[k][string(w)]++
			return
		}
		outside[string(w)]++
	})
	out := make([]bool, len(cands))
	var drop func(k int)
	drop = func(k int) {
		if out[k] {
			return
		}
		out[k] = true
		for w, n := range occ[k] {
			outside[w] += n
			if outside[w] == n {
				for _, j := range byName[w] {
					drop(j)
				}
			}
		}
	}
	for k, c := range cands {
		if namesAsync[k] || outside[c.name] > 0 || names.elsewhere(c.name, spelled[c.name]) {
			drop(k)
		}
	}
	for k, c := range cands {
		if out[k] {
			continue
		}
		seg := &fs.segs[c.seg]
		if seg.mhi == 0 {
			seg.mlo = len(fs.members)
		}
		fs.members = append(fs.members, c)
		seg.mhi = len(fs.members)
	}
}

// memberCandidates lists the methods of class c that may be member
// parts: a plain def (not the body's first statement, which keeps the
// body whole), not a dunder nor a protocol callback the loop calls by
// name, with no async marker or suppression in its text, storing no
// attribute of its instance. It adds the names of the class's methods
// with a marker to async.
func (fs *fileSplit) memberCandidates(lines []pyLine, c classStmt, async map[string]bool) []memberPart {
	src, st := fs.src, c.st
	if st.last <= st.head+1 {
		return nil
	}
	body := statements(src, lines, st.head+1, st.last)
	if len(body) < 2 {
		return nil
	}
	// Each statement of the body starts at the same indentation, or a
	// part parsed apart could hide an error the whole file shows.
	ind := src[lines[body[0].first].start : lines[body[0].first].start+lines[body[0].first].indent]
	for _, m := range body {
		for _, l := range []pyLine{lines[m.first], lines[m.head]} {
			if !bytes.Equal(src[l.start:l.start+l.indent], ind) {
				return nil
			}
		}
	}
	seg := &fs.segs[c.si]
	seg.header = lines[st.head].end
	var out []memberPart
	for k := 0; k < len(body); k++ {
		m := body[k]
		kw, name := defHeader(src, lines[m.head])
		if kw != "def" && kw != "async def" {
			continue
		}
		start, end := lines[m.first].start, seg.end
		if k+1 < len(body) {
			end = lines[body[k+1].first].start
		}
		text := src[start:end]
		marker := kw == "async def" || hasAsyncMarker(text)
		if marker {
			async[name] = true
		}
		if k == 0 || marker || len(name) < minMemberName || isDunder(name) || loopCallbackName(name) || bytes.Contains(text, []byte("noqa")) || bytes.Contains(text, []byte("asynclint")) ||
			storesAttr(text, firstParam(src, lines[m.head])) {
			continue
		}
		out = append(out, memberPart{seg: c.si, start: start, end: end, name: name})
	}
	return out
}

// eachWordAt calls f with each word of src and its offset, but not with
// the word after "def".
func eachWordAt(src []byte, f func(w []byte, at int)) {
	afterDef := false
	for i := 0; i < len(src); {
		if !identBytes[src[i]] {
			i++
			continue
		}
		j := i
		for j < len(src) && identBytes[src[j]] {
			j++
		}
		if !afterDef {
			f(src[i:j], i)
		}
		afterDef = string(src[i:j]) == "def"
		i = j
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
		topClasses(t, func(d int32) {
			start := int32(t.nodes[d].start)
			for _, ci := range mi.classes {
				if ci.cls.Range.Start.Offset == start && ci.cls.QualName == fs.segs[i].name {
					lz.lowerIntoClass(mi, ci, lw, t.field(d, fBody))
					lz.grafted = true
					break
				}
			}
		})
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
	// A method's scope is the module's, not its class body's: a function
	// belongs to a member by its class, or by being defined in a class
	// body (a lambda of a class attribute).
	bodies, tops := map[*asyncir.Func]bool{}, map[*asyncir.Class]bool{}
	for _, ci := range mi.classes {
		if ci.body.parent != nil && ci.body.parent.isModule {
			bodies[ci.body.f], tops[ci.cls] = true, true
		}
	}
	funcKey := func(f *asyncir.Func) int64 {
		for g := f; g != nil; g = g.Parent {
			if g.Class != nil && tops[g.Class] && !bodies[g] || bodies[g.Parent] {
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
