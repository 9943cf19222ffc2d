package pyfront

import (
	"os"
	"path/filepath"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
)

// TestFlattenMatchesCursor checks the one-call flattening against the
// binding's cursor walk, node for node, on real files and broken input.
func TestFlattenMatchesCursor(t *testing.T) {
	g := grammarOnce()
	srcs := map[string][]byte{
		"broken":  []byte("async def f(:\n    x = [1,\n  await\nclass\n"),
		"empty":   nil,
		"unicode": []byte("s = 'é中'\nasync def g():\n    await h('ü')\n"),
		"deep":    []byte("x = " + string(make([]byte, 0)) + "((((((((((1))))))))))\n"),
	}
	// Real code: this package's test cases.
	matches, _ := filepath.Glob("../testdata/python/*/*.py")
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err == nil {
			srcs[m] = b
		}
	}
	for name, src := range srcs {
		p := sitter.NewParser()
		p.SetLanguage(g.lang)
		tr := p.Parse(nil, src)
		want := copyTree(g, tr.RootNode(), src)
		got := flattenTree(g, tr, src)
		if len(got.nodes) != len(want.nodes) {
			t.Fatalf("%s: %d nodes, want %d", name, len(got.nodes), len(want.nodes))
		}
		if cap(got.nodes) != len(got.nodes) {
			t.Errorf("%s: room for %d nodes allocated for %d", name, cap(got.nodes), len(got.nodes))
		}
		for i := range want.nodes {
			if got.nodes[i] != want.nodes[i] {
				t.Fatalf("%s: node %d = %+v, want %+v", name, i, got.nodes[i], want.nodes[i])
			}
		}
		tr.Close()
	}
}
