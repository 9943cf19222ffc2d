package pyfront

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const partsSrc = `#!/usr/bin/env python3
# leading comment

"""Module docstring: def fake(): ...
"""
import os  # noqa: AL101


def first(x):
    # a comment inside, with a "quote
    s = "# not a comment"  # asynclint: ignore[AL201]
    return x

# between definitions
@decorator(
    1,
)
class Second(Base):
    def method(self):
        def nested_fn():
            pass

    class Inner:
        async def inner_method(self):
            pass
X = [first(1),
     2]


def third():  # noqa
    return """
# inside a string
"""
`

func newTestSplit(t *testing.T, src string) *fileSplit {
	t.Helper()
	fs := splitFile([]byte(src))
	if fs == nil {
		t.Fatal("the text does not split")
	}
	fs.pool, fs.timeout = newParserPool(), time.Minute
	return fs
}

func TestSplitFileSegments(t *testing.T) {
	fs := newTestSplit(t, partsSrc)
	var got []string
	end := 0
	for _, s := range fs.segs {
		if s.start != end {
			t.Errorf("segment at %d does not follow the previous one (ends %d)", s.start, end)
		}
		end = s.end
		first, _, _ := strings.Cut(partsSrc[s.start:s.end], "\n")
		got = append(got, fmt.Sprintf("%s|%v|%s", s.name, s.class, first))
	}
	if end != len(partsSrc) {
		t.Errorf("the segments end at %d, the file at %d", end, len(partsSrc))
	}
	want := []string{
		"|false|#!/usr/bin/env python3", // the leading comments
		`|false|"""Module docstring: def fake(): ...`,
		"|false|import os  # noqa: AL101",
		"first|false|def first(x):",
		"Second|true|@decorator(", // the decorator goes with its class
		"|false|X = [first(1),",
		"third|false|def third():  # noqa",
	}
	if !slices.Equal(got, want) {
		t.Errorf("segments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSplitFileRefuses(t *testing.T) {
	for name, src := range map[string]string{
		"unterminated string":  "x = 1\ndef f():\n    return 'abc\n",
		"unclosed bracket":     "def f():\n    return (1,\n",
		"indented first line":  "  x = 1\ndef f(): pass\n",
		"no definition":        "import os\nx = os.sep\n",
		"deeper than CPython":  "def f():\n    x = " + strings.Repeat("(", 201) + strings.Repeat(")", 201) + "\n",
		"empty":                "",
		"only comments":        "# a\n# b\n",
		"definition in an if":  "if x:\n    def f(): pass\n",
		"definition in a with": "with x:\n    def f(): pass\n",
	} {
		if fs := splitFile([]byte(src)); fs != nil {
			t.Errorf("%s: split into %d segments, want no split", name, len(fs.segs))
		}
	}
}

// TestPartsParseAsWhole parses every other definition of real files with
// included ranges and compares each statement's subtree, and the module
// node, with a parse of the whole file: offsets, rows and columns are the
// whole parse's.
func TestPartsParseAsWhole(t *testing.T) {
	files := []string{"testdata/python/neverawaited/al101_discarded.py", "testdata/python/blockingcall/chain.py"}
	if stdlib, err := filepath.Glob("/usr/lib/python3*/asyncio/*.py"); err == nil {
		files = append(files, stdlib...)
	}
	srcs := map[string]string{"inline": partsSrc, "crlf": strings.ReplaceAll(partsSrc, "\n", "\r\n"), "no final newline": strings.TrimSuffix(partsSrc, "\n")}
	for _, f := range files {
		if b, err := os.ReadFile(filepath.Join("..", f)); err == nil {
			srcs[f] = string(b)
		} else if b, err := os.ReadFile(f); err == nil {
			srcs[f] = string(b)
		}
	}
	p := newParserPool()
	for name, src := range srcs {
		fs := splitFile([]byte(src))
		if fs == nil {
			continue
		}
		fs.pool, fs.timeout = p, time.Minute
		whole := p.parseChunk([]byte(src))
		var some []int
		defs := 0
		for i, s := range fs.segs {
			if s.name == "" || defs%2 == 0 {
				some = append(some, i)
			}
			if s.name != "" {
				defs++
			}
		}
		part := fs.parse(fs.ranges(some))
		if part.nodes[0] != whole.nodes[0] {
			t.Errorf("%s: module node %+v, whole parse %+v", name, part.nodes[0], whole.nodes[0])
		}
		byStart := map[uint32]int32{}
		for c := whole.nodes[0].first; c >= 0; c = whole.nodes[c].next {
			byStart[whole.nodes[c].start] = c
		}
		n := 0
		for c := part.nodes[0].first; c >= 0; c = part.nodes[c].next {
			n++
			wc, ok := byStart[part.nodes[c].start]
			if !ok {
				t.Errorf("%s: statement at %d is not one of the whole parse's", name, part.nodes[c].start)
				continue
			}
			if a, b := subtree(whole, wc), subtree(part, c); a != b {
				t.Errorf("%s: statement at %d:\n%s\nwhole parse:\n%s", name, part.nodes[c].start, b, a)
			}
		}
		if n == 0 {
			t.Errorf("%s: the parse of some ranges has no statements", name)
		}
	}
}

func subtree(t *tree, n int32) string {
	var b strings.Builder
	var walk func(n int32, depth int)
	walk = func(n int32, depth int) {
		nd := t.nodes[n]
		fmt.Fprintf(&b, "%d %d %d %v %v %d-%d %d:%d-%d:%d\n", depth, nd.kind, nd.field, nd.named, nd.missing, nd.start, nd.end, nd.row, nd.col, nd.erow, nd.ecol)
		for c := nd.first; c >= 0; c = t.nodes[c].next {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// TestWaitingSuppressions reads the suppression comments of definitions
// not parsed from their text, at the places a whole parse gives.
func TestWaitingSuppressions(t *testing.T) {
	for _, src := range []string{partsSrc, strings.ReplaceAll(partsSrc, "\n", "\r\n")} {
		fs := newTestSplit(t, src)
		fs.setAside(func(*filePart) bool { return false })
		got := fs.waitingSuppressions("m.py")
		mi := newModuleInfo(&source{path: "m.py", src: []byte(src)}, true)
		whole := suppressions(&lowerer{t: fs.pool.parseChunk([]byte(src)), mi: mi, path: "m.py"})
		var want []string
		for _, s := range whole {
			// Only the definitions' comments: the others are parsed.
			if s.Range.Start.Line >= 9 {
				want = append(want, fmt.Sprintf("%+v", s))
			}
		}
		var gotS []string
		for _, s := range got {
			gotS = append(gotS, fmt.Sprintf("%+v", s))
		}
		if len(want) != 2 || !slices.Equal(gotS, want) {
			t.Errorf("suppressions of the definitions:\n%s\nwhole parse:\n%s", strings.Join(gotS, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestClassesWithMethod(t *testing.T) {
	fs := newTestSplit(t, partsSrc)
	fs.setAside(func(*filePart) bool { return false })
	for name, want := range map[string][]string{
		"method":       {"Second"},
		"inner_method": {"Second"}, // a nested class's method counts
		"nested_fn":    nil,        // a function inside a method does not
		"first":        nil,
		"Inner":        nil,
	} {
		if got := fs.classesWithMethod(name); !slices.Equal(got, want) {
			t.Errorf("classes with method %s: %v, want %v", name, got, want)
		}
	}
}
