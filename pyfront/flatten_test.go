package pyfront

import (
	"bytes"
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

// TestParseTextMatchesBinding checks that parsing the text where it lies
// gives the binding's tree, node for node, whole and over included
// ranges, and that the parser is found behind the binding's Parser.
func TestParseTextMatchesBinding(t *testing.T) {
	g := grammarOnce()
	src := []byte("import asyncio\n\nasync def f():\n    await g(1, [2, 3])\n\nx = 1\n\ndef g(a, b):\n    return a\n")
	second := bytes.Index(src, []byte("x = 1"))
	for _, ranges := range [][]sitter.Range{nil, {{StartByte: 0, EndByte: uint32(second), EndPoint: sitter.Point{Row: 5}}}} {
		p := sitter.NewParser()
		p.SetLanguage(g.lang)
		if ranges != nil {
			p.SetIncludedRanges(ranges)
		}
		tr := p.Parse(nil, src)
		want := flattenTree(g, tr, src)
		tr.Close()
		got := parseText(g, p, src, keptTree, nil)
		if got == nil || len(got.nodes) != len(want.nodes) {
			t.Fatalf("ranges %v: got %v, want %d nodes", ranges, got, len(want.nodes))
		}
		for i := range want.nodes {
			if got.nodes[i] != want.nodes[i] {
				t.Fatalf("ranges %v: node %d = %+v, want %+v", ranges, i, got.nodes[i], want.nodes[i])
			}
		}
		if empty := parseText(g, p, nil, keptTree, nil); empty == nil || len(empty.nodes) != 1 || empty.nodes[0].kind != kModule {
			t.Errorf("empty text: %+v", empty)
		}
		p.Close()
	}
}
