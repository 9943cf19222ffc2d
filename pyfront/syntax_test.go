package pyfront

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

func firstSyntaxError(t *testing.T, src string) string {
	t.Helper()
	res := Load([]File{{Path: "m.py", Content: []byte(src)}}, asyncir.PythonModels(), Options{Eager: true})
	if len(res.Program.Modules) != 1 {
		t.Fatalf("modules: %d", len(res.Program.Modules))
	}
	errs := res.Program.Modules[0].SyntaxErrors
	if len(errs) == 0 {
		return ""
	}
	return fmt.Sprintf("%d:%d", errs[0].Start.Line, errs[0].Start.Col)
}

func nestedIfs(n int) string {
	var b strings.Builder
	b.WriteString("x = 1\n")
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat("    ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat("    ", n) + "pass\n")
	return b.String()
}

// TestSyntaxErrorsTreeSitterAccepts: Python 2 syntax, await as a name and
// nesting past CPython's limits are syntax errors at the line CPython
// reports (python3.11 -c 'compile(...)' gave each line by hand).
func TestSyntaxErrorsTreeSitterAccepts(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"import os\n\nprint \"hello\"\n", "3:1"},
		{"x = 1\nexec \"code\"\n", "2:1"},
		{"try:\n    pass\nexcept Exception, e:\n    pass\n", "3:1"},
		{"x = 0777\n", "1:5"},
		{"x = 10L\n", "1:5"},
		{"x = 1\nawait = 3\n", "2:1"},
		{"async def f():\n    await = 3\n", "2:5"},
		{"async = 1\n", "1:1"},
		{"x = `1`\n", "1:5"},
		{"if 1 <> 2:\n    pass\n", "1:4"},
		{"x = ur'a'\n", "1:5"},
		{"raise E, \"msg\"\n", "1:1"},
		{"x = " + strings.Repeat("(", 201) + "1" + strings.Repeat(")", 201) + "\n", "1:205"},
		{nestedIfs(100), "102:401"},
		{nestedIfs(120), "102:401"},
	} {
		if got := firstSyntaxError(t, tc.src); got != tc.want {
			t.Errorf("%.60q: first syntax error at %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestValidPython3IsNotASyntaxError: the near misses of the cases above.
func TestValidPython3IsNotASyntaxError(t *testing.T) {
	for _, src := range []string{
		"print('hello')\nexec('x = 1')\n",
		"print (1, 2)\nprint()\nexec (c, g)\np = print\nprint\nprint(*args, sep='')\n",
		"try:\n    pass\nexcept (ValueError, TypeError) as e:\n    pass\n",
		"x = 0\ny = 00\nz = 0x1F\nw = 0o777\nv = 1_000\nu = 0_0\nl = 0b1\n",
		"async def f(g):\n    await g()\n    async with g() as h:\n        pass\n",
		"x = u'a' + rb'b' + Rb'c' + f'{x}' + 'a`b' + \"(\" + '#'\n",
		"if 1 != 2:\n    pass\n",
		"raise ValueError('m') from None\n",
		"x = " + strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200) + "\n",
		nestedIfs(63), // tree-sitter's scanner gives up at 64 levels (CPython at 100)
		"s = '''\n" + strings.Repeat("(", 300) + "\n'''\n# " + strings.Repeat("[", 300) + "\n",
		"x = [\n" + strings.Repeat(" ", 500) + "1,\n]\n",
	} {
		if got := firstSyntaxError(t, src); got != "" {
			t.Errorf("%.60q: syntax error at %s, want none", src, got)
		}
	}
}
