package pyfront

import (
	"os"
	"path/filepath"
	"testing"
)

// A stored tree reads back as the same nodes; a file that is not a tree
// of the text is refused.
func TestLibTrees(t *testing.T) {
	c := newLibTrees(t.TempDir())
	if c == nil {
		t.Fatal("no tree cache")
	}
	src := []byte("import os\nclass A(B):\n    def f(self) -> int:\n        return 1\n")
	parsed := newParserPool().parseChunk(src)
	if c.load(src) != nil {
		t.Fatal("a tree before any was stored")
	}
	c.store(parsed)
	got := c.load(src)
	if got == nil || len(got.nodes) != len(parsed.nodes) {
		t.Fatalf("stored %d nodes, read back %v", len(parsed.nodes), got)
	}
	for i := range got.nodes {
		if got.nodes[i] != parsed.nodes[i] {
			t.Fatalf("node %d: %+v, stored %+v", i, got.nodes[i], parsed.nodes[i])
		}
	}
	if c.load(append(src, '#')) != nil {
		t.Error("a tree of another text")
	}
	os.WriteFile(c.path(src), []byte("short"), 0o644)
	if c.load(src) != nil {
		t.Error("a truncated file read as a tree")
	}
	if entries, _ := os.ReadDir(filepath.Dir(c.path(src))); len(entries) != 1 {
		t.Errorf("%d files in the cache, want 1", len(entries))
	}
}
