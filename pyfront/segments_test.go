package pyfront

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/asynclint/asynclint/asyncir"
)

// segmentCorpus is real code to lower both ways: this repository's
// Python cases, and the standard library's asyncio package and a few
// large modules when python3 is installed.
func segmentCorpus(t *testing.T) []string {
	files, _ := filepath.Glob("../testdata/python/*/*.py")
	more, _ := filepath.Glob("../examples/*/*.py")
	files = append(files, more...)
	if out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output(); err == nil {
		lib := strings.TrimSpace(string(out))
		more, _ := filepath.Glob(filepath.Join(lib, "asyncio", "*.py"))
		files = append(files, more...)
		for _, f := range []string{"typing.py", "_pydecimal.py", "subprocess.py", "argparse.py", "pydoc_data/topics.py", "test/test_grammar.py"} {
			files = append(files, filepath.Join(lib, f))
		}
	}
	if len(files) == 0 {
		t.Skip("no corpus")
	}
	return files
}

// TestSegmentsLowerAsWhole lowers each file of the corpus whole and in
// segments cut at every top-level statement boundary, and compares the
// linked IR op for op.
func TestSegmentsLowerAsWhole(t *testing.T) {
	defer func(n, m int) { segmentSize, constMin = n, m }(segmentSize, constMin)
	constMin = 1 // every module-level display of constants is read, not parsed
	segmented := 0
	for _, path := range segmentCorpus(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		segmentSize = 1 << 30
		whole := dumpLoad(Load([]File{{Path: path, Content: src}}, asyncir.PythonModels(), Options{Eager: true, KeepSession: true}))
		segmentSize = 1
		if splitSegments(src, segmentSize) != nil {
			segmented++
		}
		split := dumpLoad(Load([]File{{Path: path, Content: src}}, asyncir.PythonModels(), Options{Eager: true, KeepSession: true}))
		sameDump(t, path+": lowered in segments", whole, split)
	}
	if segmented < 10 {
		t.Errorf("only %d files were split into segments", segmented)
	}
}

// TestSegmentsEdgeCases: a file whose text does not scan is not split,
// one with a syntax error in a segment is lowered whole (its error and
// the code after it as the whole-file parse recovers them), and what is
// read from the tree besides the code (Python 2 syntax, suppressions,
// where an import goes, version tests) is the whole file's.
func TestSegmentsEdgeCases(t *testing.T) {
	defer func(n, m int) { segmentSize, constMin = n, m }(segmentSize, constMin)
	segmentSize, constMin = 1, 1
	cases := map[string]string{
		"unterminated": "import asyncio\nasync def f():\n    pass\nx = '''\ndef g():\n    pass\n",
		"error":        "import asyncio\nasync def f():\n    pass\ndef g(:\n    asyncio.sleep(1)\nasync def h():\n    g()\n",
		"decorated":    "import asyncio\n@decorate\n# between\ndef g():\n    pass\nasync def h():\n    g()\n",
		"clauses":      "import asyncio\ntry:\n    import uvloop\nexcept ImportError:\n    pass\nelse:\n    uvloop.install()\nfinally:\n    pass\nasync def h():\n    pass\n",
		"continued":    "import asyncio\nx = 1 + \\\nf()\nasync def h():\n    pass\n",
		"legacy":       "import asyncio\nx = 0777\nasync def h():\n    print 'x'\ny = ur'x'\n",
		"suppressed":   "import asyncio\nimport time\nasync def h():\n    time.sleep(1)  # noqa: AL201\n# asynclint: ignore AL101\nasync def g():\n    h()  # asynclint: ignore[AL101]\n",
		"header":       "#!/usr/bin/env python\n\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\nfrom __future__ import division\nx = 1\n",
		"tables": "import asyncio\nA = {'k': (0, -1, 'x' 'y'), 2: [None, True, 1.5e-3, 0x1F, .5j], (1, 2): {1, 2}, 'n': ('p'), 'm': ((1,)), 'e': ()}\n" +
			"B = [\n    {},  # a comment after it\n    [],\n]  # noqa: AL101\nC = (\n  'a'\n  rb'b'\n)\nD = (1)\nE = (None)\nF = {'a': - 1, 'b': ~2, 'c': +3,}\n" +
			"G = [f'{x}', 1]\nH = [x, 1]\nI = [0777, 1]\nJ = [ur'x']\nK = {**A}\nL = [1] ; M = 2\nN = [1 if x else 2]\nO = (1, 2) + (3,)\nR = [..., 1]\nS = ['a' b'x' 'c']\n" +
			"async def h():\n    for k in A:\n        await k\n",
		"broken tables": "import asyncio\nA = [1]\nP = [1.2.3]\nQ = {1: 2, 3}\nR = ['a\n']\nasync def h():\n    pass\n",
		"versions":      "import sys\nimport asyncio\nif sys.version_info < (3, 8):\n    raise ImportError\nasync def h():\n    asyncio.get_event_loop()\n",
	}
	for name, src := range cases {
		segmentSize = 1 << 30
		whole := dumpLoad(Load([]File{{Path: name + ".py", Content: []byte(src)}}, asyncir.PythonModels(), Options{Eager: true, KeepSession: true}))
		segmentSize = 1
		split := dumpLoad(Load([]File{{Path: name + ".py", Content: []byte(src)}}, asyncir.PythonModels(), Options{Eager: true, KeepSession: true}))
		if whole != split {
			t.Errorf("%s: lowered in segments differs:\n%s\nwhole:\n%s", name, split, whole)
		}
	}
	if segs := splitSegments([]byte(cases["unterminated"]), 1); segs != nil {
		t.Errorf("unterminated string split: %v", segs)
	}
	// Neither a decorated definition nor a clause of a compound statement
	// nor a continuation line starts a segment.
	for _, name := range []string{"decorated", "clauses", "continued"} {
		src := cases[name]
		for _, s := range splitSegments([]byte(src), 1) {
			line := src[s.start:]
			if strings.HasPrefix(line, "def g") || strings.HasPrefix(line, "except") || strings.HasPrefix(line, "else") || strings.HasPrefix(line, "finally") || strings.HasPrefix(line, "f()") {
				t.Errorf("%s: a segment starts at %q", name, line)
			}
		}
	}
}

// sameDump fails the test at the first line where dump differs from
// whole (dumpLoad's output), what naming the other way of loading.
func sameDump(t *testing.T, what, whole, dump string) {
	t.Helper()
	if whole == dump {
		return
	}
	a, b := strings.Split(whole, "\n"), strings.Split(dump, "\n")
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			t.Fatalf("%s differs at line %d:\nwhole: %s\nother: %s", what, i, a[i], b[i])
		}
	}
	t.Fatalf("%s differs: %d lines, whole %d", what, len(b), len(a))
}

// dumpLoad prints the project modules' IR: every function, block and
// op with its positions, names, resolved callees and types, and values
// by the op that defines them with their symbolic types.
func dumpLoad(r *Result) string {
	var sb strings.Builder
	syms := map[*asyncir.Value]*sym{}
	for _, mi := range r.linked.lowered {
		for _, f := range mi.mod.Funcs {
			f.Ops(func(op *asyncir.Op) {
				if s := mi.symOf(op.Result); s != nil {
					syms[op.Result] = s
				}
			})
		}
	}
	for _, m := range r.Program.Modules {
		ids := map[*asyncir.Op]string{}
		for fi, f := range m.Funcs {
			for bi, b := range f.Blocks {
				for oi, op := range b.Ops {
					ids[op] = fmt.Sprintf("f%d.b%d.o%d", fi, bi, oi)
				}
			}
		}
		val := func(v *asyncir.Value) string {
			if v == nil {
				return "nil"
			}
			if id, ok := ids[v.Def]; ok {
				return id
			}
			return "?"
		}
		vals := func(vs []*asyncir.Value) string {
			var out []string
			for _, v := range vs {
				out = append(out, val(v))
			}
			return "[" + strings.Join(out, " ") + "]"
		}
		rng := func(r asyncir.Range) string {
			return fmt.Sprintf("%s:%d:%d@%d-%d:%d@%d", r.File, r.Start.Line, r.Start.Col, r.Start.Offset, r.End.Line, r.End.Col, r.End.Offset)
		}
		rngs := func(rs []asyncir.Range) string {
			var out []string
			for _, r := range rs {
				out = append(out, rng(r))
			}
			return strings.Join(out, " ")
		}
		name := func(f *asyncir.Func) string {
			if f == nil {
				return ""
			}
			return f.QualName
		}
		typ := func(t asyncir.Type) string {
			s := fmt.Sprintf("%d/%d/%s/%s/%s/%s", t.Kind, t.Await, t.Name(), name(t.Origin), t.OriginName, t.External)
			if t.Elem != nil {
				s += fmt.Sprintf(" elem %d/%s", t.Elem.Kind, t.Elem.Name())
			}
			if t.Result != nil {
				s += fmt.Sprintf(" result %d/%s", t.Result.Kind, t.Result.Name())
			}
			return s
		}
		fmt.Fprintf(&sb, "module %s %s async=%v lowered=%v insert=%v lines=%d\n", m.Name, m.Path, m.HasAsync, m.Lowered, m.ImportInsert, len(m.LineStarts))
		fmt.Fprintf(&sb, " errors %s\n", rngs(m.SyntaxErrors))
		for _, s := range m.Suppressions {
			fmt.Fprintf(&sb, " suppression %d %v %s %v %q\n", s.Line, s.Codes, rng(s.Range), s.Bare, s.Malformed)
		}
		for _, i := range m.Imports {
			fmt.Fprintf(&sb, " import %s %s %s %s\n", i.Module, i.Name, i.Alias, rng(i.Range))
		}
		for _, c := range m.Classes {
			methods := slices.Sorted(func(yield func(string) bool) {
				for k := range c.Methods {
					if !yield(k) {
						return
					}
				}
			})
			fmt.Fprintf(&sb, " class %s %s bases %d %v methods %v attrs %d\n", c.QualName, rng(c.Range), len(c.Bases), c.ExternalBases, methods, len(c.Attrs))
		}
		for fi, f := range m.Funcs {
			captured := slices.Sorted(func(yield func(string) bool) {
				for k := range f.Captured {
					if !yield(k) {
						return
					}
				}
			})
			fmt.Fprintf(&sb, " func f%d %s kind=%d %s name=%s parent=%s decorators=%v static=%v cm=%v prop=%v result=%s captured=%v body=%v\n",
				fi, f.QualName, f.Kind, rng(f.Range), rng(f.NameRange), name(f.Parent), f.Decorators, f.Static, f.ClassMeth, f.Property, typ(f.CallResult), captured, f.BodyStart)
			for _, prm := range f.Params {
				fmt.Fprintf(&sb, "  param %s %s %s %d %q\n", prm.Name, typ(prm.Type), rng(prm.Range), prm.Kind, prm.Default)
			}
			for bi, b := range f.Blocks {
				var succs, preds, handlers []int
				for _, s := range b.Succs {
					succs = append(succs, s.Index)
				}
				for _, s := range b.Preds {
					preds = append(preds, s.Index)
				}
				for _, s := range b.Handlers {
					handlers = append(handlers, s.Index)
				}
				fmt.Fprintf(&sb, "  block b%d index=%d succs=%v preds=%v exit=%v loop=%v raises=%v handlers=%v handler=%v catch=%s versions=%v guard=%+v\n",
					bi, b.Index, succs, preds, b.Exit, b.LoopHead, b.Raises, handlers, b.Handler, vals(b.Catch()), b.Versions, b.Guard)
				for _, op := range b.Ops {
					var kws []string
					for _, k := range op.Keywords() {
						kws = append(kws, fmt.Sprintf("%s=%s@%s-%s", k.Name, val(k.Value), rng(k.Range), rng(k.Delete)))
					}
					var defs []string
					for _, d := range op.Defs() {
						defs = append(defs, ids[d])
					}
					cls := ""
					if op.Class() != nil {
						cls = op.Class().QualName
					}
					fmt.Fprintf(&sb, "   %s %s %s star=%v global=%v async=%v er=%v ewb=%v idx=%d callee=%s class=%s ext=%s method=%s recv=%s args=%s kw=%v var=%s attr=%s operand=%s cmp=%s captures=%s defs=%v\n",
						ids[op], op.Kind, rng(op.Range), op.Star, op.Global, op.Async, op.ExpectRaise, op.ExpectWouldBlock, op.Index,
						name(op.Callee), cls, op.External, op.Method, val(op.Recv), vals(op.Args), kws, op.Var, op.Attr, val(op.Operand), op.Compare(), vals(op.Captures()), defs)
					if r := op.Result; r != nil {
						var uses []string
						for _, u := range r.Uses {
							uses = append(uses, fmt.Sprintf("%d:%s", u.Kind, ids[u.Op]))
						}
						symbolic := "-"
						if s := syms[r]; s != nil {
							symbolic = fmt.Sprintf("%d:%s:%s", s.kind, s.name, val(s.base))
						}
						fmt.Fprintf(&sb, "    = %s sym=%s elems=%s const=%q uses=%v\n", typ(r.Type()), symbolic, vals(r.Elems()), r.Const(), uses)
					}
				}
			}
		}
	}
	return sb.String()
}

// TestConstDisplayScan: what is read instead of parsed is a display of
// constants only; anything tree-sitter would make more of is left to it.
func TestConstDisplayScan(t *testing.T) {
	for _, line := range []string{
		"A = {'k': (0, -1, 'x' 'y'), 2: [None, True, 1.5e-3, 0x1F, .5j]}\n",
		"B = [\n    {},\n    [],\n]  # noqa\n",
		"C = (\n  'a'\n  rb'b'\n)\n",
		"D = (1)\n",
		"E = {1, 2,}\n",
		"F = ['''a\nb''', \"c\\\"\"]\n",
	} {
		d := constDisplayStart([]byte(line))
		if _, ok := scanConstDisplay([]byte(line), d); d < 0 || !ok {
			t.Errorf("%q: not read as a data table", line)
		}
	}
	for _, line := range []string{
		"G = [f'{x}', 1]\n", "H = [x, 1]\n", "I = [0777, 1]\n", "J = [ur'x']\n", "K = {**A}\n",
		"L = [1] ; M = 2\n", "N = [1 if x else 2]\n", "O = (1, 2) + (3,)\n", "R = [..., 1]\n",
		"P = [1.2.3]\n", "Q = {1: 2, 3}\n", "S = ['a\n']\n", "T = [1, # c\n 2]\n", "U = [1, \\\n 2]\n",
		"V = [1L]\n", "V = [abc'x']\n", "V = [rbu'x']\n", "V = [fr'x']\n", "V = ['x' abc]\n", "W = (1 2)\n", "X = [1, 2\n", "Y = {'a': 1, 'b'}\n", "Z = [-x]\n",
	} {
		if d := constDisplayStart([]byte(line)); d >= 0 {
			if _, ok := scanConstDisplay([]byte(line), d); ok {
				t.Errorf("%q: read as a data table", line)
			}
		}
	}
	for _, line := range []string{"A == [1]\n", "A += [1]\n", "A.b = [1]\n", "A = B = [1]\n", "1 = [1]\n", "A: list = [1]\n"} {
		if d := constDisplayStart([]byte(line)); d >= 0 {
			t.Errorf("%q: taken for NAME = <display>", line)
		}
	}
}

// FuzzConstDisplay: the scan of a data table never panics, and what it
// reads ends inside the text.
func FuzzConstDisplay(f *testing.F) {
	f.Add([]byte("A = {'k': (0, -1, 'x' 'y'), 2: [None, True, 1.5e-3, 0x1F, .5j]}\n"))
	f.Add([]byte("C = (\n  'a'\n  rb'b'\n)\n"))
	f.Add([]byte("F = ['''a\nb''', \"c\\\"\"]\n"))
	f.Fuzz(func(t *testing.T, line []byte) {
		if d := constDisplayStart(line); d >= 0 {
			if lit, ok := scanConstDisplay(line, d); ok && (lit.start != d || lit.end > len(line) || lit.end <= lit.start) {
				t.Fatalf("%q: read [%d, %d)", line, lit.start, lit.end)
			}
		}
	})
}

// TestSegmentsGiveUpWhenLate checks that a module lowered in segments
// whose parse runs out of the file's time is given up with the warning,
// not parsed again whole (which would take longer still).
func TestSegmentsGiveUpWhenLate(t *testing.T) {
	defer func(n int) { segmentSize = n }(segmentSize)
	segmentSize = 1
	src := []byte("import asyncio\n\nasync def a():\n    await asyncio.sleep(1)\n\nasync def b():\n    a()\n")
	if splitSegments(src, segmentSize) == nil {
		t.Fatal("the module is not cut into segments")
	}
	whole := 0
	parseRequestHook = func(req []byte, ranges []sitter.Range, _ treeUse) {
		if len(ranges) == 0 && len(req) == len(src) {
			whole++
		}
	}
	defer func() { parseRequestHook = nil }()
	res := Load([]File{{Path: "late.py", Content: src}}, asyncir.PythonModels(), Options{Eager: true, Timeout: time.Nanosecond})
	if whole != 0 {
		t.Errorf("the module was parsed whole %d times after its segments ran out of time", whole)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Message, "did not finish") {
		t.Errorf("warnings %v, want one that the parse did not finish", res.Warnings)
	}
}
