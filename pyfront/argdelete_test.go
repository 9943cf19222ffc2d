package pyfront

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestKeywordDelete checks the span that removes a keyword argument with
// its comma, by applying it and comparing the call's text.
func TestKeywordDelete(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"f(1, loop=l)", "f(1)"},
		{"f(loop=l, maxsize=1)", "f(maxsize=1)"},
		{"f(loop=l)", "f()"},
		{"f(loop=l,)", "f()"},
		{"f(a, b=2, loop=l)", "f(a, b=2)"},
		{"f(\n    a,\n    loop=l,  # c\n)", "f(\n    a,  # c\n)"},
		{"f(\n    # lead\n    loop=l,\n    b=1,\n)", "f(\n    # lead\n    b=1,\n)"},
		{"f(\n    loop=l,\n)", "f(\n    )"},
	} {
		src := "async def g():\n    " + tc.src + "\n"
		dir := t.TempDir()
		p := filepath.Join(dir, "m.py")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		prog := Load([]File{{Path: p}}, asyncir.PythonModels(), Options{}).Program
		var kw *asyncir.Keyword
		for _, f := range prog.Modules[0].Funcs {
			f.Ops(func(op *asyncir.Op) {
				for i := range op.Keywords() {
					if op.Keywords()[i].Name == "loop" {
						kw = &op.Keywords()[i]
					}
				}
			})
		}
		if kw == nil {
			t.Fatalf("%q: no loop keyword", tc.src)
		}
		d := kw.Delete
		got := src[:d.Start.Offset] + src[d.End.Offset:]
		if want := "async def g():\n    " + tc.want + "\n"; got != want {
			t.Errorf("%q: deleting %d..%d gives %q, want %q", tc.src, d.Start.Offset, d.End.Offset, got, want)
		}
	}
}
