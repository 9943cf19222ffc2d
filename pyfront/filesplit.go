package pyfront

import (
	"bytes"
	"math"
	"slices"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/asynclint/asynclint/asyncir"
)

// Splitting a project module by its text, so that only the parts a run
// needs are parsed. A project module the fast path lowers lazily (an
// on-demand helper module, lazy.go, or a module whose async code is a
// small part of it, partial.go) is cut into its top-level statements by
// the scan libsplit.go uses for installed modules. Unlike a library
// skeleton, every byte keeps its place: the file is parsed with
// tree-sitter's included ranges — the statements lowered at once, and
// later each definition a demand reaches — over the file's own text, so
// offsets, rows and columns are the full parse's. A segment runs from its
// statement's first line (decorators included) to the next statement's,
// so the comments between statements go with the statement before them.

// filePart is one top-level statement of a split file: bytes [start, end),
// and for a def or class statement its name.
type filePart struct {
	start, end int
	name       string // "" for a statement that is not a definition
	class      bool   // a class statement
	marker     bool   // its text holds an async marker outside prose (prose.go)
	parsed     bool   // parsed (and lowered, or set aside as nodes) already
	// header ends the line of a class statement's header, and
	// fileSplit.members[mlo:mhi] are its member parts (members.go).
	header   int
	mlo, mhi int
}

// fileSplit is a project module cut into segments.
type fileSplit struct {
	src  []byte
	segs []filePart
	// members are the methods of class segments lowered one at a time
	// (members.go), in file order.
	members []memberPart
	// lineStarts are the offsets of the file's rows, for tree-sitter
	// points.
	lineStarts []int
	// defs are the definition segments not parsed yet, by name.
	defs map[string][]int
	// methods maps a method name to the classes defining one (built
	// on first use, as lazy.go's indexMethods does from a tree).
	methods map[string][]string
	// partial, for a module with async markers, is what partial.go's
	// rule keeps between rounds (nil for a helper module).
	partial *partialState
	// suspect: a part parsed so far has a syntax problem
	// (splitsyntax.go).
	suspect bool
	// pool and timeout parse what is parsed later.
	pool    *parserPool
	timeout time.Duration
}

// splitFile cuts src into its top-level statements, or returns nil when
// the text does not scan (an unterminated string or bracket), starts
// indented, nests deeper than CPython allows (tree-sitter then fails on
// the whole file), or has no definition to set aside.
func splitFile(src []byte) *fileSplit { return splitFileWith(src, nil) }

// splitFileWith is splitFile that also cuts the member parts of classes
// out when names is set (members.go).
func splitFileWith(src []byte, names *runNames) *fileSplit {
	if _, deep := nestingError(src); deep {
		return nil
	}
	lines, ok := logicalLines(src)
	if !ok || len(lines) == 0 {
		return nil
	}
	stmts := statements(src, lines, 0, len(lines))
	fs := &fileSplit{src: src, defs: map[string][]int{}}
	var classes []classStmt
	if first := lines[stmts[0].first].start; first > 0 {
		// The leading comments are always parsed: where an import is
		// added depends on them.
		fs.segs = append(fs.segs, filePart{start: 0, end: first})
	}
	for i, st := range stmts {
		head := lines[st.head]
		if head.indent != 0 {
			return nil
		}
		seg := filePart{start: lines[st.first].start, end: len(src)}
		if i+1 < len(stmts) {
			seg.end = lines[stmts[i+1].first].start
		}
		if kw, name := defHeader(src, head); name != "" {
			seg.name, seg.class = name, kw == "class"
		}
		seg.marker = codeMarkerIn(src, seg.start, seg.end, lines[st.first:st.last])
		fs.segs = append(fs.segs, seg)
		if seg.class {
			classes = append(classes, classStmt{st, len(fs.segs) - 1})
		}
	}
	if !slices.ContainsFunc(fs.segs, func(s filePart) bool { return s.name != "" }) {
		return nil
	}
	if names != nil {
		fs.cutMembers(lines, classes, names)
	}
	fs.lineStarts = rowStarts(src)
	return fs
}

// rowStarts lists the offset of each row of src: 0, and the offset after
// each newline; the table is a module's for as long as its IR lives, so
// it is sized once rather than grown.
func rowStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// point is the tree-sitter point (0-based row, byte column) of offset.
func (fs *fileSplit) point(off int) sitter.Point {
	row, found := slices.BinarySearch(fs.lineStarts, off)
	if !found {
		row--
	}
	return sitter.Point{Row: uint32(row), Column: uint32(off - fs.lineStarts[row])}
}

// ranges are the included ranges of the segments idx (in file order),
// adjacent segments merged.
func (fs *fileSplit) ranges(idx []int) []sitter.Range {
	spans := make([][2]int, len(idx))
	for k, i := range idx {
		spans[k] = [2]int{fs.segs[i].start, fs.segs[i].end}
	}
	return fs.rangesOf(spans)
}

// setAside records the definition segments that eager does not want as
// waiting, and returns the segments to parse now: every statement that is
// not a definition, and the wanted definitions.
func (fs *fileSplit) setAside(eager func(seg *filePart) bool) []int {
	var now []int
	for i := range fs.segs {
		s := &fs.segs[i]
		if s.name != "" && !eager(s) {
			fs.defs[s.name] = append(fs.defs[s.name], i)
			continue
		}
		s.parsed = true
		now = append(now, i)
	}
	return now
}

// take removes name's waiting segments and returns them.
func (fs *fileSplit) take(name string) []int {
	idx := fs.defs[name]
	delete(fs.defs, name)
	for _, i := range idx {
		fs.segs[i].parsed = true
	}
	return idx
}

// waitingNames lists the names with waiting segments, in file order.
func (fs *fileSplit) waitingNames() []string {
	var out []string
	for _, s := range fs.segs {
		if !s.parsed && s.name != "" && !slices.Contains(out, s.name) {
			out = append(out, s.name)
		}
	}
	return out
}

// firstWaiting is the offset of the first segment not parsed, or -1.
func (fs *fileSplit) firstWaiting() int {
	for _, s := range fs.segs {
		if !s.parsed {
			return s.start
		}
		for _, m := range fs.members[s.mlo:s.mhi] {
			if !m.lowered {
				return m.start
			}
		}
	}
	return -1
}

// classesWithMethod lists the classes not parsed yet that define a
// method called name, directly or in a nested class.
func (fs *fileSplit) classesWithMethod(name string) []string {
	if fs.methods == nil {
		fs.methods = map[string][]string{}
		for _, s := range fs.segs {
			if s.class && !s.parsed {
				text := fs.src[s.start:s.end]
				lines, ok := logicalLines(text)
				h := 0 // past the decorators
				for ok && h < len(lines) && text[lines[h].start+lines[h].indent] == '@' {
					h++
				}
				if ok && h < len(lines) {
					fs.indexMethods(text, lines[h:], s.name)
				}
			}
		}
	}
	return fs.methods[name]
}

// indexMethods records the members of the class statement lines[0:] (and
// of the classes nested in it) under the top-level class name cls.
func (fs *fileSplit) indexMethods(text []byte, lines []pyLine, cls string) {
	for _, m := range statements(text, lines, 1, len(lines)) {
		switch kw, name := defHeader(text, lines[m.head]); kw {
		case "def", "async def":
			if !slices.Contains(fs.methods[name], cls) {
				fs.methods[name] = append(fs.methods[name], cls)
			}
		case "class":
			fs.indexMethods(text, lines[m.head:m.last], cls)
		}
	}
}

// hasSyntaxError reports whether t holds an ERROR or MISSING node.
func (t *tree) hasSyntaxError() bool {
	if t.broken {
		return true
	}
	for i := range t.nodes {
		if t.nodes[i].symbolIsErr || t.nodes[i].missing {
			return true
		}
	}
	return false
}

// everyRange is tree-sitter's default: the whole document.
var everyRange = []sitter.Range{{EndByte: math.MaxUint32, EndPoint: sitter.Point{Row: math.MaxUint32, Column: math.MaxUint32}}}

// parse parses the given ranges of the file and flattens the tree; the
// tree's text is the whole file. It returns nil when the parse gave up,
// and a tree of only the module node for no ranges.
func (fs *fileSplit) parse(ranges []sitter.Range) *tree {
	p, src, timeout := fs.pool, fs.src, fs.timeout
	if len(ranges) == 0 {
		t := &tree{src: src, nodes: []node{{kind: kModule, named: true, first: -1, next: -1, parent: -1}}}
		fs.spanRoot(t)
		return t
	}
	t := p.parse(src, ranges, timeout, passingTree, nil)
	if t == nil {
		return nil
	}
	fs.spanRoot(t)
	return t
}

// spanRoot gives the module node of a tree of some ranges the extent a
// parse of the whole file gives it: from the file's first token to its
// end.
func (fs *fileSplit) spanRoot(t *tree) {
	first := 0
	for first < len(fs.src) && (fs.src[first] == ' ' || fs.src[first] == '\t' || fs.src[first] == '\f' || fs.src[first] == '\r' || fs.src[first] == '\n') {
		first++
	}
	sp, ep := fs.point(first), fs.point(len(fs.src))
	root := &t.nodes[0]
	root.start, root.row, root.col = uint32(first), sp.Row, sp.Column
	root.end, root.erow, root.ecol = uint32(len(fs.src)), ep.Row, ep.Column
}

// waitingSuppressions reads the suppression comments of the segments not
// parsed, by a scan of their text (strings skipped), as suppressions reads
// them from a tree: every comment of the file is seen, parsed or not.
func (fs *fileSplit) waitingSuppressions(path string) []asyncir.Suppression {
	var out []asyncir.Suppression
	var spans [][2]int
	for _, s := range fs.segs {
		if !s.parsed {
			spans = append(spans, [2]int{s.start, s.end})
			continue
		}
		for _, m := range fs.members[s.mlo:s.mhi] {
			if !m.lowered {
				spans = append(spans, [2]int{m.start, m.end})
			}
		}
	}
	for _, s := range spans {
		for _, c := range commentsIn(fs.src, s[0], s[1]) {
			sp, ep := fs.point(c[0]), fs.point(c[1])
			rng := asyncir.Range{File: path,
				Start: asyncir.MakePos(int(sp.Row)+1, int(sp.Column)+1, c[0]),
				End:   asyncir.MakePos(int(ep.Row)+1, int(ep.Column)+1, c[1])}
			if sup, ok := suppressionOf(string(fs.src[c[0]:c[1]]), rng); ok {
				out = append(out, sup)
			}
		}
	}
	return out
}

// commentsIn lists the comments in src[from:to] as [start, end) offsets:
// from "#" outside a string up to the end of its line, as tree-sitter's
// comment token (a CRLF line's "\r" included). from must not be inside a
// string.
func commentsIn(src []byte, from, to int) [][2]int {
	var out [][2]int
	for k := from; k < to; {
		switch src[k] {
		case '#':
			e := k
			for e < len(src) && src[e] != '\n' {
				e++
			}
			out = append(out, [2]int{k, e})
			k = e
		case '\\':
			k += 2
		case '\'', '"':
			e, ok := skipString(src, k)
			if !ok {
				return out
			}
			k = e
		default:
			k++
		}
	}
	return out
}
