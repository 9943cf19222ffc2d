package pyfront

import (
	"regexp"
	"sort"

	"github.com/asynclint/asynclint/asyncir"
)

// Data tables are read, not parsed. Generated modules are mostly
// module-level displays of constants ("TABLE = {'k0': (0, 0, '0'), ...}"),
// which tree-sitter spends a node per token on, and which lower to nothing
// but containers of nothing. In a segmented module (segments.go) such a
// display, when a strict scan of its bytes finds only strings, numbers,
// True/False/None and nested displays of them, reaches tree-sitter with
// its inside blanked (newlines kept), so it parses as an empty display
// over the same bytes; lowering then builds from the scan exactly the ops
// and values expr builds from the tree (TestSegmentsLowerAsWhole compares
// them with every such display of the corpus read this way). Anything
// else — a name, a call, an f-string, a comment, a backslash, Python 2
// syntax, a malformed number — leaves the statement to tree-sitter.

// constMin is the shortest display worth reading this way.
var constMin = 256

// constLit is a node of a constant display, as tree-sitter would parse it.
type constLit struct {
	// kind is kDictionary, kList, kTuple, kSet, kParenthesized,
	// kConcatString, kUnaryOp, kNone, or kString for the atoms that lower
	// to nothing (strings, numbers, True, False).
	kind       kind
	start, end int
	// elems are a display's elements (a dict's keys and values
	// alternating), or a parenthesized expression's one.
	elems []*constLit
}

// constAtom stands for every string, number, True and False: they lower
// to nothing, so their positions are not kept.
var constAtom = &constLit{kind: kString}

// constDisplayStart returns the offset of the display a one-line
// module-level statement "NAME = <display>" assigns, or -1.
func constDisplayStart(line []byte) int {
	i := 0
	for i < len(line) && isIdentByte(line[i]) && line[i] < 0x80 {
		i++
	}
	if i == 0 || line[0] >= '0' && line[0] <= '9' {
		return -1
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i+1 >= len(line) || line[i] != '=' || line[i+1] == '=' {
		return -1
	}
	i++
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && (line[i] == '{' || line[i] == '[' || line[i] == '(') {
		return i
	}
	return -1
}

// scanConstDisplay reads the display at src[at] and what follows it up to
// the end of the line; ok is false unless it is all constants and only
// blanks or a comment follow.
func scanConstDisplay(src []byte, at int) (lit *constLit, ok bool) {
	var s constScanner
	return s.scan(src, at)
}

// scan is scanConstDisplay with s's slabs.
func (s *constScanner) scan(src []byte, at int) (lit *constLit, ok bool) {
	s.src, s.i, s.stack = src, at, s.stack[:0]
	lit = s.display(0)
	if lit == nil {
		return nil, false
	}
	for s.i < len(src) && (src[s.i] == ' ' || src[s.i] == '\t' || src[s.i] == '\r') {
		s.i++
	}
	if s.i < len(src) && src[s.i] != '\n' && src[s.i] != '#' {
		return nil, false
	}
	return lit, true
}

// blankDisplay overwrites the inside of a display with spaces, keeping
// its brackets and newlines.
func blankDisplay(text []byte, lit *constLit, base int) {
	for i := lit.start + 1 - base; i < lit.end-1-base; i++ {
		if text[i] != '\n' {
			text[i] = ' '
		}
	}
}

// constScanner reads constant displays. Their lits and element lists
// are cut from slabs it keeps across the displays of a segment: a
// generated module's data tables are hundreds of thousands of small
// displays, and an allocation each was most of what reading them cost.
// Once a segment is lowered its scanner is reused for another, cutting
// from the same slabs.
type constScanner struct {
	src []byte
	i   int
	// lits and elems are what is left of the current slabs; stack holds
	// the elements of the displays being read, innermost last.
	lits         []constLit
	elems, stack []*constLit
	// litSlabs and elemSlabs are every slab made; the next ones to cut
	// from again after reuse are litSlabs[nextLit:] and
	// elemSlabs[nextElem:].
	litSlabs          [][]constLit
	elemSlabs         [][]*constLit
	nextLit, nextElem int
}

// reuse lets s cut its slabs again: nothing may hold what it read before.
func (s *constScanner) reuse() {
	s.lits, s.elems = nil, nil
	s.nextLit, s.nextElem = 0, 0
}

// newLit is a lit from the slab.
func (s *constScanner) newLit(l constLit) *constLit {
	if len(s.lits) == 0 {
		if s.nextLit == len(s.litSlabs) {
			s.litSlabs = append(s.litSlabs, make([]constLit, 256))
		}
		s.lits = s.litSlabs[s.nextLit]
		s.nextLit++
	}
	p := &s.lits[0]
	*p = l
	s.lits = s.lits[1:]
	return p
}

// popElems takes the elements stacked since from as a list from the
// slab (nil when there are none).
func (s *constScanner) popElems(from int) []*constLit {
	n := len(s.stack) - from
	if n == 0 {
		return nil
	}
	for n > len(s.elems) {
		if s.nextElem == len(s.elemSlabs) {
			s.elemSlabs = append(s.elemSlabs, make([]*constLit, max(1024, n)))
		}
		s.elems = s.elemSlabs[s.nextElem]
		s.nextElem++
	}
	out := s.elems[:n:n]
	copy(out, s.stack[from:])
	s.elems = s.elems[n:]
	s.stack = s.stack[:from]
	return out
}

// maxConstDepth bounds the nesting a scan follows.
const maxConstDepth = 32

func (s *constScanner) space() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\n', '\r', '\f':
			s.i++
		default:
			return
		}
	}
}

// display reads a bracketed display at s.i.
func (s *constScanner) display(depth int) *constLit {
	if depth > maxConstDepth || s.i >= len(s.src) {
		return nil
	}
	open := s.src[s.i]
	var closer byte
	switch open {
	case '(':
		closer = ')'
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	default:
		return nil
	}
	lit := s.newLit(constLit{start: s.i})
	base := len(s.stack)
	s.i++
	dict, commas := false, 0
	for n := 0; ; n++ {
		s.space()
		if s.i >= len(s.src) {
			return nil
		}
		if s.src[s.i] == closer {
			s.i++
			break
		}
		v := s.value(depth)
		if v == nil {
			return nil
		}
		s.stack = append(s.stack, v)
		s.space()
		if open == '{' {
			colon := s.i < len(s.src) && s.src[s.i] == ':'
			if n == 0 {
				dict = colon
			}
			if colon != dict {
				return nil
			}
			if dict {
				s.i++
				s.space()
				if v = s.value(depth); v == nil {
					return nil
				}
				s.stack = append(s.stack, v)
				s.space()
			}
		}
		if s.i >= len(s.src) {
			return nil
		}
		switch s.src[s.i] {
		case ',':
			s.i++
			commas++
		case closer:
		default:
			return nil
		}
	}
	lit.end = s.i
	lit.elems = s.popElems(base)
	switch {
	case open == '[':
		lit.kind = kList
	case open == '{' && (dict || len(lit.elems) == 0):
		lit.kind = kDictionary
	case open == '{':
		lit.kind = kSet
	case len(lit.elems) == 1 && commas == 0:
		lit.kind = kParenthesized
	default:
		lit.kind = kTuple
	}
	return lit
}

// value reads one constant expression.
func (s *constScanner) value(depth int) *constLit {
	if s.i >= len(s.src) {
		return nil
	}
	start := s.i
	c := s.src[s.i]
	switch {
	case c == '(' || c == '[' || c == '{':
		return s.display(depth + 1)
	case c == '-' || c == '+' || c == '~':
		s.i++
		s.space()
		if s.number() == nil {
			return nil
		}
		return s.newLit(constLit{kind: kUnaryOp, start: start, end: s.i})
	case c >= '0' && c <= '9' || c == '.':
		return s.number()
	}
	// A name: True, False, None, or a string prefix.
	j := s.i
	for j < len(s.src) && s.src[j] < 0x80 && isIdentByte(s.src[j]) {
		j++
	}
	if j < len(s.src) && s.src[j] >= 0x80 {
		return nil
	}
	word := s.src[s.i:j]
	if j == len(s.src) || s.src[j] != '\'' && s.src[j] != '"' {
		s.i = j
		switch string(word) {
		case "True", "False":
			return constAtom
		case "None":
			return s.newLit(constLit{kind: kNone, start: start, end: j})
		}
		return nil
	}
	strs := 0
	for {
		if !s.str() {
			return nil
		}
		strs++
		end := s.i
		s.space()
		if s.i < len(s.src) && (s.src[s.i] == '\'' || s.src[s.i] == '"' || s.src[s.i] < 0x80 && isIdentByte(s.src[s.i])) && s.stringAhead() {
			continue
		}
		s.i = end
		s.space()
		if strs == 1 {
			return constAtom
		}
		return s.newLit(constLit{kind: kConcatString, start: start, end: end})
	}
}

// stringPrefixes are the prefixes of a plain (not formatted) string that
// Python 3 accepts and legacySyntax does not flag.
var stringPrefixes = map[string]bool{"": true, "r": true, "u": true, "b": true, "br": true, "rb": true}

// stringAhead reports whether a string literal starts at s.i.
func (s *constScanner) stringAhead() bool {
	j := s.i
	for j < len(s.src) && j-s.i < 3 && s.src[j] != '\'' && s.src[j] != '"' {
		j++
	}
	if j-s.i > 2 || j >= len(s.src) || s.src[j] != '\'' && s.src[j] != '"' {
		return false
	}
	var p [2]byte
	for k := range j - s.i {
		p[k] = s.src[s.i+k] | 0x20
	}
	return stringPrefixes[string(p[:j-s.i])]
}

// str reads one string literal with its prefix.
func (s *constScanner) str() bool {
	if !s.stringAhead() {
		return false
	}
	for s.src[s.i] != '\'' && s.src[s.i] != '"' {
		s.i++
	}
	end, ok := skipString(s.src, s.i)
	if !ok {
		return false
	}
	s.i = end
	return true
}

// pyNumber is a Python 3 number literal that legacySyntax does not flag
// (no leading zeros, no L suffix).
var pyNumber = regexp.MustCompile(`^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[1-9](?:_?[0-9])*|0)(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?)$`)

// number reads a number literal.
func (s *constScanner) number() *constLit {
	start := s.i
	j := s.i
	for j < len(s.src) {
		c := s.src[j]
		if c < 0x80 && isIdentByte(c) || c == '.' {
			j++
			continue
		}
		if (c == '+' || c == '-') && j > start && s.src[j-1]|0x20 == 'e' && !(j-start > 1 && s.src[start+1]|0x20 == 'x') {
			j++
			continue
		}
		break
	}
	if j == start || !decimalNumber(s.src[start:j]) && !pyNumber.Match(s.src[start:j]) {
		return nil
	}
	s.i = j
	return constAtom
}

// decimalNumber reports whether b is digits without a leading zero (or
// "0"), the common number pyNumber need not check.
func decimalNumber(b []byte) bool {
	if len(b) > 1 && b[0] == '0' {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// constExpr lowers a scanned constant as expr lowers its tree.
func (b *fnBuilder) constExpr(c *constLit) *asyncir.Value {
	if c.kind == kString {
		return nil
	}
	rng := b.lw.offsetRange(c.start, c.end)
	switch c.kind {
	case kNone:
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: rng})
		return b.value(op, noneSym)
	case kUnaryOp, kConcatString:
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: rng})
		return b.value(op, nil)
	case kParenthesized:
		return b.constExpr(c.elems[0])
	case kList, kTuple, kSet:
		var vals []*asyncir.Value
		for _, e := range c.elems {
			vals = append(vals, b.constExpr(e))
		}
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: rng})
		res := b.value(op, nil)
		res.SetElems(vals)
		for _, v := range vals {
			b.use(v, asyncir.UseStore, op)
		}
		return res
	case kDictionary:
		op := b.emit(asyncir.Op{Kind: asyncir.OpRef, Range: rng})
		res := b.value(op, nil)
		for i := 0; i+1 < len(c.elems); i += 2 {
			key := b.constExpr(c.elems[i])
			b.use(key, asyncir.UseOther, nil)
			if key != nil {
				res.AddElem(key)
			}
			if !b.skipConstDictValue(c.elems[i+1]) {
				b.use(b.constExpr(c.elems[i+1]), asyncir.UseStore, op)
			}
		}
		return res
	}
	return nil
}

// offsetRange is the range of bytes [start, end) of the file, positioned
// as tree-sitter positions nodes (0-based rows, byte columns, here
// 1-based).
func (lw *lowerer) offsetRange(start, end int) asyncir.Range {
	pos := func(off int) asyncir.Pos {
		row := sort.Search(len(lw.lineStarts), func(i int) bool { return lw.lineStarts[i] > off }) - 1
		return asyncir.MakePos(row+1, off-lw.lineStarts[row]+1, off)
	}
	return asyncir.Range{File: lw.path, Start: pos(start), End: pos(end)}
}
