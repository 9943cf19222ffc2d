package pyfront

import (
	"strings"
	"testing"
)

// TestLegacyScanFindsWhatLegacySyntaxFinds: whenever legacySyntax finds
// something in a text's tree, the text scan says it may; the clean texts
// below (names, prose and format specs that look like the tokens) are
// answered without the tree.
func TestLegacyScanFindsWhatLegacySyntaxFinds(t *testing.T) {
	pool := newParserPool()
	legacy := []string{
		"import os\n\nprint \"hello\"\n",
		"print >>f, x\n",
		"x = 1\nexec \"code\"\n",
		"try:\n    pass\nexcept Exception, e:\n    pass\n",
		"try:\n    pass\nexcept (A,\n        B), e:\n    pass\n",
		"x = 0777\n", "x = 10L\n", "x = 00_7\n",
		"x = 1\nawait = 3\n", "async = 1\n",
		"x = `1`\n", "if 1 <> 2:\n    pass\n",
		"x = ur'a'\n", "x = UR\"a\"\n",
		"raise E, \"msg\"\n", "raise E, v, tb\n",
		"x = f'{0777}'\n", "x = f\"{async}\"\n", "x = f'''{\n`1`}'''\n",
		"x = f'{y:{0777}}'\n",
	}
	for _, src := range legacy {
		tr := pool.parse([]byte(src), nil, parseTimeout(Options{}), keptTree, nil)
		if len(legacySyntax(&lowerer{t: tr, path: "m.py"})) == 0 {
			t.Errorf("%q: legacySyntax finds nothing (the case is wrong)", src)
		}
		if !mayHoldLegacySyntax([]byte(src), [][2]int{{0, len(src)}}) {
			t.Errorf("%q: the scan misses what legacySyntax finds", src)
		}
	}
	clean := []string{
		"print('hello')\nexec('x = 1')\nprint (1, 2)\nprint()\n",
		"# print the value; async is fine in a comment, as are 0777 and <>\n",
		"def f():\n    \"\"\"Print the value; await nothing, `quoted`, ur'x'.\"\"\"\n",
		"try:\n    pass\nexcept (ValueError, TypeError) as e:\n    raise ValueError('a, b') from e\n",
		"x = 0\ny = 00\nz = 0x1F\nw = 0o777\nv = 1_000\nu = 0.05\nt = 1.0777\n",
		"x = u'a' + rb'b' + Rb'c' + 'a`b' + \"(\" + '#'\n",
		"x = f'{n:02d} {y!r:>10} {{print it}} {z:{w}}' + F\"it's {v}\"\n",
		"raise\n", "raise E\n",
	}
	for _, src := range clean {
		if mayHoldLegacySyntax([]byte(src), [][2]int{{0, len(src)}}) {
			t.Errorf("%q: the scan answers maybe for valid Python 3", src)
		}
	}
}

// TestErrorsOnlyParse: the root's error flag agrees with a walk of the
// flattened tree.
func TestErrorsOnlyParse(t *testing.T) {
	pool := newParserPool()
	for _, src := range []string{
		"def f(:\n    pass\n", "x = (1,\n", "class C:\npass\n", "x = [1, 2]\n",
		"def f():\n    return 1\n", strings.Repeat("y = g(x)\n", 100),
	} {
		timeout := parseTimeout(Options{})
		flat := pool.parse([]byte(src), nil, timeout, keptTree, nil)
		quick := pool.parse([]byte(src), nil, timeout, errorsOnly, nil)
		if quick.broken != flat.hasSyntaxError() || len(quick.nodes) != 0 {
			t.Errorf("%q: errorsOnly broken=%v (%d nodes), the flattened tree has an error: %v", src, quick.broken, len(quick.nodes), flat.hasSyntaxError())
		}
	}
}
