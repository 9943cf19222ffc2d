package pyfront

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/asynclint/asynclint/asyncir"
)

// A large project module is parsed and lowered in segments: runs of
// whole top-level statements, cut by a scan of the text (libsplit.go's
// logical lines). Each segment is parsed on its own, ahead of the
// lowering and on every core, flattened with the file's positions and
// lowered into the module body in file order; its tree is dropped as soon
// as its statements are lowered. A 10 MB module then never holds more
// than a few segments' trees, in C or in Go, instead of a gigabyte of
// tree-sitter nodes and their copy, and parsing it uses both cores.
//
// A top-level statement that starts at column 0 outside any string,
// bracket or continuation parses the same alone as after the statements
// before it: the scanner's state there is the start state (no indent, no
// open delimiter). The result is the eager lowering of the whole tree,
// op for op (TestSegmentsLowerAsWhole). Any segment whose tree has an
// error or a missing node, or a parse that runs out of time, sends the
// module back to the whole-file path: error recovery is not local.

// segmentSize is the length a segment grows to before it is cut at the
// next statement boundary; files up to twice that are parsed whole.
var segmentSize = 128 << 10

// segment is a run of top-level statements: bytes [start, end) of the
// file, starting at 0-based row row; displays are the offsets of the
// displays its one-line "NAME = <display>" statements assign, which may
// be data tables (constlit.go).
type segment struct {
	start, end int
	row        uint32
	displays   []int
}

// clauseKeywords start a line that continues the compound statement
// before it (if/try/for/while), never a statement of its own.
var clauseKeywords = [][]byte{[]byte("else"), []byte("elif"), []byte("except"), []byte("finally")}

// splitSegments cuts src into segments of about size bytes at top-level
// statement boundaries; nil when the file is small, does not scan, or
// has no boundary.
func splitSegments(src []byte, size int) []segment {
	if len(src) <= 2*size || len(src) > 1<<31-1 {
		return nil
	}
	lines, ok := logicalLines(src)
	if !ok {
		return nil
	}
	var segs []segment
	cur := segment{}
	for _, st := range statements(src, lines, 0, len(lines)) {
		l := lines[st.first]
		if l.indent != 0 {
			return nil
		}
		at := l.start
		if at-cur.start >= size && statementStart(src[at:l.end]) {
			cur.end = at
			segs = append(segs, cur)
			cur = segment{start: at, row: cur.row + uint32(bytes.Count(src[cur.start:at], []byte("\n")))}
		}
		if st.head == st.first && st.last == st.head+1 {
			if d := constDisplayStart(src[at:l.end]); d >= 0 {
				cur.displays = append(cur.displays, at+d)
			}
		}
	}
	if len(segs) == 0 {
		return nil
	}
	cur.end = len(src)
	return append(segs, cur)
}

// statementStart reports whether a top-level line can begin a segment: an
// identifier, keyword or decorator that is not a clause of the statement
// before it.
func statementStart(line []byte) bool {
	if len(line) == 0 || !(line[0] == '_' || line[0] == '@' || line[0]|0x20 >= 'a' && line[0]|0x20 <= 'z') {
		return false
	}
	return !isClause(line)
}

// isClause reports whether a line (from its first non-blank byte) starts
// with a clause keyword.
func isClause(line []byte) bool {
	for _, kw := range clauseKeywords {
		if rest, ok := bytes.CutPrefix(line, kw); ok && (len(rest) == 0 || !isIdentByte(rest[0])) {
			return true
		}
	}
	return false
}

// lowerSegmented lowers s segment by segment into a fresh module; ok is
// false when the whole-file path must lower it instead.
func (p *parserPool) lowerSegmented(s *source, segs []segment, timeout time.Duration) (*moduleInfo, bool) {
	trees := p.parseSegments(s.src, segs, timeout)
	defer trees.stop()
	p.holdGC(len(s.src))
	mi := newModuleInfo(s, true)
	first := trees.next()
	if first == nil {
		resumeGC()
		return trees.unparsed(s)
	}
	lineStarts, indents := lineTable(s.src, nil)
	lw := &lowerer{t: first.t, lits: first.lits, lineStarts: lineStarts, mi: mi, path: s.path}
	b, fi := lw.newFunc("<module>", mi.name, asyncir.Sync, nil, 0)
	fi.isModule = true
	mi.mod.Body = b.f
	var errs []asyncir.Range
	var supps []asyncir.Suppression
	var insert importInsert
	versions := b.versions
	for seg := first; ; {
		t := seg.t
		lw.t, lw.lits = t, seg.lits
		// The module's statements in order, as lowerBlock(0) would: what
		// a version test narrows holds to the end of the module.
		for c := t.nodes[0].first; c >= 0; c = t.nodes[c].next {
			b.lowerStmt(c)
		}
		errs = append(errs, legacySyntax(lw)...)
		supps = append(supps, suppressions(lw)...)
		insert.scan(t)
		b.f.Range.End = lw.rng(0).End
		if trees.last() {
			break
		}
		checkGC()
		trees.recycle(seg)
		if seg = trees.next(); seg == nil {
			resumeGC()
			return trees.unparsed(s)
		}
	}
	b.versions = versions
	b.finish()
	markAsync(mi.mod)
	mi.mod.SyntaxErrors = sortSyntaxErrors(errs, lw.path, s.src)
	mi.mod.Suppressions = supps
	mi.mod.ImportInsert = insert.pos()
	mi.mod.LineStarts, mi.mod.Indents = lineStarts, indents
	return mi, true
}

// segmentTrees hands out the parsed segments in file order while workers
// parse the ones after them.
type segmentTrees struct {
	out     []chan *parsedSegment
	i       int
	stopped atomic.Bool
	window  chan struct{}
	wg      sync.WaitGroup
	// spare holds the segments already lowered, whose node slices and
	// scanner slabs the next parses fill rather than allocate.
	spare chan *parsedSegment
	// deadline ends the parse of the whole file.
	deadline time.Time
}

// unparsed is lowerSegmented's answer when a segment did not parse. A
// syntax error sends the file down the whole-file path, which recovers
// from it as the segments cannot. A parse that ran out of the file's
// time gives up: parsing the file whole would take longer still (a 10
// MB module parsed whole takes seconds and over a gigabyte).
func (st *segmentTrees) unparsed(s *source) (*moduleInfo, bool) {
	if time.Now().Before(st.deadline) {
		return nil, false
	}
	mi := newModuleInfo(s, true)
	mi.gaveUp = true
	return mi, true
}

// parseSegments starts parsing segs of src, at most a few segments ahead
// of the consumer.
func (p *parserPool) parseSegments(src []byte, segs []segment, timeout time.Duration) *segmentTrees {
	workers := runtime.GOMAXPROCS(0)
	st := &segmentTrees{out: make([]chan *parsedSegment, len(segs)), window: make(chan struct{}, 2*workers),
		spare: make(chan *parsedSegment, 2*workers)}
	for i := range st.out {
		st.out[i] = make(chan *parsedSegment, 1)
	}
	deadline := time.Now().Add(timeout)
	st.deadline = deadline
	next := make(chan int)
	st.wg.Add(workers + 1)
	go func() {
		defer st.wg.Done()
		defer close(next)
		for i := range segs {
			st.window <- struct{}{}
			if st.stopped.Load() {
				return
			}
			next <- i
		}
	}()
	for range workers {
		go func() {
			defer st.wg.Done()
			var text []byte // the worker's copy of a segment with its tables blanked
			for i := range next {
				var ps *parsedSegment
				if !st.stopped.Load() {
					ps = p.parseSegment(src, segs[i], time.Until(deadline), st.spareSegment(), &text)
				}
				st.out[i] <- ps
			}
		}()
	}
	return st
}

// next returns the next parsed segment, nil when it did not parse
// cleanly.
func (st *segmentTrees) next() *parsedSegment {
	t := <-st.out[st.i]
	st.i++
	<-st.window
	return t
}

// recycle hands the memory of a segment that is lowered to a later parse.
func (st *segmentTrees) recycle(ps *parsedSegment) {
	select {
	case st.spare <- ps:
	default:
	}
}

// spareSegment is a lowered segment to reuse the memory of, nil when
// there is none.
func (st *segmentTrees) spareSegment() *parsedSegment {
	select {
	case ps := <-st.spare:
		return ps
	default:
		return nil
	}
}

// last reports whether every segment has been handed out.
func (st *segmentTrees) last() bool { return st.i == len(st.out) }

// stop ends the parsing early, waits for the workers and gives the C
// heap their trees used back at once.
func (st *segmentTrees) stop() {
	st.stopped.Store(true)
	done := make(chan struct{})
	go func() { st.wg.Wait(); close(done) }()
	for {
		select {
		case <-done:
			trimCHeap()
			return
		case <-st.window: // let the feeder see the stop
		}
	}
}

// parsedSegment is a segment's tree, with the file's positions, and the
// data tables read instead of parsed, by offset, cut from scan's slabs.
type parsedSegment struct {
	t    *tree
	lits map[int]*constLit
	scan *constScanner
}

// parseSegment parses one segment, or returns nil when it timed out or
// does not parse cleanly. The memory of spare, a segment lowered already,
// holds its nodes and tables when it has room; text is the worker's
// buffer for the segment's text with its tables blanked (tree-sitter
// reads it only while it parses).
func (p *parserPool) parseSegment(src []byte, seg segment, timeout time.Duration, spare *parsedSegment, text *[]byte) *parsedSegment {
	if timeout <= 0 {
		return nil
	}
	ps := &parsedSegment{scan: &constScanner{}}
	var buf []node
	if spare != nil {
		buf, ps.lits, ps.scan = spare.t.nodes, spare.lits, spare.scan
		clear(ps.lits)
		ps.scan.reuse()
	}
	parsed := src[seg.start:seg.end]
	for _, d := range seg.displays {
		lit, ok := ps.scan.scan(src[:seg.end], d)
		if !ok || lit.end-lit.start < constMin {
			continue
		}
		if ps.lits == nil {
			ps.lits = map[int]*constLit{}
		}
		if len(ps.lits) == 0 {
			*text = append((*text)[:0], parsed...)
			parsed = *text
		}
		ps.lits[d] = lit
		blankDisplay(parsed, lit, seg.start)
	}
	if len(ps.lits) == 0 {
		ps.lits = nil // no table: expr need not look
	}
	t := p.parseKeepingHeap(parsed, nil, timeout, keptTree, buf)
	if t == nil {
		return nil
	}
	for i := range t.nodes {
		nd := &t.nodes[i]
		if nd.symbolIsErr || nd.missing {
			return nil
		}
		nd.start += uint32(seg.start)
		nd.end += uint32(seg.start)
		nd.row += seg.row
		nd.erow += seg.row
	}
	t.src = src
	ps.t = t
	return ps
}
