package pyfront

import (
	"slices"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
)

// TestIncrementalParseMatchesFresh: a tree edited with editTree and parsed
// again with the old tree flattens to exactly the tree a fresh parse of
// the new text gives — rows and columns included, after edits that add
// and remove lines.
func TestIncrementalParseMatchesFresh(t *testing.T) {
	src := []byte("import asyncio\n\n\nasync def f(x):\n    await asyncio.sleep(x)\n    return x\n\n\ndef g():\n    return f(1)\n")
	steps := []struct {
		at, del int
		text    string
	}{
		{at: 15, text: "import time\n"},         // a line added near the top
		{at: 0, del: 15, text: ""},              // a line removed
		{at: 40, text: "\n    time.sleep(1)\n"}, // lines added in a body
		{at: 3, del: 4, text: "é"},              // a multi-byte character
		{at: 0, text: "# a\n# b\n# c\n"},        // three lines at the start
	}
	pool := newParserPool()
	ps := pool.pool.Get().(*sitter.Parser)
	defer pool.pool.Put(ps)
	old := ps.Parse(nil, src)
	for i, st := range steps {
		at := min(st.at, len(src))
		end := min(at+st.del, len(src))
		e := TextEdit(src, at, end, []byte(st.text))
		next := slices.Concat(src[:at:at], []byte(st.text), src[end:])
		if !applyEdits(src, []Edit{e}, next) {
			t.Fatalf("step %d: applyEdits does not reproduce the new text", i)
		}
		editTree(old, e)
		inc := ps.Parse(old, next)
		fresh := ps.Parse(nil, next)
		a := flattenTree(pool.g, inc, next)
		b := flattenTree(pool.g, fresh, next)
		if !slices.Equal(a.nodes, b.nodes) {
			t.Fatalf("step %d: the incremental parse differs from a fresh one", i)
		}
		old.Close()
		fresh.Close()
		old, src = inc, next
	}
	old.Close()
}
