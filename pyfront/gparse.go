package pyfront

import (
	"bytes"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	sitter "github.com/smacker/go-tree-sitter"
)

// A parser in Go that builds the tree flattenC copies out of tree-sitter
// (flatten.go) for the Python it follows exactly, so that tree-sitter
// parses only the rest. It reads the tokens of the recogniser's lexer
// (pyrecog_lex.go) and builds, by recursive descent, each node
// tree-sitter-python's grammar makes there — anonymous tokens, comments
// and line continuations included — with the same kinds, fields and
// extents. It answers unsure (nil) for whatever it does not follow:
// text the recogniser (pyrecog.go) is unsure of, which rules out every
// tree with an ERROR or MISSING node, and the forms not built here. The
// differential, mutation and fuzz tests (gparse_test.go) hold it, node
// for node, to tree-sitter's own tree.

// gnode is a node while the tree is built: children linked in order,
// before the tree is written out in pre-order.
type gnode struct {
	kind        kind
	field       fieldID
	named       bool
	start, end  int32 // start < 0: no child yet
	first, last int32
	next        int32
}

// gparser builds the tree of one parse request.
type gparser struct {
	recogniser
	nodes  []gnode
	extras []extra
	// trail is the first own-line comment not yet given to a block
	// that ended (blockEnd).
	trail  int
	failed bool
	// inPrint: the statement starts with the name print.
	inPrint bool
	// lineList: the line being read has a list of expressions outside
	// brackets.
	lineList bool
	// ops counts the leaves built; past limit (when > 0) the parse
	// gives up, as tree-sitter's does past its operation limit.
	ops, limit int
	// failedAt is where the parse gave up (for the tests' statistics).
	failedAt int
}

// maxGparseNodes bounds a tree built here; larger texts are left to
// tree-sitter (the node index is an int32, and the work is linear).
const maxGparseNodes = 1 << 28

// goParse parses the spans of src (nil: all of it) as tree-sitter does,
// writing the nodes into buf when it has room, a recycled array when
// recycled, else a new one; nil when unsure.
func goParse(src []byte, spans [][2]int, buf []node, recycled bool) *tree {
	t, _ := goParseWhy(src, spans, buf, recycled, 0)
	return t
}

// goParseWhy is goParse that builds at most limit leaves (0: no limit)
// and says where it gave up: -1 when the recogniser is unsure, -2 when
// it panicked.
func goParseWhy(src []byte, spans [][2]int, buf []node, recycled bool, limit int) (t *tree, at int) {
	defer func() {
		// A slip of the parser costs the text tree-sitter's parse, not
		// the run; the tests count them (none is the bar).
		if r := recover(); r != nil {
			gparsePanics.Add(1)
			t, at = nil, -2
		}
	}()
	if spans == nil {
		spans = [][2]int{{0, len(src)}}
	}
	if !recognisePython(src, spans) {
		return nil, -1
	}
	scratch, _ := gparseScratch.Get().(*gparser)
	if scratch == nil {
		scratch = &gparser{}
	}
	defer func() {
		scratch.nodes, scratch.extras = scratch.nodes[:0], scratch.extras[:0]
		gparseScratch.Put(scratch)
	}()
	p := &gparser{nodes: scratch.nodes, extras: scratch.extras, limit: limit}
	p.recogLexer = recogLexer{src: src, spans: spans, lineStart: true}
	p.recogLexer.extras = &p.extras
	defer func() { scratch.nodes, scratch.extras = p.nodes, p.extras }()
	root := p.module()
	if p.failed || p.bad || root < 0 || len(p.nodes)+len(p.extras) > maxGparseNodes {
		if !p.failed {
			p.failedAt = p.ts
		}
		return nil, p.failedAt
	}
	return p.emit(root, src, spans, buf, recycled), 0
}

// gparsePanics counts the parses that panicked (and were left to
// tree-sitter).
var gparsePanics atomic.Int64

// gparseScratch recycles the parsers' node and extra arrays (a tree is
// built there, then written out).
var gparseScratch sync.Pool // of *gparser

// fail gives up on the whole parse.
func (p *gparser) fail() int32 {
	if !p.failed {
		p.failedAt = p.ts
	}
	p.failed = true
	return -1
}

// open starts a node of kind k with no children.
func (p *gparser) open(k kind, named bool) int32 {
	p.nodes = append(p.nodes, gnode{kind: k, named: named, start: -1, first: -1, last: -1, next: -1})
	return int32(len(p.nodes) - 1)
}

// add appends child c to n with field f.
func (p *gparser) add(n, c int32, f fieldID) {
	if c < 0 {
		p.fail()
		return
	}
	nd, cd := &p.nodes[n], &p.nodes[c]
	cd.field = f
	if nd.first < 0 {
		nd.first = c
		nd.start = cd.start
	} else {
		p.nodes[nd.last].next = c
	}
	nd.last = c
	nd.end = cd.end
}

// leaf is a node of the bytes [s, e).
func (p *gparser) leaf(k kind, named bool, s, e int) int32 {
	if p.ops++; p.ops > p.limit && p.limit > 0 {
		p.fail()
	}
	p.nodes = append(p.nodes, gnode{kind: k, named: named, start: int32(s), end: int32(e), first: -1, last: -1, next: -1})
	return int32(len(p.nodes) - 1)
}

// token makes the current token a leaf of kind k and moves past it.
func (p *gparser) token(k kind, named bool) int32 {
	n := p.leaf(k, named, p.ts, p.te)
	p.next()
	return n
}

// anon makes the current token an anonymous leaf, its kind by its text.
func (p *gparser) anon() int32 {
	k := kOther
	switch p.tok {
	case rLPar, rRPar, rLSqb, rRSqb, rLBrace, rRBrace, rComma, rSemi, rArrow, rAt, rDef, rClass, rReturn, rIf, rElse,
		rFor, rImport, rAs, rWith, rTry, rExcept, rFinally, rWhile, rElif, rNot, rAnd, rOr,
		rRaise, rPass, rBreak, rContinue, rDel, rAssert, rGlobal, rNonlocal, rPlus, rMinus, rTilde, rSlash, rWalrus,
		rAugAssign, rBinOp:
	case rColon:
		k = kColon
	case rDot:
		k = kDot
	case rEqual:
		k = kEq
	case rStar:
		k = kStar
	case rDoubleStar:
		k = kDoubleStar
	case rIn:
		k = kIn
	case rIs:
		k = kIs
	case rAsync:
		k = kAsync
	case rFrom:
		k = kFrom
	default:
		k = kindByName[string(p.src[p.ts:p.te])]
	}
	return p.token(k, false)
}

// addAnon appends the current token to n as an anonymous leaf.
func (p *gparser) addAnon(n int32, f fieldID) { p.add(n, p.anon(), f) }

// expectAnon appends the current token, which must be t, to n.
func (p *gparser) expectAnon(n int32, t rtok) bool {
	if p.tok != t {
		p.fail()
		return false
	}
	p.addAnon(n, fNone)
	return true
}

// wrap makes a node of kind k whose first child is c.
func (p *gparser) wrap(k kind, c int32, f fieldID) int32 {
	n := p.open(k, true)
	p.add(n, c, f)
	return n
}

// emit writes the tree rooted at root in pre-order, with the extras
// placed as tree-sitter places them: each in the smallest node around
// it, among that node's children.
func (p *gparser) emit(root int32, src []byte, spans [][2]int, buf []node, recycled bool) *tree {
	count := len(p.nodes) + len(p.extras)
	var out []node
	switch {
	case count <= cap(buf):
		out = buf[:count]
	case recycled:
		out = takeNodes(count)[:count]
	default:
		out = make([]node, count)
	}
	w := &emitter{p: p, out: out, rows: lineStarts(src)}
	rn := &p.nodes[root]
	// The module spans the text from its first token or extra to the
	// end of the last span.
	rn.end = int32(spans[len(spans)-1][1])
	if len(p.extras) > 0 && (rn.first < 0 || p.extras[0].start < rn.start) {
		rn.start = p.extras[0].start
	}
	if rn.start < 0 {
		rn.start = rn.end
	}
	w.write(root, -1)
	return &tree{src: src, nodes: out[:w.n]}
}

// emitter writes the nodes out.
type emitter struct {
	p   *gparser
	out []node
	n   int
	ex  int // the next extra to place
	// rows are the offsets the lines start at; row is the line of the
	// last node's start (the starts come in order).
	rows []int32
	row  int
}

func (w *emitter) put(k kind, named bool, f fieldID, s, e int32, parent int32) int32 {
	i := int32(w.n)
	w.n++
	o := &w.out[i]
	rows := w.rows
	for w.row+1 < len(rows) && rows[w.row+1] <= s {
		w.row++
	}
	r := w.row
	er := r
	for steps := 0; er+1 < len(rows) && rows[er+1] <= e; steps++ {
		if steps == 8 { // a node of many lines: search
			er += sort.Search(len(rows)-er, func(i int) bool { return rows[er+i] > e }) - 1
			break
		}
		er++
	}
	c, ec := s-rows[r], e-rows[er]
	*o = node{kind: k, field: f, named: named, start: uint32(s), end: uint32(e), row: uint32(r), col: uint32(c), erow: uint32(er), ecol: uint32(ec), first: -1, next: -1, parent: parent}
	return i
}

// write writes node g and its subtree under parent.
func (w *emitter) write(g, parent int32) int32 {
	gn := &w.p.nodes[g]
	me := w.put(gn.kind, gn.named, gn.field, gn.start, gn.end, parent)
	last := int32(-1)
	link := func(c int32) {
		if last < 0 {
			w.out[me].first = c
		} else {
			w.out[last].next = c
		}
		last = c
	}
	extras := w.p.extras
	for c := gn.first; c >= 0; c = w.p.nodes[c].next {
		cs := w.p.nodes[c].start
		for w.ex < len(extras) && extras[w.ex].end <= cs {
			link(w.extra(me))
		}
		link(w.write(c, me))
	}
	for w.ex < len(extras) && extras[w.ex].end <= gn.end && (extras[w.ex].start > gn.start || parent < 0) {
		link(w.extra(me))
	}
	return me
}

func (w *emitter) extra(parent int32) int32 {
	x := w.p.extras[w.ex]
	w.ex++
	k := kOther
	if x.comment {
		k = kComment
	}
	return w.put(k, true, fNone, x.start, x.end, parent)
}

// lineStarts returns the offsets the lines of src start at.
func lineStarts(src []byte) []int32 {
	rows := make([]int32, 1, len(src)/32+2)
	for k := 0; ; {
		i := bytes.IndexByte(src[k:], '\n')
		if i < 0 {
			return rows
		}
		k += i + 1
		rows = append(rows, int32(k))
	}
}

// goParseFor is goParse for a parse request of the pipeline: nil when
// tree-sitter is to parse it (unsure, or use asks for no tree). For
// errorsOnly a tree built here is the answer: no error. The
// parse gives up past one leaf per microsecond of timeout, the
// operation limit tree-sitter gets: whether a parse finishes in time
// stays tree-sitter's answer.
func goParseFor(src []byte, ranges []sitter.Range, timeout time.Duration, use treeUse, buf []node) *tree {
	if use == noTree {
		return nil
	}
	var spans [][2]int
	for _, r := range ranges {
		spans = append(spans, [2]int{int(r.StartByte), int(r.EndByte)})
	}
	t, _ := goParseWhy(src, spans, buf, use != keptTree, max(int(timeout/time.Microsecond), 1))
	if t != nil && use == errorsOnly {
		t.recycle()
		return &tree{src: src}
	}
	return t
}
