package pyfront

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// treeSitterClean is the existing check at its strictest: tree-sitter's
// parse of the spans has no ERROR or MISSING node and legacySyntax finds
// nothing in its tree (finishSyntax looks for the latter only when the
// text scan says it may be there).
func treeSitterClean(pool *parserPool, src []byte, spans [][2]int) bool {
	return newSpanParser(pool, src).clean(spans)
}

// spanParser parses span sets of one file.
type spanParser struct{ fs *fileSplit }

func newSpanParser(pool *parserPool, src []byte) spanParser {
	return spanParser{&fileSplit{src: src, lineStarts: rowStarts(src), pool: pool, timeout: parseTimeout(Options{})}}
}

func (p spanParser) clean(spans [][2]int) bool {
	t := p.fs.parse(p.fs.rangesOf(spans))
	if t == nil {
		return false
	}
	defer t.recycle()
	return !t.hasSyntaxError() && len(legacySyntax(&lowerer{t: t, path: "x.py"})) == 0
}

func whole(src string) [][2]int { return [][2]int{{0, len(src)}} }

// TestRecogniserSnippets: the recogniser accepts common Python 3 that
// tree-sitter parses cleanly, and never accepts what tree-sitter or
// legacySyntax flags.
func TestRecogniserSnippets(t *testing.T) {
	pool := newParserPool()
	for _, src := range recogValid {
		if !treeSitterClean(pool, []byte(src), whole(src)) {
			t.Errorf("%q: tree-sitter flags it (the case is wrong)", src)
		}
		if !recognisePython([]byte(src), whole(src)) {
			t.Errorf("%q: unsure, want valid", src)
		}
	}
	for _, src := range recogInvalid {
		if treeSitterClean(pool, []byte(src), whole(src)) {
			t.Errorf("%q: tree-sitter finds nothing (the case is wrong)", src)
		}
		if recognisePython([]byte(src), whole(src)) {
			t.Errorf("%q: valid, but tree-sitter flags it", src)
		}
	}
	for _, src := range recogUnsure {
		if recognisePython([]byte(src), whole(src)) {
			t.Errorf("%q: valid, want unsure", src)
		}
	}
	// Spans: a class header with some of its members, as leftSpans
	// gives them.
	src := "class A(B):\n    x = 1\n\n    def f(self):\n        return 1\n\n    def g(self, a):\n        return [a\n"
	at := func(s string) int { return strings.Index(src, s) }
	if !recognisePython([]byte(src), [][2]int{{0, at("    x")}, {at("    def f"), at("    def g")}}) {
		t.Errorf("header and f: unsure, want valid")
	}
	if recognisePython([]byte(src), [][2]int{{0, at("    x")}, {at("    def g"), len(src)}}) {
		t.Errorf("header and g: valid, but g does not parse")
	}
	if recognisePython([]byte(src), [][2]int{{0, at("    x")}, {at("def f"), at("    def g")}}) {
		t.Errorf("a span starting inside a line: valid")
	}
}

var recogValid = []string{
	"", "\n\n# only a comment\n", "x = 1\n", "x = 1", "x = 1;\n", "a = b = c\n", "a, *b = c\n", "[a, (b, c)] = d\n",
	"x: int = 1\n", "self.x: List[int]\n", "x += 1\nx //= 2\nx **= 3\nx >>= 1\nx @= m\n",
	"def f(a, b: int = 1, *args, c, d=2, **kw) -> None:\n    pass\n", "def f(a, /, b, *, c):\n    return a\n",
	"async def f():\n    async with a as b, c:\n        await x\n    async for i in y:\n        pass\n    return [i async for i in z]\n",
	"@decorator\n@decorator.attr(1, k=2)\nclass A(B, metaclass=M):\n    '''doc'''\n    def f(self): return self\n",
	"if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n",
	"while x := f():\n    break\nelse:\n    continue\n",
	"for i, (j, k) in enumerate(x):\n    pass\nelse:\n    pass\n",
	"try:\n    pass\nexcept (A, B) as e:\n    raise C from e\nexcept D:\n    raise\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
	"try:\n    pass\nfinally:\n    pass\n",
	"with open(f) as g, h() as (i, j):\n    pass\n",
	"import a.b as c, d\nfrom . import x\nfrom ..a.b import (c as d, e,)\nfrom __future__ import annotations\nfrom m import *\n",
	"global a, b\nnonlocal c\ndel a, b[1], c.d\nassert x, 'msg'\n",
	"x = lambda a, b=1, *c, **d: a if b else c\ny = lambda: (yield)\n",
	"x = [i for i in range(3) if i if not i]\ny = {k: v for k, v in z}\nw = {a for a in b}\ng = (a for a in b)\n",
	"f(a for a in b)\nf(*a, **b, c=1)\nf(x := 1)\n",
	"x = a[1:2, ::3, ...]\ny = a[:]\nz = a[b][c]\n",
	"x = {**a, 'b': 1, **c}\ny = {*a, b}\nz = (*a, b)\nw = [*a]\n",
	"x = not a and b or c\ny = a not in b\nz = a is not b\nw = a < b <= c != d\n",
	"x = -a ** -b + ~c // d % e @ f | g ^ h & i << j >> k\n",
	"x = 'a' \"b\" '''c\nd''' \"\"\"e\"\"\" r'\\d' b'x' rb'\\x' BR\"y\" u'z' f'{a}' F\"{b!r:>{w}}\" fr'x'\n",
	"x = f'{a[\"k\"]} {b(1, 2)} {{c}} {d:%Y-%m-%d} {e!s}'\n",
	"x = f\"\"\"{a}\n{b}\"\"\"\n",
	"x = 0 + 00 + 1_000 + 0x1F + 0o17 + 0b1 + 1.5 + .5 + 1. + 1e10 + 1.5e-3 + 3j + 1_0.0_1e1_0J\n",
	"x = (1,\n     2)  # comment\ny = [\n    3,\n]\n",
	"x = 1 + \\\n    2\n",
	"x = yield\ny = yield a, b\nz = yield from c\nyield\n",
	"print('a')\nprint(f(x), end='')\nexec('x')\n",
	"match = re.match(p, s)\ntype = 1\nx = match.group(1)\n",
	"class A:\n    def f(self):\n        if x:\n            return 1\n\n        return 2\n\n\n    def g(self): pass\n",
	"x = a if b else c\ny = [a if b else c for a in d]\n",
	"x = 1\r\ny = 2\r\n",
	"if x:\n    # comment\n    pass\n  # odd comment\nelse:\n    pass\n",
	"x = '''é'''\n# ñ\n",
	"@property\ndef f(self): return x\n",
	"x = ()\ny = []\nz = {}\nw = (1,)\n",
	"return_value = a\n",
	"for x in 1, 2:\n    pass\n",
	"def f():\n    return 1, 2\n", "class A:\n    x = [\n        1,\n]\n    y = f(\n  )\n",
	"x = f\"{x=} {y = !r:>10} {a<=b=}\"\n", "type(x).a = 1\ntype, v = 1, 2\nmatch, rest = a\nmatch(x)\n",
	"del(x)\nfor (x) in y: pass\n(a) += 1\n", "with (a / b).open() as f:\n    pass\n", "x = 'a\\\nb'\n", "print(x)  # c\n",
}

var recogInvalid = []string{
	"x = (1,\n", "x = [1, 2\ny = 3\n", "def f(:\n    pass\n", "x = = 1\n", "if x\n    pass\n", "return 1 2\n",
	"print \"x\"\n", "print x\n", "exec \"code\"\n", "x = `1`\n", "if 1 <> 2:\n    pass\n", "x = 0777\n", "x = 10L\n",
	"x = ur'a'\n", "try:\n    pass\nexcept E, e:\n    pass\n", "raise E, 'msg'\n", "async = 1\n", "await = 2\n",
	"class A\n    pass\n", "x = 'abc\n", "x = '''abc\n",
	"f(a b)\n", "x = 1 +\n", "x = (yield\n", "a[]\n",
	"x = {1: 2, 3}\n", "for in x:\n    pass\n", "import\n", "from import x\n", "del\n",
	"x = f'{a b}'\n", "with:\n    pass\n", "try:\n    pass\n", "@dec\nx = 1\n", "x = 1 if 2\n", "a.1\n",
	"x = )\n", "x = *0,\n", "x = 1, *(a)\n", "[*0] = x\n", "*0,\n", "A: x[1][2]\n", "A: A[0:]\n", "def f(a: x[1](2)): pass\n", "#\x00\n", "from __future__ import *\n", "class A:\n    def f():\n        (a.\n    b)\n",
}

// recogUnsure are texts Python rejects but tree-sitter's error recovery
// leaves without an error node: the recogniser need not accept them.
var recogUnsure = []string{
	"def f():\npass\n", "if x:\n    a\n   b\n", "  x = 1\n", "else:\n    pass\n", "def f():\n    return\n  x\n",
	"lambda x: pass\n", "def f(a, (b, c)):\n    pass\n", "x = 1\n\tif y: pass\n",
}

// FuzzRecogniser: whatever the recogniser calls valid, tree-sitter
// parses cleanly and legacySyntax finds nothing in. The seeds run as an
// ordinary test; fuzz with go test ./pyfront -fuzz FuzzRecogniser.
func FuzzRecogniser(f *testing.F) {
	for _, s := range recogValid {
		f.Add([]byte(s))
	}
	for _, s := range recogInvalid {
		f.Add([]byte(s))
	}
	addStatementSeeds(f)
	pool := newParserPool()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<14 || !recognisePython(src, [][2]int{{0, len(src)}}) {
			return
		}
		if !treeSitterClean(pool, src, [][2]int{{0, len(src)}}) {
			t.Fatalf("valid, but tree-sitter or legacySyntax flags %q", src)
		}
	})
}

// addStatementSeeds adds real statements to a fuzz target's seeds, for
// the mutator to break: the small segments of a few standard-library
// modules.
func addStatementSeeds(f *testing.F) {
	if out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output(); err == nil {
		for _, name := range []string{"asyncio/tasks.py", "json/encoder.py", "string.py", "dataclasses.py", "argparse.py"} {
			src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), name))
			if fs := splitFile(src); err == nil && fs != nil {
				for _, s := range fs.segs {
					if s.end-s.start <= 2000 {
						f.Add(src[s.start:s.end])
					}
				}
			}
		}
	}
}

// corpusFiles lists the .py files of the differential test: the
// machine's standard library, the system's dist-packages when present,
// and the repository's test data. Unless PYRECOG_FULL is set, the
// stdlib's site-packages are left out and every seventh file of the
// stdlib (every 40th of dist-packages) is taken, by path order, so the
// sample is the same each run.
func corpusFiles(t testing.TB) []string {
	full := os.Getenv("PYRECOG_FULL") != ""
	type root struct {
		dir    string
		stride int
	}
	var roots []root
	if out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output(); err == nil {
		roots = append(roots, root{strings.TrimSpace(string(out)), 7})
	} else {
		t.Logf("no python3 stdlib: %v", err)
	}
	if _, err := os.Stat("/usr/lib/python3/dist-packages"); err == nil {
		roots = append(roots, root{"/usr/lib/python3/dist-packages", 40})
	} else {
		t.Logf("skipping /usr/lib/python3/dist-packages: absent")
	}
	var files []string
	for _, r := range roots {
		n := 0
		filepath.WalkDir(r.dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && d.Name() == "site-packages" && !full {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".py") {
				return nil
			}
			if n++; full || n%r.stride == 0 {
				files = append(files, p)
			}
			return nil
		})
	}
	filepath.WalkDir("../testdata/python", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// spanSet is a set of spans the fast path asks about, and what it is.
type spanSet struct {
	spans   [][2]int
	segment bool // one top-level segment; the segments make up the file
}

// spanSets are the span sets the fast path asks about in src: the whole
// file (first), each top-level segment, and each class's header with its
// member parts (all of them, and the first alone).
func spanSets(src []byte) []spanSet {
	sets := []spanSet{{spans: [][2]int{{0, len(src)}}}}
	fs := splitFileWith(src, newRunNames())
	if fs == nil {
		return sets
	}
	for i, s := range fs.segs {
		sets = append(sets, spanSet{spans: [][2]int{{s.start, s.end}}, segment: true})
		if s.mhi > s.mlo {
			sets = append(sets, spanSet{spans: fs.leftSpans(i, func(*memberPart) bool { return true })})
			m := fs.members[s.mlo]
			sets = append(sets, spanSet{spans: [][2]int{{s.start, s.header}, {m.start, m.end}}})
		}
	}
	return sets
}

// TestRecogniserDifferential: on real files, no span set the recogniser
// calls valid is flagged by tree-sitter or legacySyntax; it reports how
// much of the text is answered without tree-sitter.
func TestRecogniserDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a corpus")
	}
	pool := newParserPool()
	var sets, accepted, flagged, bytesAll, bytesAccepted int
	for _, path := range corpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		sp := newSpanParser(pool, src)
		var wholeClean, segsClean bool
		segs := 0
		for k, set := range spanSets(src) {
			spans := set.spans
			valid := recognisePython(src, spans)
			clean := sp.clean(spans)
			if k == 0 {
				wholeClean, segsClean = clean, true
			}
			if set.segment {
				segs++
				segsClean = segsClean && clean
			}
			size := 0
			for _, sp := range spans {
				size += sp[1] - sp[0]
			}
			if k > 0 { // the parts, as the fast path asks
				sets++
				bytesAll += size
				if valid {
					accepted++
					bytesAccepted += size
				}
			}
			if !clean {
				flagged++
				if valid {
					t.Errorf("%s %v: the recogniser says valid, tree-sitter or legacySyntax flags it", path, spans)
				}
			}
		}
		// finishSyntax parses only the parts the recogniser is unsure
		// of: a file's parts are clean together when each is alone.
		if segs > 0 && wholeClean != segsClean {
			t.Errorf("%s: clean as a whole %v, its segments each %v", path, wholeClean, segsClean)
		}
	}
	if sets == 0 {
		t.Skip("no corpus")
	}
	t.Logf("%d span sets, %d accepted (%.1f%%), %.1f%% of %d bytes; %d sets flagged by tree-sitter",
		sets, accepted, 100*float64(accepted)/float64(sets), 100*float64(bytesAccepted)/float64(bytesAll), bytesAll, flagged)
}

// benchCorpus is, for each sampled corpus file that splits, its segments
// after the first (what finishSyntax's rest holds when none of the
// definitions was wanted), with its size.
func benchCorpus(b *testing.B) (srcs [][]byte, rests [][][2]int, size int64) {
	for _, path := range corpusFiles(b) {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		fs := splitFile(src)
		if fs == nil || len(fs.segs) < 2 {
			continue
		}
		var rest [][2]int
		for _, s := range fs.segs[1:] {
			rest = append(rest, [2]int{s.start, s.end})
			size += int64(s.end - s.start)
		}
		srcs, rests = append(srcs, src), append(rests, rest)
	}
	if len(srcs) == 0 {
		b.Skip("no corpus")
	}
	return srcs, rests, size
}

// BenchmarkRecogniser and BenchmarkErrorsOnlyParse compare the
// recogniser's throughput with tree-sitter's errorsOnly parse of the same
// spans (b.SetBytes: MB/s is of the spans' text).
func BenchmarkRecogniser(b *testing.B) {
	srcs, rests, size := benchCorpus(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, src := range srcs {
			recognisePython(src, rests[k])
		}
	}
}

func BenchmarkErrorsOnlyParse(b *testing.B) {
	srcs, rests, size := benchCorpus(b)
	pool := newParserPool()
	fss := make([]*fileSplit, len(srcs))
	for k, src := range srcs {
		fss[k] = &fileSplit{src: src, lineStarts: rowStarts(src), pool: pool, timeout: parseTimeout(Options{})}
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, fs := range fss {
			pool.parse(fs.src, fs.rangesOf(rests[k]), fs.timeout, errorsOnly, nil)
		}
	}
}

// TestRecogniserMutations: real statements with one byte or one token
// deleted (a deterministic sample of each corpus file's segments; all
// of them with PYRECOG_FULL) are mostly broken; whenever the recogniser
// calls such a text valid, tree-sitter and legacySyntax must agree.
func TestRecogniserMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a corpus")
	}
	pool := newParserPool()
	var tried, accepted int
	mutate(t, 1, func(seg []byte) bool { return recognisePython(seg, whole(string(seg))) }, func(path string, text, deleted []byte, at int) {
		tried++
		if !recognisePython(text, whole(string(text))) {
			return
		}
		accepted++
		if !treeSitterClean(pool, text, whole(string(text))) {
			t.Errorf("%s: valid with %q deleted at %d, but tree-sitter or legacySyntax flags:\n%s", path, deleted, at, text)
		}
	})
	t.Logf("%d mutations, %d called valid and checked", tried, accepted)
}

// mutate calls try with real statements with one byte or one token
// deleted: three of each segment keep takes, of every fourth corpus
// file (all of them with PYRECOG_FULL), the same each run for a seed.
func mutate(t *testing.T, seed uint64, keep func(seg []byte) bool, try func(path string, text, deleted []byte, at int)) {
	full := os.Getenv("PYRECOG_FULL") != ""
	random := func(n int) int { // xorshift: the same sample each run
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	for f, path := range corpusFiles(t) {
		if !full && f%4 != 0 {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		fs := splitFile(src)
		if fs == nil {
			continue
		}
		for _, s := range fs.segs {
			seg := src[s.start:s.end]
			if len(seg) < 2 || len(seg) > 4000 || !keep(seg) {
				continue
			}
			for range 3 {
				i := random(len(seg))
				j := i + 1
				if random(2) == 0 { // a token: a run of name bytes, or one other byte
					for j < len(seg) && isASCIIIdent(seg[i]) && isASCIIIdent(seg[j]) {
						j++
					}
				}
				try(path, append(append([]byte{}, seg[:i]...), seg[j:]...), seg[i:j], i)
			}
		}
	}
}
