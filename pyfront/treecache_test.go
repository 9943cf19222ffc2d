package pyfront

import (
	"testing"

	"github.com/asynclint/asynclint/asyncir"
)

// TestTreeCache: an unchanged file reuses its tree, a changed one is parsed
// again, and the bound evicts the least recently used tree.
func TestTreeCache(t *testing.T) {
	c := NewTreeCache(1 << 30)
	load := func(path, src string) {
		t.Helper()
		res := Load([]File{{Path: path, Content: []byte(src)}}, asyncir.PythonModels(), Options{Eager: true, Trees: c})
		if len(res.Program.Modules) != 1 {
			t.Fatalf("modules: %d", len(res.Program.Modules))
		}
	}
	load("a.py", "async def f():\n    pass\n")
	first := c.entries["a.py"].t
	load("a.py", "async def f():\n    pass\n")
	if c.entries["a.py"].t != first {
		t.Error("unchanged content was parsed again")
	}
	load("a.py", "async def g():\n    pass\n")
	if c.entries["a.py"].t == first || string(c.entries["a.py"].t.src) != "async def g():\n    pass\n" {
		t.Error("changed content reused the old tree")
	}
	one := c.entries["a.py"].cost
	c.maxBytes = 2*one + one/2 // room for two trees of this size
	load("b.py", "async def g():\n    pass\n")
	load("a.py", "async def g():\n    pass\n") // a.py is now the most recent
	load("c.py", "async def g():\n    pass\n")
	if _, ok := c.entries["b.py"]; ok || len(c.entries) != 2 {
		t.Errorf("after a third tree: %d entries, b.py kept %v; want the least recently used (b.py) evicted", len(c.entries), ok)
	}
}
